"""Glossary engine core: load and validate term files, match mentions, render pages, export.

Nothing here imports MkDocs, so another static-site engine can reuse it; `hooks/glossary.py` (MkDocs)
and `hooks/zensical_engine.py` (Zensical) are thin adapters. Scripts and tests import it directly.

The folders follow the pipeline: `loading/` reads the sources into the model, `linking/` links
mentions in each page, `pages/` makes the generated pages, `sitefiles/` the files published next to
them, `checker/` is the data-set checker. The modules at this level run a build: `build` (one build,
engine-neutral), `site` (what every page carries, the published files), `sitegen` (the whole site as
plain files for any engine), `finishing` (the Python-Markdown extension that hands an engine those
pages, finished) and `engineconfig` (mkdocs.yml read without an engine).
"""
