"""A small site with a real git history at fixed dates, for the history tests (build and browser).

The story, oldest first:
- 2026-01-10  limited-data-set, data-use-agreement, data-custodian, old-term, pseudonym added;
              home page and the second convening's pages (a session dated 2026-04-01) added
- 2026-02-15  limited-data-set reworded
- 2026-03-20  limited-data-set reworded again
- 2026-04-05  data-custodian renamed to data-steward (new file, new name, redirect_from)
- 2026-04-10  old-term deprecated
- 2026-05-01  linkage-key added as proposed (decision: proposed at the second convening)
- 2026-05-02  secret-sauce added as a draft (never published)
- 2026-05-03  consent-form added as a draft, with wording that must never show
- 2026-05-10  consent-form published with new wording
- 2026-06-01  pseudonym turned back into a draft, with wording that must never show
- 2026-06-05  pseudonym published again, reworded; a page is added
"""

from __future__ import annotations

import os
import subprocess
import textwrap
from pathlib import Path

from sitekit import SiteFactory

DRAFT_WORDING = "Confidential wording drafted in private"
PSEUDONYM_DRAFT = "Half-finished thoughts nobody approved"
LDS_V1 = "Health data with direct identifiers removed."
LDS_V2 = "Health data with the direct identifiers removed, shared under an agreement."
LDS_V3 = "Health information with the direct identifiers removed, shared only under a data use agreement."
SECOND_CONVENING = "# Second convening\n\nNotes of the second meeting.\n"
SESSION = """\
---
date: 2026-04-01
---
# Linking records

A session of the second convening.
"""


def existing_site(root: Path) -> SiteFactory:
    """A factory for a folder that already holds a site (a clone or a copy), to build it again."""
    factory = SiteFactory.__new__(SiteFactory)
    factory.root = root
    return factory


def git(root: Path, *args: str, date: str | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{date}T12:00:00+00:00"
    result = subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True)
    return result.stdout


def commit(site: SiteFactory, date: str, message: str) -> None:
    git(site.root, "add", "-A", "glossary", "docs", "data")
    git(site.root, "commit", "-q", "-m", message, date=date)


def term(site: SiteFactory, term_id: str, name: str, definition: str, extra: str = "") -> None:
    site.term(term_id, f"term: {name}\ndefinition: {definition}\n" + textwrap.dedent(extra))


def make_history(site: SiteFactory) -> None:
    """Write and commit the story above into `site.root`."""
    git(site.root, "init", "-q", "-b", "main")
    term(site, "limited-data-set", "Limited data set", LDS_V1, "aliases: [LDS]\n")
    term(site, "data-use-agreement", "Data use agreement", "The agreement under which a limited data set is shared.")
    term(site, "data-custodian", "Data custodian", "The person who looks after a data set day to day.")
    term(site, "old-term", "Old term", "A name we no longer use.")
    term(site, "pseudonym", "Pseudonym", "A made-up name that stands for a real one.")
    site.page("convenings/second/index.md", SECOND_CONVENING)
    site.page("convenings/second/linking.md", SESSION)
    commit(site, "2026-01-10", "Add the first terms")

    term(site, "limited-data-set", "Limited data set", LDS_V2, "aliases: [LDS]\n")
    commit(site, "2026-02-15", "Say what the agreement is for")
    term(site, "limited-data-set", "Limited data set", LDS_V3, "aliases: [LDS]\n")
    commit(site, "2026-03-20", "Name the data use agreement")

    git(site.root, "mv", "glossary/data-custodian.yml", "glossary/data-steward.yml")
    term(site, "data-steward", "Data steward", "The person who looks after a data set day to day.",
         "redirect_from: [data-custodian]\n")
    commit(site, "2026-04-05", "Rename data custodian to data steward")

    term(site, "old-term", "Old term", "A name we no longer use.",
         "status: deprecated\nreplaced_by: limited-data-set\n")
    commit(site, "2026-04-10", "Deprecate the old term")

    term(site, "linkage-key", "Linkage key", "A code that links records of one person across data sets.", """\
        status: proposed
        decisions:
          - date: 2026-04-01
            status: proposed
            session: convenings/second/linking.md
        """)
    commit(site, "2026-05-01", "Propose linkage key")

    term(site, "secret-sauce", "Secret sauce", "An idea still being drafted.", "status: draft\n")
    commit(site, "2026-05-02", "Start a draft")
    term(site, "consent-form", "Consent form", DRAFT_WORDING, "status: draft\n")
    commit(site, "2026-05-03", "Draft consent form")
    term(site, "consent-form", "Consent form", "The form a person signs to agree to a use of their data.")
    commit(site, "2026-05-10", "Publish consent form")

    term(site, "pseudonym", "Pseudonym", PSEUDONYM_DRAFT, "status: draft\n")
    commit(site, "2026-06-01", "Rework pseudonym in draft")
    term(site, "pseudonym", "Pseudonym", "A made-up name used instead of a real one, so records can be linked.")
    site.page("guide.md", "# Reading guide\n\nHow to read this site.\n")
    commit(site, "2026-06-05", "Publish the reworked pseudonym; add a reading guide")
