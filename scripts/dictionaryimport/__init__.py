"""From a spreadsheet with one row per column to a data dictionary file (dictionaries/<id>/<id>.yml).

Plain Python: `scripts/import_dictionary.py` wires it to the command line and
`scripts/termforms/dictionary_form.py` to the "Add or update a data dictionary" issue form.
"""
