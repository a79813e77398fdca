"""The `decisions` of a term file: one row per mistake, with the exact message and line."""

from __future__ import annotations

import pytest
from sitekit import MINIMAL_DATA_FILE
from termbase.content import check_content
from termbase.loading.loader import load_glossary
from termbase.loading.problems import InvalidContent

HEAD = "term: Linkage key\ndefinition: A code that links records.\n"
SESSION = "convenings/first/governance.md"

CASES = [
    # (case name, rest of the term file after HEAD, expected problem lines)
    ("date that is not a day", "status: proposed\ndecisions:\n  - date: 2026-02-30\n    status: proposed\n"
     "    note: At the first convening\n",
     ["glossary/a.yml:5: decisions[0].date: '2026-02-30' is not a real day"]),
    ("date in the future", "status: proposed\ndecisions:\n  - date: 2999-01-01\n    status: proposed\n"
     "    note: Someday\n",
     ["glossary/a.yml:5: decisions[0].date: '2999-01-01' is in the future"]),
    ("date written another way", "decisions:\n  - date: 12/03/2026\n    status: adopted\n    note: Agreed\n",
     ["glossary/a.yml:4: decisions[0].date: '12/03/2026' is not a date written YYYY-MM-DD"]),
    ("unknown status", "decisions:\n  - date: 2026-03-12\n    status: approved\n    note: Agreed\n",
     ["glossary/a.yml:5: decisions[0].status: 'approved' is not allowed; use one of: draft, proposed, adopted, deprecated"]),
    ("neither session nor note", "decisions:\n  - date: 2026-03-12\n    status: adopted\n",
     ["glossary/a.yml:4: decisions[0]: needs 'session' or 'note'"]),
    ("session page that does not exist", "decisions:\n  - date: 2026-03-12\n    status: adopted\n"
     "    session: convenings/first/nowhere.md\n",
     ["glossary/a.yml:6: decisions[0].session: no page docs/convenings/first/nowhere.md"]),
    ("session outside docs", "decisions:\n  - date: 2026-03-12\n    status: adopted\n    session: ../README.md\n",
     ["glossary/a.yml:6: decisions[0].session: '../README.md' is not the path of a page under docs/"]),
    ("status disagrees with the latest decision",
     f"status: proposed\ndecisions:\n  - date: 2026-01-05\n    status: proposed\n    note: Proposed\n"
     f"  - date: 2026-03-12\n    status: adopted\n    session: {SESSION}\n",
     ["glossary/a.yml:3: status: is 'proposed' but the latest decision (2026-03-12, line 8) made the term "
      "'adopted'; change one of them so they agree"]),
    ("default status disagrees", "decisions:\n  - date: 2026-01-05\n    status: proposed\n    note: Proposed\n",
     ["glossary/a.yml:3: status: is 'adopted' but the latest decision (2026-01-05, line 4) made the term 'proposed'"]),
]


@pytest.fixture
def repo(tmp_path):
    (tmp_path / "glossary").mkdir()
    (tmp_path / "docs" / "convenings" / "first").mkdir(parents=True)
    (tmp_path / "docs" / SESSION).write_text("# Governance\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("# Outside docs\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("rest, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_decision_mistake_is_reported_with_file_line_and_field(repo, rest, expected):
    (repo / "glossary" / "a.yml").write_text(HEAD + rest, encoding="utf-8")
    with pytest.raises(InvalidContent) as caught:
        load_glossary(repo / "glossary", repo)
    messages = [str(p) for p in caught.value.problems]
    for wanted in expected:
        assert any(m.startswith(wanted) for m in messages), f"{wanted!r} not in {messages}"


def test_valid_decisions_load_in_their_order_with_dates_kept_as_text(repo):
    (repo / "glossary" / "a.yml").write_text(
        HEAD + f"decisions:\n  - date: 2026-01-05\n    status: proposed\n    note: Proposed by Iowa's team\n"
        f"  - date: 2026-03-12\n    status: adopted\n    session: {SESSION}\n", encoding="utf-8")
    term = load_glossary(repo / "glossary", repo)["a"]
    assert [(d.date, d.status, d.session, d.note) for d in term.decisions] == [
        ("2026-01-05", "proposed", "", "Proposed by Iowa's team"), ("2026-03-12", "adopted", SESSION, "")]


def test_bad_convening_date_stops_the_check_with_file_and_line(repo):
    (repo / "glossary" / "a.yml").write_text(HEAD, encoding="utf-8")
    (repo / "data").mkdir()
    (repo / "data" / "data-elements.yml").write_text(MINIMAL_DATA_FILE, encoding="utf-8")
    (repo / "docs" / "convenings" / "first" / "index.md").write_text(
        "---\ntitle: First\ndate: last spring\n---\n# First\n", encoding="utf-8")
    with pytest.raises(InvalidContent) as caught:
        check_content(repo)
    assert [str(p) for p in caught.value.problems] == [
        "docs/convenings/first/index.md:3: date: 'last spring' is not a date written YYYY-MM-DD, e.g. 2026-03-12"]
