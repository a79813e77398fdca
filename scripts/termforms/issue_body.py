"""Read the answers of a GitHub issue form from the issue's Markdown body.

GitHub writes a submitted form as one `### <field label>` heading per field, the answer below
it, and `_No response_` for a field left empty. The form files in .github/ISSUE_TEMPLATE/ give
the labels, so the same file drives the form people fill in and the parser that reads it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

NO_RESPONSE = "_No response_"
_HEADING = re.compile(r"^###[ \t]+(?P<label>.+?)[ \t]*$")


@dataclass(frozen=True)
class FormField:
    id: str
    label: str
    required: bool
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class IssueForm:
    """One issue form file (only the parts that become answers; Markdown blocks have no answer)."""

    file: str
    name: str
    fields: tuple[FormField, ...]

    def field(self, field_id: str) -> FormField:
        return next(f for f in self.fields if f.id == field_id)

    def label(self, field_id: str) -> str:
        return self.field(field_id).label

    def fields_by_id(self) -> dict[str, FormField]:
        return {f.id: f for f in self.fields}


def load_form(path: Path) -> IssueForm:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    fields = tuple(
        FormField(id=item["id"], label=item["attributes"]["label"],
                  required=bool(item.get("validations", {}).get("required", False)),
                  options=tuple(item["attributes"].get("options", ())))
        for item in data["body"] if item.get("type") != "markdown")
    return IssueForm(file=path.name, name=data["name"], fields=fields)


def read_answers(form: IssueForm, body: str) -> dict[str, str] | None:
    """{field id: answer} ('' when empty), or None when the body is not this form's.

    A body is this form's when every required field has its heading. Only headings that are
    labels of the form start a new field, so a `###` line inside an answer stays in the answer.
    """
    by_label = {f.label: f.id for f in form.fields}
    answers: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        heading = _HEADING.match(line)
        if heading and heading.group("label") in by_label and by_label[heading.group("label")] not in answers:
            current = answers.setdefault(by_label[heading.group("label")], [])
        elif current is not None:
            current.append(line)
    if any(f.required and f.id not in answers for f in form.fields):
        return None
    result = {}
    for f in form.fields:
        text = "\n".join(answers.get(f.id, [])).strip()
        result[f.id] = "" if text == NO_RESPONSE else text
    return result


def split_list(answer: str) -> list[str]:
    """'a, b; c' or one item a line -> ['a', 'b', 'c'] (dropdowns with several choices use commas)."""
    items = re.split(r"[,;\n]", answer)
    return [" ".join(item.split()) for item in items if item.strip()]
