"""The data-set checker meets its targets on the labelled real-world column names."""

from __future__ import annotations

import subprocess
import sys

from sitekit import REPO
from measure_checker import HELD_OUT, LABELS, TARGETS, measure, read_labels, repository_checker


def test_labelled_set_is_large_and_cites_its_sources():
    labels = read_labels(LABELS)
    assert len(labels) >= 300
    assert len({label.column for label in labels}) == len(labels), "a column name is labelled twice"
    header = LABELS.read_text(encoding="utf-8").split("\ncolumn,", 1)[0]
    for group in {label.group for label in labels}:
        assert f"# {group} " in header, f"no source cited for {group}"
    identifiers = [label for label in labels if label.identifier]
    assert {label.identifier for label in identifiers} >= set("ABCDFGHIKMR")


def test_checker_meets_the_recall_precision_and_exact_verdict_targets():
    figures = measure(read_labels(LABELS), repository_checker())
    report = "\n".join(figures.misses)
    assert figures.recall >= TARGETS["recall"], report
    assert figures.precision >= TARGETS["precision"], report
    assert figures.exact_share >= TARGETS["exact"], report


def test_held_out_set_is_measured_and_reported():
    assert read_labels(HELD_OUT)
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "measure_checker.py")], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "recall of identifiers" in result.stdout and "held-out set" in result.stdout
