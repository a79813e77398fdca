"""The benchmark script: it runs, it compares like with like, and it reports every figure.

It prints timings; nothing here asserts on them (the machine decides those)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from sitekit import REPO

import bench
import benchsites


def config_without(text: str, *skipped: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip() and not any(s in line for s in skipped)]


def test_both_builds_share_navigation_theme_and_extensions_and_differ_only_by_the_engine(tmp_path):
    space = bench.make_workspace(tmp_path / "bench", terms=6, pages=3)
    engine = (space.engine / "mkdocs.yml").read_text(encoding="utf-8")
    baseline = (space.baseline / "mkdocs.yml").read_text(encoding="utf-8")
    assert str(space.engine / "hooks" / "glossary.py") in engine
    assert "glossary.py" not in baseline
    assert str(bench.PROBE) in engine and str(bench.PROBE) in baseline
    for page in space.corpus_pages:  # the corpus is in both navigations
        assert f"      - {page}" in engine and f"      - {page}" in baseline
    same = ("glossary.py", "custom_dir:", "not_in_nav", "/glossary/*.md", "**/handout.md")
    assert config_without(engine, *same) == config_without(baseline, *same)
    assert f"custom_dir: {space.engine / 'overrides'}" in baseline  # the same overrides
    # The pages the engine generates exist as ordinary files in the build without it.
    assert (space.baseline / "docs" / "glossary" / "t00000.md").exists()
    assert (space.baseline / "docs" / "glossary" / "index.md").exists()


@pytest.mark.slow  # runs the benchmark
def test_bench_runs_at_a_tiny_size_and_reports_the_ratio_and_every_feature():
    result = subprocess.run([sys.executable, "bench/bench.py", "--terms", "20", "--pages", "5", "--rounds", "1"],
                            cwd=REPO, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    report = result.stdout
    assert "Ratio engine / without, CPU time" in report and "Ratio engine / without, wall time" in report
    for label, *_ in (*bench.FEATURES, *bench.MKDOCS_PARTS):
        assert label in report, label
    assert "not broken down" not in report  # every step of the engine has its row
    assert "scripts/check.py (whole process)" in report
    assert "The engine on one ~700-word page" in report
    assert "Traceback" not in result.stderr


@pytest.mark.slow  # runs the benchmark
def test_engine_comparison_runs_and_reports_builds_and_edits_under_serve_for_both_engines():
    """`bench.py --engines` at a tiny size: both engines build the corpus, and both `serve`s show
    an edited definition (the Zensical one regenerates the tree and renders again)."""
    result = subprocess.run([sys.executable, "bench/bench.py", "--engines", "--terms", "5", "--pages", "2",
                             "--rounds", "1", "--serve-rounds", "1", "--repo-only"],
                            cwd=REPO, capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, result.stdout + result.stderr
    report = result.stdout
    assert "MkDocs + Material (hooks)" in report and "Zensical (generation + render)" in report
    assert "MkDocs time / Zensical time:" in report and "in CPU time" in report
    # The same site without the engine, built by each engine: the floor any engine work could reach.
    for label in ("MkDocs + Material, no engine", "Zensical, no engine"):
        assert re.search(rf"{re.escape(label)}\s+\d+\.\d\d s", report), report
    assert re.search(r"Without the engine, MkDocs time / Zensical time .*: \d+\.\d\d in wall", report), report
    for engine in ("mkdocs", "zensical"):
        assert re.search(rf"this repository\s+{engine}\s+median\s+\d+\.\d\d", report), report
    assert "Traceback" not in result.stderr


def test_the_site_without_the_engine_has_no_hook_and_every_generated_page_as_a_file(tmp_path):
    import bench_engines

    site = tmp_path / "corpus"
    site.mkdir()
    benchsites.copy_repository(site)
    benchsites.make_corpus(site, 4, 2)
    plain = bench_engines.plain_site(site)
    config = (plain / "mkdocs.yml").read_text(encoding="utf-8")
    assert "hooks:" not in config and "glossary.py" not in config
    assert f"custom_dir: {site / 'overrides'}" in config
    assert (plain / "docs" / "glossary" / "t00000.md").exists()
    zensical = (plain / "zensical.yml").read_text(encoding="utf-8")
    assert "INHERIT: mkdocs.yml" in zensical and "termbase.finishing" not in zensical


@pytest.mark.slow  # runs the benchmark
def test_history_benchmark_runs_at_a_tiny_size_on_this_repositorys_data_file():
    """It builds a glossary of its own beside this repository's data file, whose data-set checker
    words name terms that glossary does not have."""
    result = subprocess.run([sys.executable, "bench/bench_history.py", "--terms", "10", "--commits", "12",
                             "--rounds", "1"], cwd=REPO, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"Histories of \d+ published terms", result.stdout), result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.slow  # runs the benchmark
def test_dictionary_bench_runs_at_a_tiny_size_and_reports_check_and_build_figures():
    result = subprocess.run([sys.executable, "bench/bench_dictionaries.py", "--data-sets", "3", "--columns", "8",
                             "--rounds", "2"], cwd=REPO, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "check.py without the build cache" in result.stdout and "check.py with the build cache" in result.stdout
    ratios = re.findall(r"round \d \(([^)]*)\): dictionaries [\d.]+ s, Markdown tables [\d.]+ s, ratio ([\d.]+)",
                        result.stdout)
    assert [label for label, _ in ratios] == ["first build, empty cache", "build cache in place"]
    assert all(float(ratio) > 0 for _, ratio in ratios)
