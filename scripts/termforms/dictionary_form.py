"""The "Add or update a data dictionary" form: pasted rows -> a checked dictionary file and the
pull request's texts, with the data-set checker's verdict for reviewers.

The rows go through the importer's own reading (scripts/dictionaryimport/), so the form accepts
what the command line accepts: tab-separated rows copied from Excel or CSV text, the usual header
names, code lists as `1=Yes; 2=No` or one a line. A dictionary that exists is merged as
`import_dictionary.py --update` merges it: what reviewers wrote by hand stays.
"""

from __future__ import annotations

import datetime
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

import yaml

from dictionaryimport.descriptor import DOMAINS, FORMATS, Target
from dictionaryimport.importer import import_sheets, load_context, provided_roles, suggestion_count, target_problems
from dictionaryimport.reading import NothingToImport
from dictionaryimport.tables import SpreadsheetError, read_text_table
from dictionaryimport.verdict import SHARED_AS_KIND, ColumnVerdict, blocking, column_verdicts
from dictionaryimport.yamlfile import MergeError, merge_dictionary, new_dictionary_text
from termbase.content import check_content
from termbase.loading.crosscheck import UNSAFE_LINK
from termbase.loading.jurisdictions import JURISDICTIONS
from termbase.loading.problems import InvalidContent, Problem
from termbase.loading.slugs import slugify

from .answers import _HTML, FormProblem  # the term forms' rule for markup, shared on purpose
from .issue_body import IssueForm
from .messages import _LOGIN, PullRequestText, _inline

FORMAT_CHOICE = "A published format (not one site's own)"
SHARED_AS_CHOICES = {"identified": "identified", "limited data set": "limited-data-set",
                     "de-identified (safe harbor)": "de-identified"}
_FENCE = re.compile(r"^\s*(```+|~~~+)[^\n]*\n(?P<body>.*?)\n?\s*\1\s*$", re.DOTALL)
_CHECKED = re.compile(r"^\s*[-*]\s*\[[xX]\]")
MAX_TITLE = 150
KIND_WORDS = {"identified": "identified data", "limited_data_set": "a limited data set",
              "de_identified": "de-identified data (Safe Harbor)"}


@dataclass
class DictionaryRequest:
    """A passing form: the file to write and what reviewers read."""

    path: str
    text: str
    title: str
    is_new: bool
    verdicts: list[ColumnVerdict]
    shared_as: str
    changes: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    suggestions: int = 0
    columns: int = 0


def read_dictionary_form(form: IssueForm, answers: Mapping[str, str], root: Path,
                         today: datetime.date) -> tuple[DictionaryRequest | None, list[FormProblem]]:
    problems: list[FormProblem] = []

    def add(field_id: str, message: str) -> None:
        problems.append(FormProblem(form.label(field_id), message))

    for item in form.fields:
        answer = answers.get(item.id, "")
        tag = _HTML.search(answer)
        if tag:
            add(item.id, f"contains HTML (`{tag.group(0).strip().replace('`', '')}`); write plain text or Markdown")
        unsafe = UNSAFE_LINK.search(answer)
        if unsafe:
            add(item.id, f"contains a `{unsafe.group(0)}` link; only https:// and http:// links are allowed")
    jurisdiction = _jurisdiction(answers.get("jurisdiction", ""))
    data_set = answers.get("data-set", "").strip().strip("`").strip()
    for option, message in target_problems(jurisdiction or "?", data_set):
        if option == "jurisdiction":
            add("jurisdiction", f"'{answers.get('jurisdiction', '')}' is not one of: "
                                f"{', '.join([*JURISDICTIONS.values(), FORMAT_CHOICE])}")
        else:
            add("data-set", message)
    shared_as = SHARED_AS_CHOICES.get(answers.get("shared-as", "").strip().lower())
    if shared_as is None:
        add("shared-as", f"choose one of: {', '.join(c.capitalize() for c in SHARED_AS_CHOICES)}")
    domain = slugify(answers.get("domain", ""))
    if domain and domain not in DOMAINS:
        add("domain", f"'{answers.get('domain')}' is not one of the domains of the form")
        domain = ""
    if not _CHECKED.match(answers.get("no-values", "")):
        add("no-values", "tick the box: the rows must describe columns only, never hold values")
    rows = _unfenced(answers.get("rows", ""))
    if not rows.strip():
        add("rows", "is empty; paste the dictionary's rows, header row first")
    if problems:
        return None, problems

    target = Target(jurisdiction, data_set)
    file = root / target.path
    is_new = not file.is_file()
    title = " ".join(answers.get("title", "").split())
    description = "\n".join(line.rstrip() for line in answers.get("description", "").split("\n")).strip()
    if is_new and not title:
        add("title", f"is needed for a new dictionary (no file {target.path} yet)")
    if is_new and not description:
        add("description", "is needed for a new dictionary: one to four sentences about the data set")
    if is_new and not domain:
        add("domain", "is needed for a new dictionary: choose the field of service of the data set")
    if len(title) > MAX_TITLE:
        add("title", f"is {len(title)} characters; at most {MAX_TITLE}")
    table = " ".join(answers.get("table", "").split())
    label = form.label("rows")
    context = load_context(root)
    try:
        sheet = read_text_table(rows, Path(table).stem if table else data_set, label)
        given = {"title": title, "description": description, "shared_as": shared_as, "domain": domain,
                 "system": " ".join(answers.get("system", "").split()),
                 "agency": " ".join(answers.get("agency", "").split())}
        descriptor, imported = import_sheets([sheet], label, target, context, today, given, title)
    except (SpreadsheetError, NothingToImport) as error:
        add("rows", _without_label(str(error), label))
        return None, problems
    if problems:
        return None, problems
    if table and len(descriptor["resources"]) == 1:  # the file the columns are in, as the steward named it
        descriptor["resources"][0].update(title=table, path=table)
    notes = [_without_label(str(n), label) for n in imported.notes]
    request = DictionaryRequest(target.path, "", title or data_set, is_new, [], shared_as, notes=notes,
                                suggestions=suggestion_count(descriptor),
                                columns=sum(len(r["schema"]["fields"]) for r in descriptor["resources"]))
    if is_new:
        request.text = new_dictionary_text(descriptor)
    else:
        overrides = {key: value for key, value in given.items() if value}
        try:
            merge = merge_dictionary(file.read_text(encoding="utf-8"), descriptor, provided_roles(imported),
                                     overrides, today)
        except MergeError as error:
            add("data-set", f"{target.path} {error}; a maintainer must fix the file first")
            return None, problems
        if not merge.changed:
            add("rows", f"nothing to change: {target.path} already says what these rows say")
            return None, problems
        request.text, request.changes, request.kept = merge.text, merge.changes, merge.kept
    final = yaml.safe_load(request.text)
    request.title = str(final.get("title") or data_set)
    request.verdicts = column_verdicts(final, context.checker, context.matrix_rows)
    invalid = _frictionless_problems(final)
    if invalid:
        add("rows", f"the rows do not make a valid Data Package descriptor: {invalid}")
        return None, problems
    problems += [_form_problem(form, p, target.path) for p in check_in_copy(root, target.path, request.text)]
    return request, problems  # with problems, the request still carries the checker's verdict


def check_in_copy(root: Path, path: str, text: str) -> list[Problem]:
    """The build's own check, on a scratch copy of the content with the new file in it."""
    with tempfile.TemporaryDirectory(prefix="dictionary-from-issue-") as scratch:
        copy = Path(scratch)
        for folder in ("glossary", "data", "dictionaries"):
            if (root / folder).is_dir():
                shutil.copytree(root / folder, copy / folder, symlinks=True)
        (copy / path).parent.mkdir(parents=True, exist_ok=True)
        (copy / path).write_text(text, encoding="utf-8")
        try:
            check_content(copy)
        except InvalidContent as report:
            return list(report.problems)
    return []


def _form_problem(form: IssueForm, problem: Problem, path: str) -> FormProblem:
    """A check message, told as the form field to change; the build's wording names file fields."""
    if problem.path != path:
        return FormProblem("Dictionaries", f"another file has a problem a maintainer must fix first (`{problem}`)")
    message = problem.message
    if "; remove the column, share the data set as identified" in message:
        message = (message.split("; remove the column")[0] + "; remove its row, choose “Identified” under “"
                   + form.label("shared-as") + "”, or add a Reviewed column to the rows saying why it may stay")
    column = problem.field.split(".", 1)[-1] if problem.field else ""
    return FormProblem(form.label("rows"), f"column {column}: {message}" if column else message)


def _frictionless_problems(descriptor: dict[str, Any]) -> str:
    import frictionless  # slow to import: only once the form has passed the cheaper checks

    report = frictionless.Package.validate_descriptor(_jsonable(descriptor))
    return "" if report.valid else "; ".join(note for _, note in report.flatten(["type", "note"]))[:300]


def _jsonable(value: Any) -> Any:
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def _jurisdiction(answer: str) -> str:
    chosen = answer.strip()
    if chosen == FORMAT_CHOICE or chosen.lower() == FORMATS:
        return FORMATS
    by_name = {name.casefold(): jid for jid, name in JURISDICTIONS.items()} | {jid: jid for jid in JURISDICTIONS}
    return by_name.get(chosen.casefold(), "")


def _unfenced(answer: str) -> str:
    """The pasted text without the code fence GitHub puts around a `render: text` answer."""
    match = _FENCE.match(answer.replace("\r\n", "\n"))
    return match.group("body") if match else answer.replace("\r\n", "\n")


def _without_label(message: str, label: str) -> str:
    """Problems are shown under the field already: "Dictionary rows, row 3: x" -> "row 3: x"."""
    for prefix in (f"{label}, ", f"{label}: "):
        message = message.replace(prefix, "")
    return message


# -- what reviewers read ------------------------------------------------------------------------

def dictionary_pull_request(request: DictionaryRequest, issue_number: int, login: str, user_id: int | None,
                            form_name: str) -> PullRequestText:
    verb = "Add" if request.is_new else "Update"
    title = f"{verb} data dictionary: {' '.join(request.title.split())[:90]}"
    proposer = f"@{login}" if _LOGIN.match(login or "") else "the proposer"
    kind = SHARED_AS_KIND[request.shared_as]
    body = [f"Closes #{issue_number}", "",
            f"Made from the “{form_name}” form of #{issue_number} by {proposer}. It "
            + ("adds" if request.is_new else "updates") + f" `{request.path}` ({request.columns} columns).",
            "Editing the issue rewrites this pull request's branch from the form again."]
    body += ["", "### What the data-set checker says", ""] + verdict_lines(request.verdicts, kind)
    if request.changes:
        body += ["", "### Changes to the file", ""] + [f"- {_inline(_unmarked(line))}" for line in request.changes]
    if request.kept:
        body += ["", "### Kept from the file (written by hand)", ""] + [f"- {_inline(line)}" for line in request.kept]
    if request.notes:
        body += ["", "### Left out of the pasted rows", ""] + [f"- {_inline(line)}" for line in request.notes]
    body += ["", "### Reviewer checklist", "",
             f"- [ ] Each suggested `element` and `identifier` ({request.suggestions} in `suggested:`) is right; "
             "approve one by taking it out of `suggested`.",
             "- [ ] Every column the checker does not allow under `shared_as` is removed, or has a `reviewed` note "
             "saying why it may stay.",
             "- [ ] No example or sample values anywhere, and nothing internal to a jurisdiction without its team's "
             "agreement."]
    message = [f"{title} (from #{issue_number})", "", f"Closes #{issue_number}"]
    if _LOGIN.match(login or "") and isinstance(user_id, int) and user_id > 0:
        message += ["", f"Co-authored-by: {login} <{user_id}+{login}@users.noreply.github.com>"]
    return PullRequestText(branch=f"term-from-issue/{issue_number}", title=title, body="\n".join(body) + "\n",
                           commit_message="\n".join(message) + "\n")


def verdict_comment(request: DictionaryRequest) -> str:
    """The checker's verdict below a comment that asks for fixes: which columns stand in the way."""
    return "\n".join(["### What the data-set checker says", "",
                      *verdict_lines(request.verdicts, SHARED_AS_KIND[request.shared_as])]) + "\n"


def verdict_lines(verdicts: list[ColumnVerdict], kind: str) -> list[str]:
    """A table of the columns that hold an identifier or need a look, then one sentence on the fit."""
    label = KIND_WORDS[kind]
    shown = [v for v in verdicts if v.letter or v.verdict != "allowed"]
    lines = [f"Shared as **{label}**. {len(verdicts)} columns; "
             f"{sum(1 for v in verdicts if v.letter)} hold one of the 18 Safe Harbor identifiers."]
    if shown:
        lines += ["", f"| Column | Identifier | In {label} |",
                  "| --- | --- | --- |"]
        for v in shown:
            letter = (f"{v.letter} ({_cell(v.element_name)})" if v.letter else "none") + \
                (" *suggested*" if v.suggested and v.letter else "")
            verdict = v.verdict + (f" ({_cell(v.reviewed)})" if v.reviewed else "")
            lines.append(f"| {_cell(v.column)} | {letter} | {verdict} |")
    stopping = blocking(verdicts)
    lines.append("")
    if stopping:
        names = ", ".join(f"{_cell(v.column)} ({v.letter})" for v in stopping)
        lines.append(f"**Does not fit {label}:** {len(stopping)} column{'s' if len(stopping) != 1 else ''} "
                     f"not allowed: {names}. Remove {'them' if len(stopping) != 1 else 'it'}, choose another "
                     "way of sharing, or add a `reviewed` note saying why it may stay.")
    else:
        lines.append(f"**Fits {label}** as far as the column names and identifiers tell; columns marked partly "
                     "or review need a look at their values.")
    lines.append("")
    lines.append("The checker reads column names and the dictionary only, never values; it is not legal advice.")
    return lines


def _unmarked(line: str) -> str:
    """A difference line without its +, - or ~ (a Markdown list item starting with one nests a list)."""
    return line[2:] if line[:2] in ("+ ", "- ", "~ ") else line


def _cell(text: str) -> str:
    """Proposer text inside a table cell: one line, no pipes or backticks, no HTML, no @mentions."""
    return _inline(" ".join(str(text).split()).replace("|", "/").replace("`", "'"))
