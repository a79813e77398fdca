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
