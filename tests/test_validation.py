"""One row per mistake a contributor can make in a term file: the exact message and line."""

from __future__ import annotations

import pytest

from glossarykit import assert_reported, glossary_problems, write_glossary
from termbase.loading.loader import load_glossary
from termbase.loading.problems import InvalidContent

GOOD = "term: Data set\ndefinition: A collection of records.\n"
GOOD_OTHER = "term: Limited data set\naliases: [LDS]\ndefinition: Health data without direct identifiers.\n"

CASES = [
    # (case name, files {name: text or bytes}, expected problem lines)
    ("invalid yaml", {"a.yml": "term: A\ndefinition: [unclosed\n"},
     ["glossary/a.yml:3: yaml: invalid YAML"]),
    ("empty file", {"a.yml": ""}, ["glossary/a.yml:1: file: is empty"]),
    ("only comments", {"a.yml": "# nothing here\n"}, ["glossary/a.yml:1: file: is empty"]),
    ("not a mapping", {"a.yml": "- term\n- definition\n"},
     ["glossary/a.yml:1: file: must be a mapping of fields"]),
    ("missing required field", {"a.yml": "term: A\n"},
     ["glossary/a.yml:1: definition: is required but missing"]),
    ("empty required field", {"a.yml": "term: A\ndefinition: '  '\n"},
     ["glossary/a.yml:2: definition: must not be empty"]),
    ("null required field", {"a.yml": "term: A\ndefinition:\n"},
     ["glossary/a.yml:2: definition: must be text, not empty"]),
    ("wrong type", {"a.yml": "term: A\ndefinition: B\naliases: LDS\n"},
     ["glossary/a.yml:3: aliases: must be a list, not text"]),
    ("wrong item type", {"a.yml": "term: A\ndefinition: B\naliases:\n  - ok\n  - [nested]\n"},
     ["glossary/a.yml:5: aliases[1]: must be text, not a list"]),
    ("unknown field with suggestion", {"a.yml": "term: A\ndefintion: B\n"},
     ["glossary/a.yml:2: defintion: unknown field; did you mean `definition`?",
      "glossary/a.yml:1: definition: is required but missing"]),
    ("bad file name", {"Limited_Data.yml": GOOD},
     ["glossary/Limited_Data.yml:1: file: 'Limited_Data' is not a valid id: use lower-case kebab-case, "
      "e.g. limited-data.yml"]),
    (".yaml extension", {"data-set.yaml": GOOD},
     ["glossary/data-set.yaml:1: file: use the .yml extension: rename it to data-set.yml"]),
    ("other file in glossary", {"notes.txt": "hello"},
     ["glossary/notes.txt:1: file: glossary/ holds only term files named <id>.yml"]),
    ("unknown related id", {"a.yml": "term: A\ndefinition: B\nrelated: [nowhere]\n"},
     ["glossary/a.yml:3: related: unknown term 'nowhere' (no glossary/nowhere.yml)"]),
    ("self related", {"a.yml": "term: A\ndefinition: B\nrelated: [a]\n"},
     ["glossary/a.yml:3: related: 'a' refers to the term itself"]),
    ("related draft", {"a.yml": "term: A\ndefinition: B\nbroader: [b]\n",
                       "b.yml": "term: B\ndefinition: C\nstatus: draft\n"},
     ["glossary/a.yml:3: broader: 'b' is a draft and is not published"]),
    ("term collision", {"a.yml": "term: Data set\ndefinition: B\n", "b.yml": "term: data  SET\ndefinition: C\n"},
     ["glossary/b.yml:1: term: 'data  SET' collides with 'Data set' of glossary/a.yml"]),
    ("alias collides with term", {"a.yml": GOOD, "b.yml": "term: B\naliases: [Data set]\ndefinition: C\n"},
     ["glossary/b.yml:2: aliases: 'Data set' collides with 'Data set' of glossary/a.yml"]),
    ("alias collides with plural", {"a.yml": GOOD, "b.yml": "term: B\naliases: [data sets]\ndefinition: C\n"},
     ["glossary/b.yml:2: aliases: 'data sets' collides with 'Data set' of glossary/a.yml"]),
    ("invalid status", {"a.yml": "term: A\ndefinition: B\nstatus: approved\n"},
     ["glossary/a.yml:3: status: 'approved' is not allowed; use one of: draft, proposed, adopted, deprecated"]),
    ("deprecated without replacement", {"a.yml": "term: A\ndefinition: B\nstatus: deprecated\n"},
     ["glossary/a.yml:3: replaced_by: a deprecated term must name the term to use instead"]),
    ("replaced_by unknown", {"a.yml": "term: A\ndefinition: B\nstatus: deprecated\nreplaced_by: zz\n"},
     ["glossary/a.yml:4: replaced_by: unknown term 'zz' (no glossary/zz.yml)"]),
    ("replaced_by on adopted term", {"a.yml": "term: A\ndefinition: B\nreplaced_by: b\n", "b.yml": GOOD_OTHER},
     ["glossary/a.yml:3: replaced_by: only a deprecated term can be replaced"]),
    ("non-http source", {"a.yml": "term: A\ndefinition: B\nsources:\n  - title: T\n    url: javascript:alert(1)\n"},
     ["glossary/a.yml:5: sources[0].url: 'javascript:alert(1)' is not an http:// or https:// URL"]),
    ("source without title", {"a.yml": "term: A\ndefinition: B\nsources:\n  - url: https://example.org/\n"},
     ["glossary/a.yml:4: sources[0].title: is required but missing"]),
    ("unsafe link in markdown", {"a.yml": "term: A\ndefinition: 'See [x](javascript:alert(1))'\n"},
     ["glossary/a.yml:2: definition: 'javascript:' links are not allowed"]),
    ("data: URL in markdown", {"a.yml": "term: A\ndefinition: 'See [x](data:text/html;base64,PHNjcmlwdD4=)'\n"},
     ["glossary/a.yml:2: definition: 'data:text/html;' links are not allowed"]),
    ("non utf-8", {"a.yml": b"term: A\ndefinition: caf\xe9\n"},
     ["glossary/a.yml:2: file: is not valid UTF-8 (byte 0xe9)"]),
    ("huge file", {"a.yml": "term: A\ndefinition: B\nnotes: '" + "x" * 120_000 + "'\n"},
     ["glossary/a.yml:1: file: is 120,032 bytes; a term file must be under 100,000 bytes"]),
    ("object-constructing tag", {"a.yml": "term: !!python/object/apply:os.system ['echo hi']\ndefinition: B\n"},
     ["glossary/a.yml:1: yaml: could not determine a constructor for the tag"]),
    ("NUL written as an escape", {"a.yml": 'term: "A\\0B"\ndefinition: B\n'},
     ["glossary/a.yml:1: yaml: holds a control or invalid character (written as a \\ escape) that no page can "
      "show; remove it"]),
    ("bell in a nested value", {"a.yml": 'term: A\ndefinition: B\nsources:\n  - title: "T\\x07"\n'
                                         '    url: https://example.org/\n'},
     ["glossary/a.yml:4: yaml: holds a control or invalid character (written as a \\ escape) that no page can "
      "show; remove it"]),
    ("alias bomb", {"a.yml": "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nterm: A\ndefinition: B\n"},
     ["glossary/a.yml:1: yaml: anchors and aliases (& and *) are not allowed in a term file"]),
    ("redirect_from takes a live id", {"a.yml": "term: A\ndefinition: B\nredirect_from: [b]\n", "b.yml": GOOD_OTHER},
     ["glossary/a.yml:3: redirect_from: 'b' is the id of glossary/b.yml; an old id must be free"]),
    ("two terms claim one old id", {"a.yml": "term: A\ndefinition: B\nredirect_from: [old]\n",
                                    "b.yml": "term: B\ndefinition: C\nredirect_from: [old]\n"},
     ["glossary/b.yml:3: redirect_from: 'old' already redirects to glossary/a.yml"]),
    ("alias short link hits a term page", {"a.yml": "term: A\naliases: [B-C]\ndefinition: B\n",
                                           "b-c.yml": "term: Bee sea\ndefinition: C\n"},
     ["glossary/a.yml:2: aliases: short link glossary/b-c/ for 'B-C' is already used by glossary/b-c.yml"]),
    ("bad tag lists the known tags", {"a.yml": "term: A\ndefinition: B\ntags: [Privacy Law]\n"},
     ["glossary/a.yml:3: tags[0]: 'Privacy Law' is not a known tag; known tags: privacy-law, disclosure-control, "
      "record-linkage, ids-operations, ethics-equity, community-engagement, outcomes-evaluation, contracting, "
      "programs-funding"]),
    ("misspelled tag suggests the closest", {"a.yml": "term: A\ndefinition: B\ntags: [record-linking]\n"},
     ["glossary/a.yml:3: tags[0]: 'record-linking' is not a known tag; known tags: privacy-law, disclosure-control, "
      "record-linkage, ids-operations, ethics-equity, community-engagement, outcomes-evaluation, contracting, "
      "programs-funding; did you mean `record-linkage`?"]),
    ("unknown related id suggests the closest ids",
     {"data-use-agreement.yml": "term: Data use agreement\ndefinition: B\n",
      "a.yml": "term: A\ndefinition: B\nrelated: [data-use-agreemnt]\n"},
     ["glossary/a.yml:3: related: unknown term 'data-use-agreemnt' (no glossary/data-use-agreemnt.yml); "
      "did you mean `data-use-agreement`?"]),
    ("an alias written as an id points to its term", {"limited-data-set.yml": GOOD_OTHER,
                                                      "a.yml": "term: A\ndefinition: B\nnarrower: [lds]\n"},
     ["glossary/a.yml:3: narrower: unknown term 'lds' (no glossary/lds.yml); did you mean `limited-data-set`?"]),
    ("misspelled field with no close match lists the fields", {"a.yml": "term: A\ndefinition: B\nzzz: C\n"},
     ["glossary/a.yml:3: zzz: unknown field; allowed fields: term, definition, plain, aliases, status"]),
    ("misspelled status suggests the closest", {"a.yml": "term: A\ndefinition: B\nstatus: adoptd\n"},
     ["glossary/a.yml:3: status: 'adoptd' is not allowed; use one of: draft, proposed, adopted, deprecated; "
      "did you mean `adopted`?"]),
    ("bad local usage jurisdiction", {"a.yml": "term: A\ndefinition: B\nlocal_usage:\n  - jurisdiction: texas\n"
                                               "    note: Used differently.\n"},
     ["glossary/a.yml:4: local_usage[0].jurisdiction: 'texas' is not allowed; use one of: connecticut, iowa"]),
    ("search terms not a list", {"a.yml": "term: A\ndefinition: B\nsearch_terms: deidentified\n"},
     ["glossary/a.yml:3: search_terms: must be a list, not text"]),
    ("search term repeats a name", {"a.yml": "term: Data set\nsearch_terms: [Data Sets]\ndefinition: B\n"},
     ["glossary/a.yml:2: search_terms: 'Data Sets' is already a name of this term (or its plural); "
      "search finds it without it"]),
    ("search term is another term's name",
     {"a.yml": GOOD_OTHER, "b.yml": "term: B\nsearch_terms: [LDS]\ndefinition: C\n"},
     ["glossary/b.yml:2: search_terms: 'LDS' is a name of glossary/a.yml (or its plural); "
      "searching for it must lead there"]),
]


@pytest.mark.parametrize("files, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_mistake_is_reported_with_file_line_and_field(tmp_path, files, expected):
    write_glossary(tmp_path, files)
    assert_reported(glossary_problems(tmp_path), expected)


def test_every_problem_in_every_file_is_reported_at_once(tmp_path):
    write_glossary(tmp_path, {"a.yml": "term: A\n", "b.yaml": GOOD, "c.yml": "term: C\ndefinition: D\nrelated: [zz]\n",
                              "d.yml": ""})
    with pytest.raises(InvalidContent) as caught:
        load_glossary(tmp_path / "glossary", tmp_path)
    files = {p.path for p in caught.value.problems}
    assert files == {"glossary/a.yml", "glossary/b.yaml", "glossary/c.yml", "glossary/d.yml"}
    assert caught.value.report().endswith("4 problems found.")


def test_valid_glossary_loads_every_published_term_and_no_draft(tmp_path):
    write_glossary(tmp_path, {"data-set.yml": GOOD, "limited-data-set.yml": GOOD_OTHER,
                              "idea.yml": "term: Idea\ndefinition: Not yet.\nstatus: draft\n",
                              "old.yml": "term: Old\ndefinition: Gone.\nstatus: deprecated\nreplaced_by: data-set\n"})
    glossary = load_glossary(tmp_path / "glossary", tmp_path)
    assert sorted(t.id for t in glossary) == ["data-set", "limited-data-set", "old"]
    assert glossary.drafts == {"idea"}
    assert glossary["limited-data-set"].aliases == ("LDS",)


def test_inverse_relations_are_merged(tmp_path):
    write_glossary(tmp_path, {"data-set.yml": GOOD, "limited-data-set.yml": GOOD_OTHER + "broader: [data-set]\n"
                              "related: [data-set]\n"})
    glossary = load_glossary(tmp_path / "glossary", tmp_path)
    assert [t.id for t in glossary.narrower(glossary["data-set"])] == ["limited-data-set"]
    assert [t.id for t in glossary.related(glossary["data-set"])] == ["limited-data-set"]


def test_a_broken_file_is_not_also_called_unknown_where_referenced(tmp_path):
    write_glossary(tmp_path, {"a.yml": "term: A\ndefinition: B\nrelated: [b]\n", "b.yml": "term: B\ndefintion: C\n"})
    with pytest.raises(InvalidContent) as caught:
        load_glossary(tmp_path / "glossary", tmp_path)
    assert [p.path for p in caught.value.problems] == ["glossary/b.yml", "glossary/b.yml"]


def test_known_tags_have_readable_topic_names():
    """The schema's tag list and the index's topic names are one list: no topic without a title."""
    from termbase.loading.schema import term_schema
    from termbase.pages.termpages import TOPIC_TITLES
    assert term_schema()["$defs"]["tag"]["enum"] == list(TOPIC_TITLES)


def test_prose_with_a_colon_after_data_is_not_a_data_url(tmp_path):
    write_glossary(tmp_path, {"a.yml": "term: A\ndefinition: 'Two kinds of data: linked and unlinked.'\n"})
    assert len(load_glossary(tmp_path / "glossary", tmp_path)) == 1
