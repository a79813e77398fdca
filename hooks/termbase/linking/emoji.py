"""Emoji shortcodes that stay text: only the theme's bundled icons become images.

pymdownx.emoji with Material's index and generator turns every `:name:` of the Twemoji set into
an image from a public CDN, so a time such as `10:30:00` or a column list such as `client:id:dob`
could make a page load from the internet (pages must work offline and on weak Wi-Fi). Neither
library has an index of icons alone, so this generator keeps Unicode emoji as typed and hands
icons (`:material-printer:`) to the theme's generator, named in `mkdocs.yml` as the option
`icon_generator`: the core imports no site engine.
"""

from __future__ import annotations


def icons_only(index, shortname, alias, uc, alt, title, category, options, md):  # noqa: PLR0913 (pymdownx's signature)
    if uc is not None:  # a Unicode emoji: the text as the author typed it
        return alias or shortname
    return options["icon_generator"](index, shortname, alias, uc, alt, title, category, options, md)
