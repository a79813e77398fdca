"""Loading: read and check the sources into the model.

Term files (YAML, schema, cross-checks, decisions), data files, page front matter, convenings and
the git history of the content folders. Every problem found here is reported with file and line.
"""
