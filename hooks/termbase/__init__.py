"""Glossary engine core: load and validate term files, match mentions, render pages, export.

Nothing here imports MkDocs, so another static-site engine can reuse it; `hooks/glossary.py` (MkDocs)
and `hooks/zensical_engine.py` (Zensical) are thin adapters. Scripts and tests import it directly.

The folders follow the pipeline, and each imports only the ones below it (tests/test_layering.py
checks it, and that no import goes in a circle):

    build.py site.py sitegen.py finishing.py   one build, wired for any engine (the top)
    sitefiles/                                 files published next to the pages
    pages/                                     the generated pages
    linking/  checker/                         mentions linked in each page; the data-set checker
    loading/                                   the sources read and checked into the model
    buildcache.py engineconfig.py              services that import nothing of the core

`checker/` sits beside `linking/`: it compiles what `loading/` read from the data file, `pages/`
publishes its rules, and it needs nothing from `linking/` (nor `linking/` from it). Checks of a
file's content belong to `loading/`, even those about the checker's words (`columnpatterns`).
At the top: `build` (one build, engine-neutral), `site` (what every page carries, the published
files), `sitegen` (the whole site as plain files for any engine), `finishing` (the Python-Markdown
extension that hands an engine those pages, finished); `engineconfig` reads mkdocs.yml without an
engine.
"""
