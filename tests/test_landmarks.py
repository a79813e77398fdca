"""Navigation landmarks have names, and no two share one (axe: landmark-unique), read from a
built site whose sections have index pages (the case where Material leaves the name empty)."""

from __future__ import annotations

from collections import Counter


def accessible_name(nav, page) -> str:
    if nav.get("aria-label"):
        return nav["aria-label"]
    label = page.find(id=nav["aria-labelledby"])
    assert label is not None, f"{nav['aria-labelledby']} is not in the page"
    return " ".join(label.get_text().split())


def test_every_navigation_landmark_has_a_unique_name(site):
    for section in ("playbooks", "sites"):
        site.page(f"{section}/index.md", f"# {section.title()}\n\nAll {section}.\n")
        site.page(f"{section}/first.md", "# First\n\nText.\n")
        site.page(f"{section}/second.md", "# Second\n\nText.\n")
    site.page("news/index.md", "# News\n\nA section with its index page only.\n")
    built = site.build()
    assert built.result.returncode == 0, built.output
    for path in ("", "playbooks/first/"):
        page = built.html(path)
        names = [accessible_name(nav, page) for nav in page.select("nav")]
        assert {"Playbooks", "Sites", "News"} <= set(names), names
        assert all(names), names
        assert not [name for name, count in Counter(names).items() if count > 1], names
