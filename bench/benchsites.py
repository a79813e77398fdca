"""The sites the benchmarks build, and the configuration edits the tests' small sites share.

A copy of this repository as git sees it, a synthetic corpus (terms, and pages of ~700 words that
mention them), the same site without the engine (its generated pages written out as ordinary
Markdown), and small edits of `mkdocs.yml`'s text. `bench.py` and `bench_engines.py` build these
sites; `tests/sitekit.py` and the build-cache tests use `drop_nav` and `commit_all`.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS_DIR = "corpus"
WORDS = ("data agency record county state program family child parent service outcome contract "
         "health school housing benefit case worker report quality review board steward custodian "
         "policy consent privacy linkage identifier element dictionary evaluation payment baseline "
         "metric cohort equity community license research study audit system sharing agreement "
         "request access table field value file source method model match score weight").split()


# -- the corpus ------------------------------------------------------------------------------

def make_corpus(folder: Path, terms: int, pages: int, seed: int = 7) -> list[str]:
    """Write `terms` term files into folder/glossary and `pages` pages into folder/docs/corpus.

    Returns the corpus pages' paths relative to docs/. Term ids (t00000...) and names (with a
    numbered last word) never collide with the repository's own terms.
    """
    from termbase.loading.schema import term_schema

    tags = term_schema()["$defs"]["tag"]["enum"]  # the known topics
    rng = random.Random(seed)
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < terms:
        name = " ".join(rng.sample(WORDS, rng.choice((2, 3)))) + f" {rng.choice('abcdefghjkmnpqrstuvwxyz')}{len(names)}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    (folder / "glossary").mkdir(parents=True, exist_ok=True)
    for i, name in enumerate(names):
        related = sorted({f"t{rng.randrange(terms):05d}" for _ in range(2)} - {f"t{i:05d}"})
        (folder / "glossary" / f"t{i:05d}.yml").write_text(
            f"term: {name}\naliases: [alias {name}]\ndefinition: A synthetic term about {rng.choice(WORDS)} "
            f"and {names[rng.randrange(terms)]}.\ntags: [{tags[i % len(tags)]}]\nrelated: [{', '.join(related)}]\n"
            f"sources:\n  - title: Source {i}\n    url: https://example.org/{i}\n", encoding="utf-8")
    # A folder that is not a copy of this repository still gets a home page and the data file.
    if not (folder / "data" / "data-elements.yml").exists():
        (folder / "data").mkdir(exist_ok=True)
        shutil.copy2(ROOT / "data" / "data-elements.yml", folder / "data" / "data-elements.yml")
    (folder / "docs").mkdir(exist_ok=True)
    if not (folder / "docs" / "index.md").exists():
        (folder / "docs" / "index.md").write_text("# Home\n\nSynthetic corpus.\n", encoding="utf-8")
    corpus = folder / "docs" / CORPUS_DIR
    corpus.mkdir(parents=True, exist_ok=True)
    paths = []
    for p in range(pages):
        paragraphs = []
        for _ in range(7):
            words = [rng.choice(WORDS) for _ in range(95)]
            for _ in range(4):
                words.insert(rng.randrange(len(words)), names[rng.randrange(terms)])
            paragraphs.append(" ".join(words).capitalize() + ".")
        body = "\n\n".join(f"## Part {k}\n\n{para}" if k % 3 == 0 else para for k, para in enumerate(paragraphs))
        (corpus / f"page-{p:04d}.md").write_text(f"# Page {p}\n\n{body}\n", encoding="utf-8")
        paths.append(f"{CORPUS_DIR}/page-{p:04d}.md")
    return paths


# -- configurations ------------------------------------------------------------------------------

def drop_nav(config: str) -> str:
    """Remove the site's nav block and keep everything after it (test sites bring their own pages)."""
    lines, skipping = [], False
    for line in config.splitlines():
        if line.startswith("nav:"):
            skipping = True
            continue
        if skipping and (line.startswith((" ", "-")) or not line.strip()):
            continue
        skipping = False
        lines.append(line)
    return "\n".join(lines) + "\n"


def extend_nav(config: str, title: str, pages: list[str]) -> str:
    """Append a section listing `pages` at the end of the config's nav block."""
    lines = config.splitlines()
    try:
        start = lines.index("nav:")
    except ValueError:
        sys.exit("bench: mkdocs.yml has no top-level nav: block")
    end = start + 1
    while end < len(lines) and (lines[end].startswith((" ", "-")) or not lines[end].strip()):
        end += 1
    while not lines[end - 1].strip():
        end -= 1
    section = [f"  - {title}:"] + [f"      - {page}" for page in pages]
    return "\n".join(lines[:end] + section + lines[end:]) + "\n"


def with_hooks(config: str, hooks: list[str]) -> str:
    """The config with its hooks: list replaced by `hooks` (absolute paths)."""
    lines = config.splitlines()
    if "hooks:" not in lines:
        sys.exit("bench: mkdocs.yml has no top-level hooks: block")
    start = lines.index("hooks:")
    end = start + 1
    while end < len(lines) and lines[end].startswith("  -"):
        end += 1
    block = ["hooks:", *(f"  - {hook}" for hook in hooks)]
    return "\n".join(lines[:start] + block + lines[end:]) + "\n"


def config_without_engine(config: str, site: Path, hooks: list[str]) -> str:
    """`site`'s configuration for the same site without the engine, in a folder of its own: only
    `hooks` (none: no hooks block), the theme overrides named where they are, and the generated
    pages outside the navigation, as they are in the build with the engine."""
    plain = with_hooks(config, hooks)
    if not hooks:
        plain = plain.replace("\nhooks:\n", "\n")
    plain = plain.replace("custom_dir: overrides", f"custom_dir: {site / 'overrides'}")
    return plain + "\nnot_in_nav: |\n  /glossary/*.md\n  **/handout.md\n"


# -- the two sites -------------------------------------------------------------------------------

def copy_repository(target: Path) -> None:
    """This repository's files as git sees them (committed or new, never ignored ones)."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, text=True)
    if listed.returncode:
        sys.exit(f"bench: cannot list the repository's files: {listed.stderr.strip()}")
    for name in filter(None, listed.stdout.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def commit_all(folder: Path) -> bool:
    """Make the folder a one-commit repository, so pages carry their "last changed" dates."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.invalid",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.invalid"}
    for command in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-q", "-m", "corpus"]):
        if subprocess.run(command, cwd=folder, env=env, capture_output=True).returncode:
            return False
    return True


def baseline_docs(engine: Path, baseline: Path) -> None:
    """The engine's generated pages (and handouts) written out as ordinary Markdown files."""
    from termbase.content import load_content
    from termbase.plan import plan_site

    shutil.copytree(engine / "docs", baseline / "docs")
    hand_written = {p.relative_to(engine / "docs").as_posix(): p.read_text(encoding="utf-8")
                    for p in sorted((engine / "docs").rglob("*.md"))}
    generated = [(page.src_uri, page.markdown) for page in plan_site(load_content(engine), hand_written).pages]
    for src_uri, content in generated:
        target = baseline / "docs" / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    for name in ("CONTRIBUTING.md",):  # read by pymdownx.snippets
        if (engine / name).exists():
            shutil.copy2(engine / name, baseline / name)
