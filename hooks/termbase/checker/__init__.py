"""The data-set checker: rules compiled from data/data-elements.yml and the column classifier.

The command line uses these modules; the browser runs the same rules (data-set-checker.js).
"""
