"""Links from a page to the issue forms, with the form's fields filled in from the page.

GitHub's "new issue" page fills an issue form's fields from the query string (one parameter per
field id), so a reader who spots a mistake lands on a form that already names the term or page.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from ..loading.model import Term

CHANGE_FORM = "change-a-term.yml"
ERROR_FORM = "report-an-error.yml"


def suggest_change_url(repository: str, term: Term) -> str:
    """The "Change this term" form with the term's id, current definition and plain definition filled
    in, and its Spanish ones, so a bilingual reader corrects them where they read them."""
    fields = {"template": CHANGE_FORM, "title": f"[Change]: {term.id}", "term-id": term.id,
              "definition": term.definition}
    if term.plain:
        fields["plain"] = term.plain
    spanish = term.translation("es")
    if spanish:
        fields.update({"term-es": spanish.term, "definition-es": spanish.definition})
        if spanish.plain:
            fields["plain-es"] = spanish.plain
    return _new_issue(repository, fields)


def report_problem_url(repository: str, page_address: str) -> str:
    """The "Report an error" form with the page's public address filled in."""
    return _new_issue(repository, {"template": ERROR_FORM, "page": page_address})


def _new_issue(repository: str, fields: dict[str, str]) -> str:
    # quote (not quote_plus): "%20" for spaces reads the same everywhere; "&", "#", "+" and
    # non-ASCII text are percent-encoded as UTF-8, so a definition cannot end the query early.
    return f"https://github.com/{repository}/issues/new?{urlencode(fields, quote_via=quote, safe='')}"
