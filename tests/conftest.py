"""Fixtures shared by every test; the helpers live in sitekit.py and sharedsites.py."""

from __future__ import annotations

import os

import pytest

from sharedsites import RUN_PID
from sitekit import SiteFactory


@pytest.fixture
def site(tmp_path) -> SiteFactory:
    return SiteFactory(tmp_path)


def pytest_configure(config: pytest.Config) -> None:
    # The servers of built sites stop once this process (the run's main one) has gone.
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        os.environ[RUN_PID] = str(os.getpid())


# Fixtures that build the whole repository (sharedsites.py): their tests are marked slow.
WHOLE_SITE_FIXTURES = {"real_site", "sites", "served_site", "offline_copy"}


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Marks the tests that need a whole-site build `slow` (left out by `tasks.py test --quick`).

    With `--dist loadgroup`, the tests of a module that use one of its module-scoped fixtures
    (a small site built for the module, a browser page kept open) run on one worker, so the
    fixture is made once; one group per engine, so both engines' halves can run side by side.
    Every other test goes to whichever worker is free."""
    for item in items:
        if WHOLE_SITE_FIXTURES & set(item.fixturenames):
            item.add_marker(pytest.mark.slow)
        definitions = getattr(item, "_fixtureinfo", None)
        definitions = definitions.name2fixturedefs if definitions else {}
        if not any(defs and defs[-1].scope in ("module", "class", "package") for defs in definitions.values()):
            continue
        params = getattr(item, "callspec", None)
        params = params.params if params else {}
        session_params = [str(value) for name, value in sorted(params.items())
                          if definitions.get(name) and definitions[name][-1].scope == "session"]
        group = "-".join([item.path.relative_to(config.rootpath).as_posix(), *session_params])
        item.add_marker(pytest.mark.xdist_group(group.replace("[", "(").replace("]", ")").replace("@", "-")))
