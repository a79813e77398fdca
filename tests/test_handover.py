"""The generation step converts each page once and the engine-side extension hands that page over.

Zensical renders the tree through Python-Markdown with `termbase.finishing` loaded; the extension
must give it the page the generation step finished (links, "Used in", "Terms on this page") and
convert nothing itself. Under `serve` the step keeps its conversions: an edit must still reach
every page it shows on. The whole-site comparison of both engines is in test_engines.py.
"""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from markdown import Markdown
from markdown.preprocessors import Preprocessor

from termbase.engineconfig import read_engine_config
from termbase.finishing import MissingPage
from termbase.loading.frontmatter import strip_front_matter
from termbase.sitegen import TreeGenerator, rendered_file

PAGE = """\
# Sharing

A limited data set goes out under an agreement.
"""


@pytest.fixture
def tree(site, tmp_path, monkeypatch):
    site.term("limited-data-set", "term: Limited data set\ndefinition: First wording.\n")
    site.term("consent", "term: Consent\ndefinition: Saying yes.\n")
    site.page("sharing.md", PAGE)
    site.page("other.md", "# Other\n\nAbout consent only.\n")
    site.build()  # writes mkdocs.yml
    monkeypatch.chdir(site.root)  # pymdownx.snippets reads from the working folder, as under the adapter
    generator = TreeGenerator(site.root, tmp_path / "tree", read_engine_config(site.root / "mkdocs.yml"))
    generator.generate()
    return generator


def render_like_zensical(out, src: str) -> tuple[str, list]:
    """What Zensical does with a page: front matter removed, then Python-Markdown with the
    configured extensions; only the table of contents and the hand-over here, which cannot link."""
    text = strip_front_matter((out / "docs" / src).read_text(encoding="utf-8"))
    md = handing_over(out, "toc")
    return md.convert(text), md.toc_tokens


def handing_over(out, *extensions: str) -> Markdown:
    return Markdown(extensions=[*extensions, "termbase.finishing"],
                    extension_configs={"termbase.finishing": {"build_dir": str(out)}})


def kept(out, src: str) -> dict:
    return json.loads(rendered_file(out, src).read_text(encoding="utf-8"))


def test_the_engine_gets_the_finished_page_and_its_table_of_contents(tree):
    html, toc = render_like_zensical(tree.out, "sharing.md")
    assert html == kept(tree.out, "sharing.md")["html"]
    assert [(t["id"], t["name"], t["level"]) for t in toc] == [("sharing", "Sharing", 1)]
    soup = BeautifulSoup(html, "html.parser")
    link = soup.find("a", class_="kb-term")
    # Linked by the generation step with its tooltip, though no linker ran here.
    assert link.get_text() == "limited data set" and link["title"] == "First wording."
    assert link["href"] == "glossary/limited-data-set.md"
    assert soup.select_one("section.kb-terms-on-page") is not None


def test_the_templates_data_travels_with_the_kept_page_not_in_the_front_matter(tree):
    """Zensical's navigation reads every listed page's front matter on every page: the Share
    panel's data (QR code, JSON-LD) goes to the page's own metadata through the extension."""
    class Page:
        meta: dict = {}

    class RenderingContext(Preprocessor):  # what Zensical registers for the page it renders
        page = Page()

        def run(self, lines):
            return lines

    md = handing_over(tree.out)
    context = RenderingContext(md)
    md.preprocessors.register(context, "rendering_context", 0)
    md.convert(strip_front_matter((tree.out / "docs" / "sharing.md").read_text(encoding="utf-8")))
    assert context.page.meta["kb"] == kept(tree.out, "sharing.md")["kb"]
    assert context.page.meta["kb"]["share_url"].endswith("/sharing/")
    assert "<svg" in context.page.meta["kb"]["qr_svg"]
    assert "\nkb:" not in (tree.out / "docs" / "sharing.md").read_text(encoding="utf-8")


def test_a_page_outside_the_generated_tree_is_converted_as_usual(tree):
    md = handing_over(tree.out)
    assert md.convert("Plain *text*.") == "<p>Plain <em>text</em>.</p>"


def test_an_edited_definition_reaches_every_page_that_shows_it_and_only_those(site, tree):
    other_before = (tree.out / "docs" / "other.md").read_text(encoding="utf-8")
    page_before = (tree.out / "docs" / "sharing.md").read_text(encoding="utf-8")
    site.term("limited-data-set", "term: Limited data set\ndefinition: 'Second & \"quoted\" wording.'\n")
    tree.generate()  # the same generator, as `serve` keeps it
    link = BeautifulSoup(kept(tree.out, "sharing.md")["html"], "html.parser").find("a", class_="kb-term")
    assert link["title"] == 'Second & "quoted" wording.'
    assert '"quoted"' not in kept(tree.out, "sharing.md")["html"]  # escaped inside the attribute
    # The marker's digest changed with the HTML, so an engine caching by page text renders it again.
    assert (tree.out / "docs" / "sharing.md").read_text(encoding="utf-8") != page_before
    assert (tree.out / "docs" / "other.md").read_text(encoding="utf-8") == other_before
    term_page = BeautifulSoup(kept(tree.out, "glossary/limited-data-set.md")["html"], "html.parser")
    assert 'Second & "quoted" wording.' in term_page.get_text()


def test_a_page_that_includes_a_file_shows_the_file_as_it_is_now(site, tree):
    (site.root / "included.md").write_text("First inclusion.\n", encoding="utf-8")
    site.page("with-snippet.md", '# Included\n\n--8<-- "included.md"\n')
    tree.generate()
    assert "First inclusion." in kept(tree.out, "with-snippet.md")["html"]
    (site.root / "included.md").write_text("Second inclusion.\n", encoding="utf-8")
    tree.generate()
    assert "Second inclusion." in kept(tree.out, "with-snippet.md")["html"]


def test_a_marked_page_without_its_kept_html_is_a_clear_error(tree):
    rendered_file(tree.out, "other.md").unlink()
    with pytest.raises(MissingPage, match=r"rendered/other\.md\.json: missing; generate the tree again"):
        render_like_zensical(tree.out, "other.md")



def test_text_that_looks_like_a_tooltip_token_stays_as_written(site, tree):
    """The first pass marks where tooltips go with private-use characters; a page that holds the
    same characters (pasted, or written to break the build) keeps them and builds."""
    token = "\ue000kb-tooltip:{}\ue001"
    known, unknown = token.format("limited-data-set"), token.format("nope")
    site.page("odd.md", f"# Odd\n\nText {known} and {unknown}.\n\n"
                        f'<a title="{known}" href="#x">raw</a> <a title="{unknown}" href="#y">raw</a>\n')
    tree.generate()
    html = kept(tree.out, "odd.md")["html"]
    assert f"Text {known} and {unknown}." in html
    assert html.count(known) == 2 and html.count(unknown) == 2
    assert "First wording." not in html  # the definition was not poured into the page
