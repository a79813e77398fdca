"""Relative URLs between site pages, directory-style and file-style."""

import pytest

from termbase.linking.urls import relative_url


@pytest.mark.parametrize("target, current, expected", [
    ("glossary/lds/", "playbooks/ethics/", "../../glossary/lds/"),
    ("glossary/lds/", "glossary/dua/", "../lds/"),
    ("glossary/lds/", "", "glossary/lds/"),
    ("", "glossary/lds/", "../../"),
    ("", "", "./"),
    ("glossary/lds/", "glossary/lds/", "./"),
    ("glossary/", "glossary/lds/", "../"),
    ("glossary/lds.html", "playbooks/ethics.html", "../glossary/lds.html"),
    ("glossary/lds.html", "index.html", "glossary/lds.html"),
    ("index.html", "glossary/lds.html", "../index.html"),
    ("glossary/lds/", "glossary/lds/index.html", "./"),
    ("glossary/limited-data-set/", "glossary/lds/index.html", "../limited-data-set/"),
])
def test_relative_url(target, current, expected):
    assert relative_url(target, current) == expected


def test_the_short_way_gives_what_the_general_way_gives():
    import itertools

    from termbase.linking.urls import _relative_url

    segments = ["", "a", "b", "glossary", "x.html", "index.html"]
    urls = sorted({"/".join(parts) + end for n in range(4) for parts in itertools.product(segments, repeat=n)
                   for end in ("", "/")})
    assert len(urls) > 400
    assert [(t, c) for t in urls for c in urls if relative_url(t, c) != _relative_url(t, c)] == []
