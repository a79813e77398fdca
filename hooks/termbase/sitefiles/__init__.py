"""Site files: what is published next to the pages, and what every page carries.

Exports, the Atom feed, the names added to the search index, short-link pages, QR codes for the Share panel and links to the issue forms.
"""
