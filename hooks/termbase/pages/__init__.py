"""Pages: the generated pages and the pieces added to pages after rendering.

Term pages, glossary index and comparison, data-element matrix, handouts, the data-set checker's
legend, What's new and Under discussion, "Used in" and "Terms on this page".
"""
