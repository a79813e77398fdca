"""An Atom 1.0 feed (RFC 4287), written with an XML library so any text in it stays well-formed."""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime, timezone

ATOM = "http://www.w3.org/2005/Atom"
FEED_TYPE = "application/atom+xml"
# Namespace for entry ids: an entry keeps its id as long as its commit is in the history,
# whatever the site's address.
_ID_NAMESPACE = uuid.UUID("1f0d4bd6-5c3e-4b3c-9a57-6b0f1d7c2e11")
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Characters XML 1.0 does not allow, even escaped (a commit message may hold them).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class FeedEntry:
    id: str
    title: str
    updated: str  # RFC 3339 date-time
    link: str  # absolute URL
    summary: str  # plain text
    content_html: str = ""


def entry_id(*parts: str) -> str:
    """A stable `urn:uuid:` id made from what identifies the entry (commit, kind, subject)."""
    return uuid.uuid5(_ID_NAMESPACE, "\n".join(parts)).urn


def atom_feed(title: str, feed_url: str, page_url: str, author: str, entries: list[FeedEntry],
              updated: str | None = None) -> str:
    """The feed document. `updated` defaults to the newest entry's date (now, if there is none)."""
    # Atom is the document's default namespace, declared on the root: its elements then need no
    # prefix. Neither of ElementTree's own ways fits: `register_namespace` changes a table shared by
    # the whole process, and `tostring(default_namespace=...)` refuses attributes without a
    # namespace (href, rel, type). So elements carry plain names inside the declaring root.
    feed = ET.Element("feed", {"xmlns": ATOM, _XML_LANG: "en"})
    _text(feed, "title", title)
    _text(feed, "id", page_url)
    newest = max((e.updated for e in entries), key=_moment, default=None)
    _text(feed, "updated", updated or newest or datetime.now(timezone.utc).isoformat(timespec="seconds"))
    _link(feed, feed_url, rel="self", type=FEED_TYPE)
    _link(feed, page_url, rel="alternate", type="text/html")
    _text(ET.SubElement(feed, "author"), "name", author)
    for item in entries:
        entry = ET.SubElement(feed, "entry")
        _text(entry, "title", item.title)
        _text(entry, "id", item.id)
        _text(entry, "updated", item.updated)
        _link(entry, item.link, rel="alternate", type="text/html")
        _text(entry, "summary", item.summary)
        if item.content_html:
            _text(entry, "content", item.content_html).set("type", "html")
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def _text(parent: ET.Element, name: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, name)
    element.text = _NOT_XML.sub("", text)
    return element


def _link(parent: ET.Element, href: str, **attributes: str) -> None:
    ET.SubElement(parent, "link", {"href": href, **attributes})


def _moment(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp)
