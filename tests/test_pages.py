"""Small renderers of the core."""

from __future__ import annotations

import pytest

from termbase.pages.termpages import tag_title


@pytest.mark.parametrize("tag, title", [
    ("ids-operations", "IDS operations"),
    ("privacy-law", "Data and privacy law"),
    ("hipaa-guidance", "HIPAA guidance"),
    ("new-topic", "New topic"),
])
def test_topics_have_readable_names(tag, title):
    assert tag_title(tag) == title
