"""Spanish names: their forms, the accent-blind matcher, and linking on pages in Spanish only."""

from __future__ import annotations

import markdown
import pytest

from termbase.linking.linker import GlossaryLinkExtension, MentionLinker, PageContext
from termbase.linking.matcher import FoldingMatcher, Matcher
from termbase.linking.translatedlinks import translated_linkers
from termbase.loading.languages import english_address, in_language, language_of
from termbase.loading.model import Term
from termbase.loading.spanishforms import fold_accents, spanish_name_forms


@pytest.mark.parametrize("name, plural", [
    ("conjunto limitado de datos", "conjuntos limitados de datos"),
    ("información médica protegida", "informaciones médicas protegidas"),  # the accent of -ión goes
    ("junta de revisión institucional", "juntas de revisión institucional"),  # only before "de"
    ("entidad cubierta", "entidades cubiertas"),
    ("socio comercial", "socios comerciales"),
    ("luz", "luces"),
    ("IRB", "IRBs"),
])
def test_spanish_plurals(name, plural):
    assert spanish_name_forms(name) == [name, plural]


@pytest.mark.parametrize("name", ["datos desidentificados", "análisis", "metadatos", "2"])
def test_words_that_are_already_plural_keep_their_one_form(name):
    assert spanish_name_forms(name) == [name]


def test_folding_keeps_every_letter_in_its_place():
    text = "Información MÉDICA, año: ñandú"
    folded = fold_accents(text)
    assert folded == "Informacion MEDICA, ano: nandu"
    assert len(folded) == len(text)


SPANISH = [("conjunto limitado de datos", "lds"), ("información médica protegida", "phi"), ("PHI", "phi"),
           ("datos desidentificados", "deid")]


@pytest.mark.parametrize("text, found", [
    ("un conjunto limitado de datos", ["conjunto limitado de datos"]),
    ("dos Conjuntos Limitados de Datos", ["Conjuntos Limitados de Datos"]),
    ("informacion medica protegida", ["informacion medica protegida"]),
    ("INFORMACIÓN MÉDICA PROTEGIDA", ["INFORMACIÓN MÉDICA PROTEGIDA"]),
    ("sus datos\n  desidentificados", ["datos\n  desidentificados"]),  # across a line break
    ("la PHI y la phi", ["PHI"]),  # abbreviations in capitals only
    ("subconjunto limitado de datos", []),  # inside a longer word
])
def test_the_spanish_matcher_finds_names_with_or_without_accents_in_any_case_and_plural(text, found):
    matcher = FoldingMatcher(SPANISH, spanish_name_forms, fold_accents)
    assert [mention.text for mention in matcher.find(text)] == found


def test_each_mention_keeps_its_place_in_the_text_as_written():
    matcher = FoldingMatcher(SPANISH, spanish_name_forms, fold_accents)
    text = "Más información médica protegida aquí"
    (mention,) = matcher.find(text)
    assert text[mention.start:mention.end] == "información médica protegida" and mention.term_id == "phi"


@pytest.mark.parametrize("address, language, english, spanish", [
    ("glossary/limited-data-set/", "en", "glossary/limited-data-set/", "es/glossary/limited-data-set/"),
    ("es/glossary/limited-data-set.md", "es", "glossary/limited-data-set.md", "es/glossary/limited-data-set.md"),
    ("es/", "es", "", "es/"),
    ("es/residents.html", "es", "residents.html", "es/residents.html"),
    ("essays/", "en", "essays/", "es/essays/"),
])
def test_a_page_language_and_its_counterpart_come_from_its_address(address, language, english, spanish):
    assert language_of(address) == language
    assert english_address(address) == english
    assert in_language(address, "es") == spanish


def lds(**spanish) -> Term:
    return Term.from_mapping("limited-data-set", "glossary/limited-data-set.yml", {
        "term": "Limited data set", "aliases": ["LDS"], "definition": "Health data without direct identifiers.",
        "translations": {"es": {"term": "Conjunto limitado de datos", "definition": "Datos de salud sin nombres.",
                                "review": "machine", **spanish}}}, {})


def dua() -> Term:
    return Term.from_mapping("data-use-agreement", "glossary/data-use-agreement.yml", {
        "term": "Data use agreement", "definition": "The agreement a limited data set needs."}, {})


@pytest.fixture
def linked():
    """Markdown to HTML at a page address, with the English linker and its Spanish one."""
    terms = [lds(), dua()]
    english = MentionLinker(Matcher((name, t.id) for t in terms for name in t.names),
                            {t.id: t.definition for t in terms}, {t.id: f"glossary/{t.id}/" for t in terms},
                            frozenset(t.id for t in terms), {t.id: t.term for t in terms})
    english.translations = translated_linkers(terms, english)
    links = GlossaryLinkExtension()
    converter = markdown.Markdown(extensions=[links])

    def convert(text: str, page_url: str) -> tuple[str, list[str]]:
        context = PageContext(page_url=page_url)
        links.link_next_conversion(english, context)
        return converter.reset().convert(text), context.mentioned
    return convert


def test_a_spanish_page_links_spanish_names_to_spanish_pages_with_spanish_tooltips(linked):
    html, mentioned = linked("Un conjunto limitado de datos, no un limited data set ni un LDS.", "es/residents/")
    assert '<a class="kb-term" data-term="Conjunto limitado de datos" href="../glossary/limited-data-set/" ' \
           'title="Datos de salud sin nombres.">conjunto limitado de datos</a>' in html
    assert html.count("<a ") == 1 and mentioned == ["limited-data-set"]


def test_an_english_page_never_links_spanish_names(linked):
    html, mentioned = linked("A conjunto limitado de datos is a limited data set.", "residents/")
    assert html.count("<a ") == 1 and ">limited data set</a>" in html and mentioned == ["limited-data-set"]


def test_a_spanish_term_page_does_not_link_itself(linked):
    html, mentioned = linked("Un conjunto limitado de datos.", "es/glossary/limited-data-set/")
    assert "<a " not in html and mentioned == []


def test_an_untranslated_term_has_no_spanish_name_to_link(linked):
    html, _ = linked("Un acuerdo de uso de datos (data use agreement).", "es/residents/")
    assert "<a " not in html


def test_a_spanish_page_in_a_source_tree_links_source_paths(linked):
    """The generation step converts pages with links between source files ("glossary/lds.md")."""
    terms = [lds()]
    english = MentionLinker(Matcher([("Limited data set", "limited-data-set")]), {"limited-data-set": "x"},
                            {"limited-data-set": "glossary/limited-data-set.md"}, frozenset({"limited-data-set"}))
    english.translations = translated_linkers(terms, english)
    links = GlossaryLinkExtension()
    links.link_next_conversion(english, PageContext(page_url="es/residents.md"))
    converter = markdown.Markdown(extensions=[links])
    assert 'href="glossary/limited-data-set.md"' in converter.convert("Un conjunto limitado de datos.")
