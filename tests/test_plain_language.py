"""Plain definitions for residents: the schema, the grade-8 check, the term page and the forms.

Expected grades come from textstat itself, never from the code under test."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import textstat
import yaml

from formkit import answer, convert, scratch_repository
from glossarykit import glossary_problems, write_glossary
from sitekit import REPO, SiteFactory
from termbase.buildcache import BuildCache
from termbase.loading import readability

HARD = ("Protected health information from which sixteen enumerated categories of direct identifiers have been "
        "systematically removed, permitting disclosure exclusively for research or public health operations.")
# Two texts at the edge: textstat 0.7.4 grades the first exactly 8.0 and the second 8.1.
AT_LIMIT = ("A person or company, other than the staff, that does work for a group that must follow federal health "
            "privacy law. While doing that work, it makes, gets, keeps or sends health information the law protects.")
JUST_ABOVE = ("Health records with names, street addresses, record numbers and other facts that point right to a "
              "person cut out; dates, ages, town and ZIP code may stay. They may be shared only for research, public "
              "health or running health care, and only under a signed deal on their use.")


def expected_message(path: str, line: int, text: str) -> str:
    grade = textstat.flesch_kincaid_grade(text)
    return (f"{path}:{line}: plain: Flesch-Kincaid grade {grade:.1f} (textstat 0.7.4) is above 8; "
            "use shorter sentences and shorter words")


def plain_line(file: Path) -> int:
    return next(number for number, line in enumerate(file.read_text().splitlines(), 1) if line.startswith("plain:"))


def problems_in(tmp_path: Path, files: dict[str, str], cache: BuildCache | None = None) -> list[str]:
    write_glossary(tmp_path, files)
    return glossary_problems(tmp_path, cache)


def term_file(plain: str, extra: str = "") -> str:
    return f"term: Data set\ndefinition: A collection of records.\n{extra}plain: >-\n  {plain}\n"


# -- the readability check ------------------------------------------------------------------------

def test_the_edge_texts_are_graded_as_this_file_says():
    assert textstat.flesch_kincaid_grade(AT_LIMIT) == 8.0
    assert textstat.flesch_kincaid_grade(JUST_ABOVE) == 8.1


@pytest.mark.parametrize("text", [HARD, JUST_ABOVE], ids=["far above", "just above"])
def test_a_plain_text_above_grade_8_is_refused_with_file_line_and_grade(tmp_path, text):
    problems = problems_in(tmp_path, {"data-set.yml": term_file(text, extra="aliases: [records]\n")})
    line = plain_line(tmp_path / "glossary" / "data-set.yml")
    assert problems == [expected_message("glossary/data-set.yml", line, text)]


@pytest.mark.parametrize("text", [AT_LIMIT, "Records about people that a public office keeps."],
                         ids=["exactly 8", "easy"])
def test_a_plain_text_at_or_below_grade_8_passes(tmp_path, text):
    assert textstat.flesch_kincaid_grade(text) <= 8
    assert problems_in(tmp_path, {"data-set.yml": term_file(text)}) == []


def test_the_grade_is_of_the_text_a_reader_sees_not_of_its_markdown():
    marked = "Records **about people** that a [public office](https://example.org/a-long-address) keeps."
    assert readability.reading_grade(marked) == textstat.flesch_kincaid_grade(
        "Records about people that a public office keeps.")


def test_check_script_reports_the_grade_and_fails(tmp_path):
    site = SiteFactory(tmp_path)
    path = site.term("data-set", term_file(HARD))
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "check.py"), "--root", str(site.root)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert expected_message("glossary/data-set.yml", plain_line(path), HARD) in result.stderr.splitlines()
    assert "Traceback" not in result.stderr


def test_a_wrong_textstat_is_said_once_not_a_traceback(tmp_path, monkeypatch):
    import importlib.metadata

    monkeypatch.setattr(importlib.metadata, "version", lambda name: "0.7.13")
    readability._textstat.cache_clear()
    try:
        problems = problems_in(tmp_path, {"a.yml": term_file("Easy words."), "b.yml": term_file("More words.")
                                          .replace("Data set", "Other set")})
    finally:
        readability._textstat.cache_clear()
    assert len(problems) == 1
    assert problems[0].startswith("glossary/a.yml:3: plain: cannot be measured: the grade limit is set for "
                                  "textstat 0.7.4, but 0.7.13 is installed; install the pinned requirements")


def test_a_grade_in_the_build_cache_is_not_measured_again(tmp_path, monkeypatch):
    first = BuildCache()
    assert problems_in(tmp_path, {"data-set.yml": term_file(HARD)}, first)
    kept = {section: {key: [value, 0] for key, value in values.items()} for section, values in first._used.items()}

    def fail(text):
        raise AssertionError("measured again")

    monkeypatch.setattr(readability, "_grade_of_text", fail)
    again = problems_in(tmp_path, {}, BuildCache(entries=kept))
    assert again == [expected_message("glossary/data-set.yml", 3, HARD)]
    # A stored value of the wrong shape is measured again, not trusted.
    broken = {"reading-grade": {key: ["8", 0] for key in kept["reading-grade"]}}
    with pytest.raises(AssertionError, match="measured again"):
        problems_in(tmp_path, {}, BuildCache(entries=broken))


# -- the schema -----------------------------------------------------------------------------------

SCHEMA_CASES = [
    ("empty", "plain: '  '\n", "glossary/a.yml:3: plain: must not be empty"),
    ("a list", "plain: [one, two]\n", "glossary/a.yml:3: plain: must be text, not a list"),
    ("too long", f"plain: {'word ' * 80}x\n", "glossary/a.yml:3: plain: is 401 characters; at most 400 allowed"),
    ("misspelt", "plan: Easy words.\n", "glossary/a.yml:3: plan: unknown field; did you mean `plain`?"),
    ("script link", "plain: '[x](javascript:alert(1))'\n",
     "glossary/a.yml:3: plain: 'javascript:' links are not allowed; use an https:// URL"),
]


@pytest.mark.parametrize("extra, expected", [case[1:] for case in SCHEMA_CASES], ids=[c[0] for c in SCHEMA_CASES])
def test_the_schema_refuses_a_bad_plain_field(tmp_path, extra, expected):
    assert problems_in(tmp_path, {"a.yml": f"term: A\ndefinition: B\n{extra}"}) == [expected]


def test_every_plain_definition_in_the_glossary_is_within_the_limit():
    """The knowledge base's own terms: check.py runs the same check; here the count is kept honest."""
    texts = [yaml.safe_load(p.read_text(encoding="utf-8")).get("plain") for p in (REPO / "glossary").glob("*.yml")]
    texts = [t for t in texts if t]
    assert len(texts) >= 25
    assert all(textstat.flesch_kincaid_grade(" ".join(t.split())) <= 8 for t in texts)


# -- the term page ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory):
    site = SiteFactory(tmp_path_factory.mktemp("plain"))
    site.term("limited-data-set", """\
        term: Limited data set
        aliases: [LDS]
        definition: Protected health information without the 16 direct identifiers.
        plain: >-
          Health records with *names* taken out <script>alert(1)</script> by <b onclick="x()">staff</b>.
          Dates & ZIP codes may stay.
        """)
    site.term("data-set", "term: Data set\ndefinition: A collection of records.\n")
    result = site.build(env={"KB_REPOSITORY": "owner/kb"})
    assert result.result.returncode == 0, result.output
    return result


def test_the_term_page_shows_the_plain_words_above_the_definition(built):
    article = built.article("glossary/limited-data-set/")
    box = article.select_one(".kb-plain")
    assert box.select_one(".admonition-title").get_text(strip=True) == "In plain words"
    text = " ".join(box.get_text(" ", strip=True).split())
    assert "Health records with names taken out" in text and "Dates & ZIP codes may stay." in text
    assert box.select_one("em").get_text() == "names"  # Markdown, like the definition
    blocks = article.select(".kb-plain, .kb-definition")
    assert [("kb-plain" in b["class"]) for b in blocks] == [True, False]


def test_html_in_the_plain_words_never_runs(built):
    box = built.article("glossary/limited-data-set/").select_one(".kb-plain")
    assert box.select("script") == []
    assert all(not name.startswith("on") for tag in box.find_all(True) for name in tag.attrs)


def test_a_term_without_plain_words_has_no_box(built):
    assert built.article("glossary/data-set/").select(".kb-plain") == []


def test_suggest_a_change_fills_in_the_plain_words(built):
    link = built.html("glossary/limited-data-set/").select_one(".kb-feedback a")["href"]
    fields = {k: v[0] for k, v in parse_qs(urlsplit(link).query).items()}
    assert " ".join(fields["plain"].split()).startswith("Health records with *names* taken out")
    without = built.html("glossary/data-set/").select_one(".kb-feedback a")["href"]
    assert "plain" not in parse_qs(urlsplit(without).query)


# -- the forms --------------------------------------------------------------------------------------

@pytest.fixture
def repo(tmp_path) -> Path:
    return scratch_repository(tmp_path)


def grade_line(text: str) -> str:
    return (f"The plain-language definition reads at Flesch-Kincaid grade {textstat.flesch_kincaid_grade(text):.1f} "
            "(textstat 0.7.4); the limit is 8.")


def test_both_term_forms_offer_an_optional_plain_definition_after_the_definition():
    for name in ("propose-a-term.yml", "change-a-term.yml"):
        form = yaml.safe_load((REPO / ".github" / "ISSUE_TEMPLATE" / name).read_text(encoding="utf-8"))
        ids = [item.get("id") for item in form["body"]]
        field = form["body"][ids.index("plain")]
        assert ids.index("plain") == ids.index("definition") + 1, name
        assert field["type"] == "textarea" and field["attributes"]["label"] == "Plain-language definition"
        assert field["validations"]["required"] is False


def test_a_proposal_carries_its_plain_definition_into_the_term_file(repo, tmp_path):
    result = convert("new-term-plain", repo, tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    term = yaml.safe_load((repo / "glossary" / "data-broker.yml").read_text(encoding="utf-8"))
    assert list(term)[:4] == ["term", "aliases", "definition", "plain"]
    assert term["plain"] == answer("new-term-plain", "Plain-language definition")
    body = (tmp_path / "out" / "pr-body.md").read_text(encoding="utf-8")
    assert grade_line(term["plain"]) in body.splitlines()


def test_a_change_replaces_only_the_plain_definition(repo, tmp_path):
    path = repo / "glossary" / "limited-data-set.yml"
    before = path.read_text(encoding="utf-8")
    result = convert("change-plain", repo, tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    after = path.read_text(encoding="utf-8")
    wanted = answer("change-plain", "Plain-language definition")
    assert yaml.safe_load(after) == {**yaml.safe_load(before), "plain": wanted}
    # The lines before and after the plain field are byte for byte what they were.
    assert after.split("plain: >-\n")[0] == before.split("plain: >-\n")[0]
    assert after.split("\nstatus:", 1)[1] == before.split("\nstatus:", 1)[1]
    assert grade_line(wanted) in (tmp_path / "out" / "pr-body.md").read_text(encoding="utf-8").splitlines()


def test_a_plain_definition_above_grade_8_is_told_as_its_form_field(repo, tmp_path):
    before = (repo / "glossary" / "limited-data-set.yml").read_bytes()
    result = convert("plain-too-hard", repo, tmp_path / "out")
    assert result.returncode == 1 and result.stderr == ""
    text = answer("plain-too-hard", "Plain-language definition")
    grade = textstat.flesch_kincaid_grade(" ".join(text.split()))
    problems = [line for line in result.stdout.splitlines() if line.startswith("- ")]
    assert problems == [f"- **Plain-language definition**: Flesch-Kincaid grade {grade:.1f} (textstat 0.7.4) "
                        "is above 8; use shorter sentences and shorter words"]
    assert (repo / "glossary" / "limited-data-set.yml").read_bytes() == before
    assert not (tmp_path / "out" / "pull-request.json").exists()
