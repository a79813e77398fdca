"""The fast preview of `mkdocs serve --dirty` (what `tasks.py serve` runs): a rebuild reads and
renders only the pages an edit changes; every other page keeps the HTML the previous build wrote
into serve's site folder.

MkDocs' `--dirty` asks each file `is_modified()` and neither reads nor renders a page that says
no. On its own it cannot know that a page whose file did not change shows a term's definition
(tooltips), a "Used in" list or another page's title (the navigation). The preview answers for
every page from what the previous build of this `serve` process saw:

1. Before pages are read (on_files, `changes.py`): a page is rebuilt when its source text
   changed, or its Markdown after the engine's additions (local usage, data sets, handout link,
   checker legend), or a name that may now be found in it, or its share data (edit and history
   links, last change, QR code, JSON-LD), or its local usage table's or handout's terms, or a file
   it includes (`--8<--`); generated pages other than term pages and handouts also when a file
   under data/ or dictionaries/ changed. A page whose only change is the definition of a term it
   mentions keeps its HTML with that term's tooltip and "Terms on this page" item rewritten
   (`tooltips.py`); any other change to a term it shows rebuilds it. Every page is rebuilt on the
   first build and when the configuration, the theme overrides, or the list of pages or of other
   files that are not generated changed. Generated files that are not pages (exports, short
   links) are written only when their content changed; files of pages that are gone are removed.
2. Once those pages are read (on_env), before any template runs: term pages whose "Used in" list
   changed and handouts whose session page's mentions changed are read too; if a page in the
   navigation got another title or front matter, every page is (each shows the navigation).
   Pages not read get back their title, metadata and anchors.
3. After the build (on_post_build): the search index gets back the entries of the pages not
   rebuilt, in the order a full build writes them; this build becomes the one the next compares
   with; the log says "Preview: rebuilt N of M pages".

Besides, `serve` notices a saved file within 0.1 s instead of 0.5 s, and lists and compiles the
theme's templates once (`serving.py`). The adapter calls none of this in `mkdocs build`.
"""

from .preview import Preview, forget_search_index

__all__ = ["Preview", "forget_search_index"]
