"""The What's new items as an Atom feed: the newest items, absolute links, ids that never change."""

from __future__ import annotations

from typing import Callable

from ..linking.text import escape
from ..loading.glossary import Glossary
from ..loading.plaintext import plain_text
from ..pages.changetext import change_details_html, change_label
from ..pages.whatsnew import TERM_CHANGED, TERMS_ADDED, NewsItem
from .feed import FeedEntry, atom_feed, entry_id

MAX_ENTRIES = 50  # feed readers keep what they fetched; a feed only needs the recent items
FEED_TITLE = "What's new"

AbsoluteUrl = Callable[[str], str]


def news_feed(news: list[NewsItem], glossary: Glossary, site_name: str, page_url: str, feed_url: str,
              term_url: AbsoluteUrl, doc_url: AbsoluteUrl, title_of: Callable[[str], str]) -> str:
    """Atom XML for the newest items. `term_url` takes a term id, `doc_url` a hand-written page."""
    entries = [_entry(item, glossary, page_url, term_url, doc_url, title_of) for item in news[:MAX_ENTRIES]]
    return atom_feed(f"{site_name}: {FEED_TITLE}", feed_url, page_url, site_name, entries)


def _entry(item: NewsItem, glossary: Glossary, page_url: str, term_url: AbsoluteUrl, doc_url: AbsoluteUrl,
           title_of: Callable[[str], str]) -> FeedEntry:
    if item.kind == TERMS_ADDED:
        terms = [glossary[t] for t in item.term_ids]
        names = _names([t.term for t in terms])
        title = f"Term added: {names}" if len(terms) == 1 else f"{len(terms)} terms added: {names}"
        link = term_url(terms[0].id) if len(terms) == 1 else page_url
        items = "".join(f'<li><a href="{escape(term_url(t.id))}">{escape(t.term)}</a>: '
                        f"{escape(plain_text(t.definition))}</li>" for t in terms)
        content = f"<ul>{items}</ul>"
    elif item.kind == TERM_CHANGED:
        term = glossary[item.term_ids[0]]
        title = f"{change_label(item.change)}: {term.term}"
        link = term_url(term.id)
        content = change_details_html(item.change)
    else:
        titles = [title_of(p) for p in item.pages]
        title = (f"Page added: {titles[0]}" if len(titles) == 1
                 else f"{len(titles)} pages added: {_names(titles)}")
        link = doc_url(item.pages[0]) if len(item.pages) == 1 else page_url
        items = "".join(f'<li><a href="{escape(doc_url(p))}">{escape(t)}</a></li>' for p, t in zip(item.pages, titles))
        content = f"<ul>{items}</ul>"
    return FeedEntry(id=entry_id(item.commit.sha, item.key), title=title, updated=item.commit.date,
                     link=link, summary=f"{title} ({item.commit.title})", content_html=content)


def _names(names: list[str], shown: int = 5) -> str:
    if len(names) <= shown:
        return ", ".join(names)
    return ", ".join(names[:shown]) + f" and {len(names) - shown} more"
