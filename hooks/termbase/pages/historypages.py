"""Pages and sections made from the history: a term's Decisions and Changes, What's new, and
Under discussion.

Markdown for the parts with links (MkDocs resolves and checks them, also in the offline copy);
the changes themselves are HTML from changetext, where every value is already escaped.
"""

from __future__ import annotations

from itertools import groupby
from typing import Callable

from ..linking.text import escape, md_escape
from ..loading.glossary import Glossary
from ..loading.history import SiteHistory
from ..loading.model import Decision, Term
from ..loading.termhistory import DEFINITION, ID, NAME, STATUS, TermHistory
from .changetext import change_details_html, change_label, readable_day, readable_month, time_html
from .termpages import front_matter
from .whatsnew import PAGES_ADDED, TERM_CHANGED, TERMS_ADDED, NewsItem, news_since

WHATS_NEW_PAGE = "whats-new/index.md"
UNDER_DISCUSSION_PAGE = "under-discussion.md"
# What's new as Atom (sitefiles/newsfeed.py writes it), at the site's root: Material's script
# takes every `<link rel="alternate">` of a page for another language's copy of the site and
# fetches `sitemap.xml` next to it. Beside the site's own sitemap that succeeds; from whats-new/
# it failed on every page a reader opened (a 404 and its page).
FEED_FILE = "feed.xml"
HISTORY_PAGES = (WHATS_NEW_PAGE, UNDER_DISCUSSION_PAGE)
CONTRIBUTING_PAGE = "contributing.md"
# What's new lists the latest months that saw changes; older ones stay on the term pages (a page
# of every change since the start would grow without end).
MONTHS_SHOWN = 12

TitleOf = Callable[[str], str]  # docs-relative path of a hand-written page -> its title


def history_pages(glossary: Glossary, history: SiteHistory, news: list[NewsItem], title_of: TitleOf,
                  existing: set[str]) -> list[tuple[str, str, bool]]:
    """(src_uri, Markdown, in navigation) of What's new and Under discussion."""
    return [(WHATS_NEW_PAGE, whats_new_page(glossary, history, news, title_of), True),
            (UNDER_DISCUSSION_PAGE, under_discussion_page(glossary, history, title_of, existing), True)]


# -- a term's page ----------------------------------------------------------------------------

def term_history_sections(term: Term, history: SiteHistory, title_of: TitleOf) -> str:
    """Markdown of a term page's "Decisions" (when recorded) and "Changes" sections."""
    parts = []
    if term.decisions:
        parts.append(f"## Decisions\n\n{decision_timeline(term.decisions, title_of, '../')}\n")
    parts.append(f"## Changes\n\n{_changes(history.terms.get(term.id), history)}\n")
    return "\n".join(parts)


def decision_timeline(decisions: tuple[Decision, ...], title_of: TitleOf, to_docs: str) -> str:
    """Oldest first, as a timeline reads: date, the status decided, where, and the note."""
    ordered = sorted(enumerate(decisions), key=lambda pair: (pair[1].date, pair[0]))
    lines = []
    for _, decision in ordered:
        line = f"{time_html(decision.date)}: **{md_escape(decision.status)}**"
        if decision.session:
            line += f" at [{md_escape(title_of(decision.session))}]({to_docs}{decision.session})"
        line += "."
        if decision.note:
            note = md_escape(decision.note)
            line += f" {note}" + ("" if note.endswith((".", "!", "?")) else ".")
        lines.append(f"1. {line}")
    return '<div class="kb-timeline" markdown>\n\n' + "\n".join(lines) + "\n\n</div>"


def _changes(record: TermHistory | None, history: SiteHistory) -> str:
    if not history.available:
        return (f'<p class="kb-history-missing">The history of this term is not available in this build: '
                f"{escape(history.reason)}.</p>")
    if record is None or not record.recorded:
        return '<p class="kb-history-missing">This term is not in the repository\'s history yet.</p>'
    added_as = f", as a {escape(record.added_as)} term" if record.added_as != "adopted" else ""
    parts = [f'<p class="kb-added">Added to the glossary on {time_html(record.added.day)}{added_as} '
             f"({_quoted_title(record.added.title)}).</p>"]
    if not record.changes:
        parts.append("<p>No change to its name, other names, definition or status since then.</p>")
        return "\n\n".join(parts)
    items = []
    for change in reversed(record.changes):  # newest first
        items.append(f'<li class="kb-change"><p class="kb-change__head">{time_html(change.commit.day)}: '
                     f'<span class="kb-change__what">{escape(change_label(change))}</span> '
                     f'<span class="kb-change__why">{_quoted_title(change.commit.title)}</span></p>'
                     f"{change_details_html(change)}</li>")
    parts.append(f'<ol class="kb-changes" aria-label="Changes, newest first">{"".join(items)}</ol>')
    return "\n\n".join(parts)


def _quoted_title(title: str) -> str:
    return f"“{escape(title)}”"


# -- What's new -------------------------------------------------------------------------------

def whats_new_page(glossary: Glossary, history: SiteHistory, news: list[NewsItem], title_of: TitleOf) -> str:
    """Markdown for whats-new/index.md: a summary since each convening, then every month."""
    parts = [front_matter(title="What's new", autolink=False, search={"exclude": True},
                          description="What changed in the glossary and the pages, newest first."),
             "# What's new\n",
             "New and changed terms and new pages, newest first. Follow them in a feed reader with the "
             f"[Atom feed](../{FEED_FILE}).\n"]
    if not history.available:
        parts.append(f'<p class="kb-history-missing">The history is not available in this build: '
                     f"{escape(history.reason)}. Nothing can be listed here.</p>\n")
        return "\n".join(parts)
    if not news:
        parts.append("Nothing has been published yet.\n")
        return "\n".join(parts)
    if history.convenings:
        parts.append("## Since each convening\n")
        for convening in history.convenings:
            anchor = "since-" + convening.page.split("/")[-2] if "/" in convening.page else "since-convening"
            parts.append(f"### Since [{md_escape(convening.title)}](../{convening.page}) "
                         f"({readable_day(convening.day)}) {{ #{anchor} }}\n")
            parts.append(_summary(news_since(news, convening.day), glossary, title_of) + "\n")
    months = [(month, list(items)) for month, items in groupby(news, key=lambda item: item.commit.date[:7])]
    for month, items in months[:MONTHS_SHOWN]:
        parts.append(f"## {readable_month(month)} {{ #month-{month} }}\n")
        entries = "\n".join(_news_entry(item, glossary, title_of) for item in items)
        parts.append(f'<ul class="kb-news" markdown>\n{entries}\n</ul>\n')
    if len(months) > MONTHS_SHOWN:
        parts.append(f"## Earlier\n\nChanges before {readable_month(months[MONTHS_SHOWN - 1][0])} are listed in "
                     "the Changes section of each term's page.\n")
    return "\n".join(parts)


def _news_entry(item: NewsItem, glossary: Glossary, title_of: TitleOf) -> str:
    when = time_html(item.commit.day, with_year=False)
    why = f'<span class="kb-news__why">{_quoted_title(item.commit.title)}</span>'
    if item.kind == TERMS_ADDED:
        label = "Term added" if len(item.term_ids) == 1 else f"{len(item.term_ids)} terms added"
        links = ", ".join(_term_link(glossary[t], with_status=True) for t in item.term_ids)
        body, details = f"**{label}:** {links}", ""
    elif item.kind == TERM_CHANGED:
        body = f"**{md_escape(change_label(item.change))}:** {_term_link(glossary[item.term_ids[0]])}"
        details = change_details_html(item.change)
    else:
        label = "Page added" if len(item.pages) == 1 else f"{len(item.pages)} pages added"
        links = ", ".join(f"[{md_escape(title_of(p))}](../{p})" for p in item.pages)
        body, details = f"**{label}:** {links}", ""
    return f'<li class="kb-news__item" markdown>\n{when} {body} {why}\n{details}\n</li>'


def _summary(items: list[NewsItem], glossary: Glossary, title_of: TitleOf) -> str:
    """One line per kind of news, each naming its terms or pages once."""
    if not items:
        return "Nothing has changed since then."
    groups: dict[str, list[str]] = {label: [] for label in (
        "Terms added", "Definitions changed", "Renamed or moved", "Adopted", "Deprecated", "Pages added")}

    def add(label: str, link: str) -> None:
        if link not in groups[label]:
            groups[label].append(link)

    for item in reversed(items):  # oldest first, as the lines read
        if item.kind == TERMS_ADDED:
            for term_id in item.term_ids:
                add("Terms added", _term_link(glossary[term_id]))
        elif item.kind == PAGES_ADDED:
            for page in item.pages:
                add("Pages added", f"[{md_escape(title_of(page))}](../{page})")
        else:
            link = _term_link(glossary[item.term_ids[0]])
            kinds = item.change.kinds
            if DEFINITION in kinds:
                add("Definitions changed", link)
            if NAME in kinds or ID in kinds:
                add("Renamed or moved", link)
            if STATUS in kinds and item.change.after.status in ("adopted", "deprecated"):
                add(item.change.after.status.capitalize(), link)
    lines = [f"- {label}: {', '.join(links)}" for label, links in groups.items() if links]
    return "\n".join(lines) if lines else "Nothing has changed since then."


def _term_link(term: Term, with_status: bool = False, to_docs: str = "../") -> str:
    status = f" ({term.status})" if with_status and term.status != "adopted" else ""
    return f"[{md_escape(term.term)}]({to_docs}glossary/{term.id}.md){status}"


# -- Under discussion -------------------------------------------------------------------------

def under_discussion_page(glossary: Glossary, history: SiteHistory, title_of: TitleOf,
                          existing: set[str]) -> str:
    """Markdown for under-discussion.md: every proposed term, its definition and when it was proposed."""
    proposed = [t for t in glossary if t.status == "proposed"]
    how = (f" See [how terms are agreed]({CONTRIBUTING_PAGE}#who-approves)."
           if CONTRIBUTING_PAGE in existing else "")
    parts = [front_matter(title="Under discussion", autolink=False, search={"exclude": True},
                          description="Proposed terms waiting for the learning community's decision."),
             "# Under discussion\n"]
    if not proposed:
        parts.append(f"No term is waiting for a decision at the moment.{how}\n")
        return "\n".join(parts)
    count, them = ("One term is", "it") if len(proposed) == 1 else (f"{len(proposed)} terms are", "them")
    parts.append(f"{count} proposed and waiting for the learning community's decision: print this page to "
                 f"put {them} on a convening's agenda.{how}\n")
    for term in proposed:
        parts.append(f'<section class="kb-proposed" markdown>\n\n## {_term_link(term, to_docs="")} {{ #{term.id} }}\n\n'
                     f'<p class="kb-proposed__when" markdown>{_proposed_when(term, history, title_of)}</p>\n')
        if term.aliases:
            parts.append(f'<p class="kb-aliases">Also called: {escape(", ".join(term.aliases))}</p>\n')
        parts.append(f'<div class="kb-definition" markdown>\n\n{term.definition}\n\n</div>\n\n</section>\n')
    return "\n".join(parts)


def _proposed_when(term: Term, history: SiteHistory, title_of: TitleOf) -> str:
    """The latest decision to propose it, else the commit that published it as proposed."""
    decided = [d for d in term.decisions if d.status == "proposed"]
    if decided:
        decision = max(decided, key=lambda d: d.date)
        where = (f" at [{md_escape(title_of(decision.session))}]({decision.session})"
                 if decision.session else "")
        return f"Proposed on {time_html(decision.date)}{where}."
    record = history.terms.get(term.id)
    if record is not None and record.proposed_since is not None:
        return f"Proposed on {time_html(record.proposed_since.day)}."
    if not history.available:
        return "The date it was proposed is not available in this build."
    return "The date it was proposed is not recorded."
