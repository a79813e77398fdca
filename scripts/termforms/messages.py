"""What the proposer and the reviewers read: the issue comment and the pull request's texts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from termbase.loading.readability import FORMULA, LIBRARY, LIBRARY_VERSION, MAX_GRADE, reading_grade

from .answers import FormProblem, TermEdit

COMMENT_MARKER = "<!-- term-from-issue -->"
_LOGIN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$")


def problems_comment(problems: list[FormProblem], form_name: str | None) -> str:
    """One line per problem, naming the form field; safe to post as Markdown."""
    intro = (f"Thank you for using the “{_inline(form_name)}” form. Before it can become a pull request, "
             "please edit this issue (“…” menu, then “Edit”) and fix:" if form_name else
             "This issue could not be read as a term form:")
    lines = [COMMENT_MARKER, intro, ""]
    lines += [f"- **{_inline(p.field)}**: {_inline(p.message)}" for p in problems]
    lines += ["", "When you save the issue, the check runs again and updates this comment."]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class PullRequestText:
    branch: str
    title: str
    body: str
    commit_message: str


def pull_request_text(edit: TermEdit, path: str, issue_number: int, login: str, user_id: int | None,
                      form_name: str) -> PullRequestText:
    verb = "Add" if edit.is_new else "Change"
    title = f"{verb} term: {_plain(edit.name)}"
    proposer = f"@{login}" if _LOGIN.match(login or "") else "the proposer"
    body = [f"Closes #{issue_number}", "",
            f"Made from the “{form_name}” form of #{issue_number} by {proposer}. "
            f"It changes `{path}`" + (" (new term, status `proposed`)." if edit.is_new else "."),
            "Editing the issue rewrites this pull request's branch from the form again."]
    if "plain" in edit.set_fields:
        body += ["", f"The plain-language definition reads at {plain_grade_note(edit.set_fields['plain'])}."]
    if "translations" in edit.set_fields:
        body += ["", "The Spanish text is marked `review: draft`. Once a second bilingual person has checked it, "
                     "set `review: reviewed` and name them (or their office) in `reviewed_by`."]
    if edit.reason:
        body += ["", "### Why this change", "", _quote(edit.reason)]
    body += ["", "### Reviewer checklist", "",
             "- [ ] A primary source supports the wording.",
             "- [ ] Plain language a newcomer understands.",
             "- [ ] No personal data, and nothing internal to a jurisdiction without its team's agreement."]
    message = [f"{title} (from #{issue_number})", "", f"Closes #{issue_number}"]
    if _LOGIN.match(login or "") and isinstance(user_id, int) and user_id > 0:
        message += ["", f"Co-authored-by: {login} <{user_id}+{login}@users.noreply.github.com>"]
    return PullRequestText(branch=f"term-from-issue/{issue_number}", title=title,
                           body="\n".join(body) + "\n", commit_message="\n".join(message) + "\n")


def plain_grade_note(plain: str) -> str:
    """'Flesch-Kincaid grade 6.2 (textstat 0.7.4); the limit is 8', for the reviewers."""
    return f"{FORMULA} {reading_grade(plain):.1f} ({LIBRARY} {LIBRARY_VERSION}); the limit is {MAX_GRADE}"


def _inline(text: str) -> str:
    """Proposer text inside our Markdown: one line, no live HTML, no @mentions.

    Code spans show their text as is, so only the text between them is escaped.
    """
    parts = " ".join(str(text).split()).split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: treat it as text
        parts = [" ".join(parts)]
    for index in range(0, len(parts), 2):
        escaped = parts[index].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        parts[index] = escaped.replace("@", "@\u2060")  # a word joiner: "@name" notifies no one
    return "`".join(parts)


def _plain(text: str) -> str:
    return " ".join(text.split())[:100]


def _quote(text: str) -> str:
    return "\n".join("> " + _inline(line) if line.strip() else ">" for line in text.strip().split("\n"))
