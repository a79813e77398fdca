"""mkdocs.yml read without an engine (termbase/engineconfig.py), as MkDocs' own loader reads it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sitekit import REPO
from termbase.engineconfig import ConfigError, read_engine_config

BASE = """\
site_url: https://base.example/kb/
extra:
  repository: owner/base
  branch: trunk
markdown_extensions:
  - toc:
      permalink: true
  - tables
"""


def test_inherit_merges_the_named_file_beneath_this_one(tmp_path):
    (tmp_path / "base.yml").write_text(BASE, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("INHERIT: base.yml\nextra:\n  repository: owner/site\n", encoding="utf-8")
    config = read_engine_config(tmp_path / "mkdocs.yml")
    assert config.site_url == "https://base.example/kb/"
    assert (config.repository, config.branch) == ("owner/site", "trunk")  # mappings merge key by key
    assert config.markdown_extensions == ("toc", "tables")
    assert config.extension_configs["toc"] == {"permalink": True}


@pytest.mark.parametrize("value, environment, expected", [
    ("!ENV SITE_URL", {"SITE_URL": "https://env.example/"}, "https://env.example/"),
    ("!ENV [SITE_URL, 'https://default.example/']", {}, "https://default.example/"),
    ("!ENV [FIRST, SITE_URL, 'https://default.example/']", {"SITE_URL": "https://second.example/"},
     "https://second.example/"),
    ("!ENV [SITE_URL]", {"SITE_URL": "https://only.example/"}, "https://only.example/"),
    ("!ENV SITE_URL", {}, "http://127.0.0.1:8000/"),  # unset, no default: the engines' own default
])
def test_env_tags_take_the_first_variable_set_or_the_default(tmp_path, monkeypatch, value, environment, expected):
    for name in ("SITE_URL", "FIRST"):
        monkeypatch.delenv(name, raising=False)
    for name, setting in environment.items():
        monkeypatch.setenv(name, setting)
    (tmp_path / "mkdocs.yml").write_text(f"site_url: {value}\n", encoding="utf-8")
    assert read_engine_config(tmp_path / "mkdocs.yml").site_url == expected


@pytest.mark.parametrize("files, message", [
    ({"mkdocs.yml": "INHERIT: missing.yml\n"}, "mkdocs.yml: INHERIT: "),
    ({"mkdocs.yml": "site_url: [unclosed\n"}, "mkdocs.yml: not valid YAML"),
    ({"mkdocs.yml": "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_generator: !!python/name:nowhere.to_svg\n"},
     r"mkdocs.yml:3: !!python/name:nowhere.to_svg cannot be imported"),
])
def test_a_broken_configuration_is_a_clear_error(tmp_path, files, message):
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        read_engine_config(tmp_path / "mkdocs.yml")


def test_the_zensical_adapter_reports_a_broken_configuration_without_a_traceback(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("INHERIT: missing.yml\n", encoding="utf-8")
    result = subprocess.run([sys.executable, str(REPO / "hooks" / "zensical_engine.py"), "build",
                             "--root", str(tmp_path), "--work", str(tmp_path / "work")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "INHERIT" in result.stderr and "missing.yml" in result.stderr and "Traceback" not in result.stderr
