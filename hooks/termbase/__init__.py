"""Glossary engine core: load and validate term files, match mentions, render pages, export.

Nothing here imports MkDocs, so another static-site engine can reuse it; `hooks/glossary.py`
is the thin MkDocs adapter. Scripts and tests import this package directly.
"""
