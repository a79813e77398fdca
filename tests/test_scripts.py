"""Contributor tools, run as a contributor runs them."""

from __future__ import annotations

import subprocess
import sys

import yaml

from sitekit import REPO, MINIMAL_DATA_FILE


def run(script: str, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    import os
    return subprocess.run([sys.executable, str(REPO / "scripts" / script), *args], capture_output=True, text=True,
                          timeout=120, env={**os.environ, **(env or {})})


def make_repo(tmp_path, terms: dict[str, str]):
    (tmp_path / "glossary").mkdir()
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "data-elements.yml").write_text(MINIMAL_DATA_FILE, encoding="utf-8")
    for name, text in terms.items():
        (tmp_path / "glossary" / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_new_term_writes_a_valid_proposed_term_from_the_template(tmp_path):
    root = make_repo(tmp_path, {})
    result = run("new_term.py", "Limited data set", "--root", str(root))
    assert result.returncode == 0, result.stderr
    path = root / "glossary" / "limited-data-set.yml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/term.schema.json")
    data = yaml.safe_load(text)
    assert data["term"] == "Limited data set" and data["status"] == "proposed"
    check = run("check.py", "--root", str(root))
    assert check.returncode == 0, check.stderr  # the template itself is valid


def test_new_term_refuses_existing_id_and_colliding_name_without_overwriting(tmp_path):
    original = "term: Limited data set\naliases: [LDS]\ndefinition: Kept as it is.\n"
    root = make_repo(tmp_path, {"limited-data-set.yml": original})
    again = run("new_term.py", "Limited data set", "--root", str(root))
    assert again.returncode == 1
    assert "glossary/limited-data-set.yml already exists" in again.stderr
    assert (root / "glossary" / "limited-data-set.yml").read_text(encoding="utf-8") == original
    alias = run("new_term.py", "LDS", "--root", str(root))
    assert alias.returncode == 1
    assert "'LDS' collides with 'LDS' in glossary/limited-data-set.yml" in alias.stderr
    assert not (root / "glossary" / "lds.yml").exists()
    assert "Traceback" not in again.stderr + alias.stderr


def test_check_reports_problems_and_github_annotations(tmp_path):
    root = make_repo(tmp_path, {"a.yml": "term: A\ndefinition: B\nrelated: [zz]\n", "b.yaml": "term: B\n"})
    result = run("check.py", "--root", str(root), env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    assert "glossary/a.yml:3: related: unknown term 'zz'" in result.stderr
    assert "glossary/b.yaml:1: file: use the .yml extension" in result.stderr
    assert "::error file=glossary/a.yml,line=3,title=Glossary::related: unknown term 'zz'" in result.stdout
    assert "Traceback" not in result.stderr


def test_check_passes_on_the_real_repository():
    result = run("check.py")
    assert result.returncode == 0, result.stderr
    assert "terms OK" in result.stdout
