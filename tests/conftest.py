"""Fixtures shared by every test; the helpers live in sitekit.py."""

from __future__ import annotations

import pytest

from sitekit import SiteFactory


@pytest.fixture
def site(tmp_path) -> SiteFactory:
    return SiteFactory(tmp_path)
