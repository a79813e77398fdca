"""The core's stages import only the stages below them, and no module imports itself in a circle.

    base       buildcache.py, engineconfig.py: services that import nothing of the core
    loading/   read and check the files
    linking/   find and link mentions        checker/  the data-set checker's rules
    pages/     generated pages
    sitefiles/ files published beside the pages
    top        build.py, site.py, sitegen.py, finishing.py: one build, wired for any engine

Nor does any module import a site engine (MkDocs, Material, Zensical).

linking/ and checker/ share a level: both read what loading/ made, pages/ uses both, and neither
needs the other. The imports are read from the source with `ast`, so a module is checked
whether or not anything imports it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[1] / "hooks" / "termbase"
LEVELS = (  # lowest first
    {"buildcache", "engineconfig"},
    {"loading"},
    {"linking", "checker"},
    {"pages"},
    {"sitefiles"},
    {"content", "plan", "build", "site", "sitegen", "finishing", "__init__"},  # the top: the build's stages
)


def module_name(path: Path, core: Path = CORE) -> str:
    parts = path.relative_to(core.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_names(path: Path, core: Path = CORE) -> set[str]:
    """Every core name `path` imports, absolute and dotted: `from ..loading.model import Term`
    gives termbase.loading.model and termbase.loading.model.Term (the one a module is kept)."""
    name = module_name(path, core).split(".")
    package = name if path.name == "__init__.py" else name[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            target = ".".join([*base, *([node.module] if node.module else [])])
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return {name for name in found if name == "termbase" or name.startswith("termbase.")}


def import_graph(core: Path = CORE) -> dict[str, set[str]]:
    """Module -> the core modules it imports (in functions and under TYPE_CHECKING too)."""
    paths = {module_name(path, core): path for path in sorted(core.rglob("*.py"))}

    def module_of(name: str) -> str:  # the longest prefix that is a module: drops the imported object
        while name not in paths and "." in name:
            name = name.rsplit(".", 1)[0]
        return name

    return {name: {module_of(target) for target in imported_names(path, core)} - {name}
            for name, path in paths.items()}


def unit_of(name: str) -> str:
    """The stage a module belongs to: its folder, or its own name for a module at the top."""
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def level_of(unit: str) -> int:
    for index, units in enumerate(LEVELS):
        if unit in units:
            return index
    raise AssertionError(f"termbase/{unit} is in no level: add it to LEVELS in {Path(__file__).name}")


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    wrong = []
    for name, targets in graph.items():
        unit = unit_of(name)
        for target in targets:
            other = unit_of(target)
            if level_of(other) > level_of(unit):
                wrong.append(f"{name} imports {target}: {other} is above {unit}")
            elif level_of(other) == level_of(unit) and other != unit and level_of(unit) != len(LEVELS) - 1:
                wrong.append(f"{name} imports {target}: {unit} and {other} share a level and stay apart")
    return sorted(wrong)


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every import cycle, each found once from its first module (depth-first search)."""
    found: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(name: str) -> None:
        state[name] = 1
        path.append(name)
        for target in sorted(graph.get(name, ())):
            if state.get(target) == 1:
                found.append(path[path.index(target):] + [target])
            elif target not in state:
                visit(target)
        path.pop()
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name)
    return found


def test_every_module_of_the_core_is_in_a_level():
    for name in import_graph():
        level_of(unit_of(name))


def test_no_stage_imports_a_stage_above_it():
    assert upward_imports(import_graph()) == []


def test_no_import_cycle():
    assert cycles(import_graph()) == []


def test_the_core_imports_no_site_engine():
    """MkDocs, Material and Zensical are the adapters' business: the core must outlive either engine."""
    engines = ("mkdocs", "material", "zensical")
    found = []
    for path in sorted(CORE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else [])
            found += [f"{path.relative_to(CORE.parent)}: {name}" for name in names if name.split(".")[0] in engines]
    assert found == []


@pytest.mark.parametrize("graph, expected", [
    ({"termbase.loading.a": {"termbase.pages.b"}, "termbase.pages.b": set()},
     ["termbase.loading.a imports termbase.pages.b: pages is above loading"]),
    ({"termbase.linking.a": {"termbase.checker.b"}, "termbase.checker.b": set()},
     ["termbase.linking.a imports termbase.checker.b: linking and checker share a level and stay apart"]),
    ({"termbase.pages.a": {"termbase.loading.b"}, "termbase.site": {"termbase.build"}}, []),
])
def test_the_rule_itself(graph, expected):
    assert upward_imports(graph) == expected


def test_a_cycle_is_found():
    graph = {"termbase.loading.a": {"termbase.loading.b"}, "termbase.loading.b": {"termbase.loading.c"},
             "termbase.loading.c": {"termbase.loading.a"}}
    assert cycles(graph) == [["termbase.loading.a", "termbase.loading.b", "termbase.loading.c", "termbase.loading.a"]]


def test_relative_imports_are_read_as_the_modules_they_name(tmp_path):
    core = tmp_path / "termbase"
    for folder in ("pages", "loading"):
        (core / folder).mkdir(parents=True)
        (core / folder / "__init__.py").write_text("")
    (core / "loading" / "model.py").write_text("")
    (core / "pages" / "b.py").write_text("")
    (core / "pages" / "c.py").write_text("")
    (core / "pages" / "a.py").write_text("from ..loading.model import Term\nfrom . import b\n"
                                        "from .c import d\nimport yaml\n")
    assert import_graph(core)["termbase.pages.a"] == {"termbase.loading.model", "termbase.pages.b",
                                                      "termbase.pages.c", "termbase.pages"}
