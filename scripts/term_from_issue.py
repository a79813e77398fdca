#!/usr/bin/env python3
"""Turn an issue made with one of the forms into a checked term file or data dictionary file.

The forms: "Propose a term", "Change this term" and "Add or update a data dictionary".

    python3 scripts/term_from_issue.py EVENT.json [--outputs DIR]

EVENT.json is a GitHub `issues` event payload (what $GITHUB_EVENT_PATH points to in a
workflow). When the answers pass the same check as the build, the script writes
glossary/<id>.yml (a new file, or the changed fields of the existing one) or, for the dictionary
form, dictionaries/<site>/<data-set>.yml (made from the pasted rows as import_dictionary.py makes
it, merged into an existing file keeping hand-written fields), prints its path and exits 0.
Otherwise it writes nothing, prints a Markdown comment with one line per problem, naming the
form field to fix, and exits 1. Exit 2: the event file itself cannot be read.

With --outputs DIR it also writes DIR/comment.md, or, for the workflow that opens the pull
request, DIR/pull-request.json (branch, title, body, commit message, path), DIR/pr-title.txt,
DIR/pr-body.md and DIR/term.yml (the file's new text, a term or a dictionary). A dictionary's pull request text
carries the data-set checker's verdict: the identifiers its columns hold and whether they fit
the way the data set is shared.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import shutil
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

from termbase.content import check_content
from termbase.loading.datafiles import DATA_ELEMENTS_FILE
from termbase.loading.loader import load_terms
from termbase.loading.problems import InvalidContent, Problem
from termbase.loading.yamlsource import read_yaml
from termforms.answers import FormProblem, TermEdit, read_change, read_new_term
from termforms.dictionary_form import dictionary_pull_request, read_dictionary_form, verdict_comment
from termforms.issue_body import IssueForm, load_form, read_answers
from termforms.messages import PullRequestText, problems_comment, pull_request_text
from termforms.term_yaml import changed_term_text, new_term_text

ROOT = Path(__file__).resolve().parents[1]

FORMS = {"propose-a-term.yml": "new", "change-a-term.yml": "change", "add-a-data-dictionary.yml": "dictionary"}
_FIELD_HEAD = re.compile(r"^(?P<field>[a-z_]+)(?:\[(?P<index>\d+)\])?(?:\.(?P<sub>[a-z_]+))?")


class FormRejected(Exception):
    def __init__(self, problems: list[FormProblem], form: IssueForm | None = None, details: str = ""):
        self.problems, self.form, self.details = problems, form, details
        super().__init__(problems)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("event", type=Path, help="GitHub issues event payload (JSON)")
    parser.add_argument("--outputs", type=Path, help="folder for comment.md or pull-request.json")
    parser.add_argument("--root", type=Path, default=ROOT, help="repository to write into (default: this one)")
    args = parser.parse_args(argv)
    try:
        event = json.loads(args.event.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        print(f"term_from_issue: cannot read the event file {args.event}: {error}", file=sys.stderr)
        return 2
    try:
        path, texts, text = convert_to_request(event, args.root)
    except FormRejected as rejected:
        comment = problems_comment(rejected.problems, rejected.form.name if rejected.form else None)
        if rejected.details:  # e.g. the data-set checker's verdict on a dictionary
            comment += "\n" + rejected.details
        print(comment, end="")
        _write_output(args.outputs, "comment.md", comment)
        return 1
    target = args.root / path
    target.parent.mkdir(parents=True, exist_ok=True)  # a site's first dictionary makes its folder
    _write_term(target, text)
    print(path)
    _write_output(args.outputs, "pull-request.json", json.dumps({**asdict(texts), "path": path}, indent=2))
    _write_output(args.outputs, "pr-title.txt", texts.title)
    _write_output(args.outputs, "pr-body.md", texts.body)
    _write_output(args.outputs, "term.yml", text)
    return 0


def convert_to_request(event: object, root: Path) -> tuple[str, PullRequestText, str]:
    """(path, pull request texts, file text) for a passing form of any kind; raises FormRejected."""
    issue, body = _issue_and_body(event)
    form, kind, answers = _identify_form(root, body)
    user = issue.get("user") if isinstance(issue.get("user"), dict) else {}
    login, user_id = str(user.get("login", "")), user.get("id")
    if kind == "dictionary":
        request, problems = read_dictionary_form(form, answers, root, datetime.date.today())
        if problems:
            raise FormRejected(problems, form, verdict_comment(request) if request else "")
        return request.path, dictionary_pull_request(request, issue["number"], login, user_id, form.name), request.text
    path, edit, text, form, issue = convert(event, root)
    return path, pull_request_text(edit, path, issue["number"], login, user_id, form.name), text


def _issue_and_body(event: object) -> tuple[dict, str]:
    issue = event.get("issue") if isinstance(event, dict) else None
    if not isinstance(issue, dict) or not isinstance(issue.get("number"), int) or "pull_request" in issue:
        raise FormRejected([FormProblem("Event", "this is not an issue event (no `issue` with a number)")])
    body = issue.get("body")
    if not isinstance(body, str) or not body.strip():
        raise FormRejected([FormProblem("Issue", "the issue has no text: open it with the “Propose a term” "
                                                 "or “Change this term” form")])
    return issue, body


def convert(event: object, root: Path) -> tuple[str, TermEdit, str, IssueForm, dict]:
    """(path, edit, file text, form, issue) for a passing term form; raises FormRejected otherwise."""
    issue, body = _issue_and_body(event)
    form, kind, answers = _identify_form(root, body)
    glossary_dir = root / "glossary"
    terms, _ = load_terms(glossary_dir, root)  # problems elsewhere must not block a proposal
    if kind == "new":
        edit, problems = read_new_term(form, answers, terms)
    else:
        edit, problems = read_change(form, answers, terms, _current_data(glossary_dir, answers.get("term-id", "")))
    if problems:
        raise FormRejected(problems, form)
    path = f"glossary/{edit.term_id}.yml"
    target = (root / path).resolve()
    if target.parent != glossary_dir.resolve() or (root / path).is_symlink():
        raise FormRejected([FormProblem(form.label("term-id") if kind == "change" else form.label("term"),
                                        "does not name a file inside glossary/")], form)
    try:
        if edit.is_new:
            text = new_term_text(edit.set_fields)
        else:
            text = changed_term_text((root / path).read_text(encoding="utf-8"), edit.set_fields, edit.additions)
    except ValueError as error:
        raise FormRejected([FormProblem("Form", f"the answers could not be written as a term file ({error})")],
                           form) from None
    problems = check_in_copy(root, path, text, edit)
    if problems:
        raise FormRejected(problems, form)
    return path, edit, text, form, issue


def _identify_form(root: Path, body: str) -> tuple[IssueForm, str, dict[str, str]]:
    folder = root / ".github" / "ISSUE_TEMPLATE"
    for file_name, kind in FORMS.items():
        if not (folder / file_name).is_file():
            continue
        form = load_form(folder / file_name)
        answers = read_answers(form, body)
        if answers is not None:
            return form, kind, answers
    raise FormRejected([FormProblem("Issue", "it does not follow the “Propose a term” or “Change this term” "
                                             "form, nor “Add or update a data dictionary” (a field heading is "
                                             "missing); open a new issue with one of those forms")])


def _current_data(glossary_dir: Path, answer: str) -> dict | None:
    term_id = answer.strip().strip("`").strip().lower()
    file = glossary_dir / f"{term_id}.yml"
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", term_id) or not file.is_file() or file.is_symlink():
        return None
    document, _ = read_yaml(file, f"glossary/{file.name}")
    return document.data if document is not None and isinstance(document.data, dict) else None


def check_in_copy(root: Path, path: str, text: str, edit: TermEdit) -> list[FormProblem]:
    """Run the build's check on a scratch copy of the glossary with the new file in it."""
    with tempfile.TemporaryDirectory(prefix="term-from-issue-") as scratch:
        copy = Path(scratch)
        shutil.copytree(root / "glossary", copy / "glossary", symlinks=True)
        data_file = root / DATA_ELEMENTS_FILE
        if data_file.is_file():
            (copy / DATA_ELEMENTS_FILE).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(data_file, copy / DATA_ELEMENTS_FILE)
        (copy / path).write_text(text, encoding="utf-8")
        try:
            check_content(copy)
        except InvalidContent as report:
            return [_form_problem(p, path, edit) for p in report.problems]
    return []


def _form_problem(problem: Problem, path: str, edit: TermEdit) -> FormProblem:
    """A check message about the term file, told as the form field it came from."""
    if problem.path != path:
        return FormProblem("Glossary", f"another term file has a problem a maintainer must fix first "
                                       f"(`{problem}`)")
    head = _FIELD_HEAD.match(problem.field)
    label = _translation_label(problem.field, edit.labels)
    if label is None and head and head.group("field") == "sources" and head.group("index") is not None:
        label = edit.source_labels.get(int(head.group("index")))
    elif head and head.group("sub"):
        label = edit.labels.get(f"{head.group('field')}.{head.group('sub')}")
    if label is None and head:
        label = edit.labels.get(head.group("field"))
    return FormProblem(label or "Form", problem.message if label else f"{problem.field}: {problem.message}")


def _translation_label(field: str, labels: dict[str, str]) -> str | None:
    """The form field of a problem in a translation ("translations.es.sources[0].url" -> the Spanish
    sources field): the longest term-file field of the form that the problem's field starts with."""
    if not field.startswith("translations"):
        return None
    keys = [key for key in labels
            if key.startswith("translations") and re.match(re.escape(key) + r"(?:$|[.\[])", field)]
    return labels[max(keys, key=len)] if keys else None


def _write_term(target: Path, text: str) -> None:
    """Replace the file in one step, so a reader never sees half a file."""
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, target)


def _write_output(folder: Path | None, name: str, text: str) -> None:
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
