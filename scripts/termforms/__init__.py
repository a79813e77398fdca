"""From a GitHub issue form to a term file: parse the answers, check them, edit the YAML.

Plain Python with no GitHub dependency: `scripts/term_from_issue.py` wires it to an event file.
"""
