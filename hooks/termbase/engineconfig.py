"""Read the site configuration (mkdocs.yml) without any site engine.

The generation step needs a few settings (site URL, URL style, repository, navigation titles and
the Markdown extensions) before an engine runs, and must read them the way engines do. It reads
the YAML as MkDocs' own loader does (mkdocs/utils/yaml.py), with the same two libraries: `!ENV`
tags from pyyaml-env-tag, and a file named by `INHERIT` merged beneath this one with mergedeep.
`!!python/name:` tags name Python objects, which only engines call.

Not `mkdocs.config.load_config`: the core imports nothing from MkDocs, so that the Zensical build
keeps working once MkDocs and Material are gone, and load_config validates the theme and every
plugin (it fails without Material installed, and costs 0.30 s of CPU against 0.07 s here).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path

import mergedeep
import yaml
import yaml_env_tag


class ConfigError(Exception):
    """mkdocs.yml cannot be read: the message names the file and what is wrong."""


class _ConfigLoader(yaml.SafeLoader):
    """Safe YAML plus the two tags MkDocs configurations use."""


def _python_name(loader: _ConfigLoader, suffix: str, node: yaml.Node):
    module, _, attribute = suffix.rpartition(".")
    try:
        return getattr(importlib.import_module(module), attribute)
    except (ImportError, AttributeError) as error:
        # The generation step calls them (an emoji generator converts every page): a name that
        # does not resolve stops the build here, not as a traceback half-way through a page.
        mark = node.start_mark
        raise ConfigError(f"{mark.name}:{mark.line + 1}: !!python/name:{suffix} cannot be imported ({error})") from None


_ConfigLoader.add_constructor("!ENV", yaml_env_tag.construct_env_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)


def load_config_file(path: Path) -> dict:
    """The configuration in `path` as a dictionary, with the file it INHERITs merged beneath it."""
    try:
        with path.open(encoding="utf-8") as stream:
            data = yaml.load(stream, Loader=_ConfigLoader) or {}  # noqa: S506 (safe loader subclass)
    except OSError as error:
        raise ConfigError(f"{path}: cannot be read ({error.strerror})") from None
    except yaml.YAMLError as error:
        raise ConfigError(f"{path}: not valid YAML: {error}") from None
    parent = data.pop("INHERIT", None)
    if parent:
        try:
            base = load_config_file(path.parent / parent)
        except ConfigError as error:
            raise ConfigError(f"{path}: INHERIT: {error}") from None
        data = mergedeep.merge(base, data)  # this file's settings over the inherited ones, as MkDocs does
    return data


@dataclass(frozen=True)
class EngineConfig:
    site_url: str
    directory_urls: bool
    repository: str
    branch: str
    custom_dir: Path | None = None  # theme overrides, absolute
    nav_titles: dict[str, str] = field(default_factory=dict)  # src_uri -> title given in nav
    markdown_extensions: tuple[str, ...] = ()
    extension_configs: dict[str, dict] = field(default_factory=dict)
    site_name: str = "Knowledge base"  # the feed's title and author
    languages: dict = field(default_factory=dict)  # extra.languages: each translation language's navigation


def read_engine_config(path: Path) -> EngineConfig:
    """The settings of `path` (mkdocs.yml) that generated pages depend on."""
    data = load_config_file(path)
    extra = data.get("extra") or {}
    names, configs = _extensions(data.get("markdown_extensions") or [])
    site_url = str(data.get("site_url") or "http://127.0.0.1:8000/")
    custom_dir = (data.get("theme") or {}).get("custom_dir")
    return EngineConfig(
        site_url=site_url if site_url.endswith("/") else site_url + "/",
        # The offline plugin switches engines to "page.html" addresses, which work from file://.
        directory_urls=data.get("use_directory_urls", True) is not False and not _offline(data.get("plugins") or []),
        repository=str(extra.get("repository") or ""),
        branch=str(extra.get("branch") or "main"),
        custom_dir=(path.parent / custom_dir).resolve() if custom_dir else None,
        nav_titles=dict(_nav_titles(data.get("nav") or [])),
        markdown_extensions=tuple(names),
        extension_configs=configs,
        site_name=str(data.get("site_name") or "Knowledge base"),
        languages=dict(extra.get("languages") or {}),
    )


def _offline(plugins: list) -> bool:
    for entry in plugins:
        if isinstance(entry, dict) and "offline" in entry:
            return (entry["offline"] or {}).get("enabled", True) is not False
        if entry == "offline":
            return True
    return False


def _extensions(entries: list) -> tuple[list[str], dict[str, dict]]:
    names, configs = [], {}
    for entry in entries:
        if isinstance(entry, dict):
            for name, options in entry.items():
                names.append(name)
                configs[name] = dict(options or {})
        else:
            names.append(str(entry))
    return names, configs


def _nav_titles(entries):
    """(src_uri, title) for every nav entry written as `Title: page.md`."""
    for entry in entries:
        if isinstance(entry, dict):
            for title, target in entry.items():
                if isinstance(target, str):
                    yield target, str(title)
                elif isinstance(target, list):
                    yield from _nav_titles(target)
