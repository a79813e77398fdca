"""The Atom feed is written without changing ElementTree's process-wide namespace table."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from termbase.sitefiles.feed import ATOM, FeedEntry, atom_feed, entry_id


def test_writing_a_feed_leaves_elementtrees_namespace_prefixes_as_they_were():
    before = dict(ET._namespace_map)  # what ET.register_namespace changes, for every caller
    entry = FeedEntry(id=entry_id("abc", "x"), title="T", updated="2026-03-12T10:00:00+01:00",
                      link="https://kb.example.org/glossary/x/", summary="S")
    xml = atom_feed("What's new", "https://kb.example.org/feed.xml", "https://kb.example.org/", "Site", [entry])
    assert dict(ET._namespace_map) == before
    # Other code serialising Atom elements still gets ElementTree's own prefixes, not a default namespace.
    assert ET.tostring(ET.Element(f"{{{ATOM}}}feed"), encoding="unicode").startswith("<ns0:feed")
    assert xml.startswith("<?xml version='1.0' encoding='utf-8'?>\n"
                          '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>What\'s new</title>')
    root = ET.fromstring(xml.encode())
    assert root.tag == f"{{{ATOM}}}feed"
    assert [link.get("rel") for link in root.iter(f"{{{ATOM}}}link")] == ["self", "alternate", "alternate"]
