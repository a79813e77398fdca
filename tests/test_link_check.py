"""The link-check workflow's checking step, run locally against a small site on 127.0.0.1.

Every link in these test sites points at 127.0.0.1: nothing here reaches the internet.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml

from sitekit import REPO

WORKFLOW = REPO / ".github" / "workflows" / "link-check.yml"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A web server on 127.0.0.1 with one page: /good.html (anything else answers 404)."""
    root = tmp_path_factory.mktemp("remote")
    (root / "good.html").write_text("<p>Here.</p>", encoding="utf-8")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_Quiet, directory=str(root)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{port}"
    httpd.shutdown()


def make_site(workspace: Path, server: str, broken: bool) -> None:
    """A built site: two pages, a good external link, optionally a broken one, and links to skip."""
    site = workspace / "site"
    (site / "glossary" / "term").mkdir(parents=True)
    missing = f'<a href="{server}/gone.html">gone</a>' if broken else ""
    (site / "index.html").write_text(
        f'<html><head><link rel="canonical" href="{server}/kb/"></head><body>'
        f'<a href="{server}/good.html">good</a> {missing} <a href="glossary/term/">a term</a>'
        f'<a href="{server}/kb/not-yet-published/">the site itself</a></body></html>', encoding="utf-8")
    (site / "glossary" / "term" / "index.html").write_text(
        f'<html><body>{missing}<a href="../../">home</a>'
        f'<a href="{server}/repo/edit/main/glossary/term.yml">edit</a></body></html>', encoding="utf-8")
    (workspace / "scripts").mkdir()
    shutil.copy(REPO / "scripts" / "check_links.py", workspace / "scripts" / "check_links.py")


def run_check_step(workspace: Path, server: str) -> tuple[dict[str, str], subprocess.CompletedProcess]:
    """The workflow's `links` step, as written in link-check.yml, with its job's environment."""
    job = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["check"]
    step = next(s for s in job["steps"] if s.get("id") == "links")
    output = workspace / "github-output"
    output.touch()
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "GITHUB_OUTPUT": str(output), "SITE_URL": f"{server}/kb/",
           # The step skips https://github.com/<repository>/; here that stands for the server's /repo/.
           "KB_REPOSITORY": "owner/repo"}
    script = step["run"].replace("https://github.com/$KB_REPOSITORY/", f"{server}/repo/")
    done = subprocess.run(["bash", "-e", "-c", script], cwd=workspace, env=env, capture_output=True, text=True,
                          timeout=300)
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines())
    return outputs, done


def test_a_broken_link_is_reported_with_its_pages_and_the_good_one_is_not(tmp_path, server):
    make_site(tmp_path, server, broken=True)
    outputs, done = run_check_step(tmp_path, server)
    assert done.returncode == 0, done.stdout + done.stderr
    assert outputs == {"broken": "true"}
    report = (tmp_path / "link-check" / "report.md").read_text(encoding="utf-8")
    assert report.startswith("<!-- link-check -->\n")
    rows = [line for line in report.splitlines() if line.startswith("| <")]
    assert rows == [f"| <{server}/gone.html> | Rejected status code: 404 Not Found | `/`, `glossary/term/` |"]
    assert "good.html" not in report
    assert "/kb/" not in report and "/repo/" not in report  # the site's own and the repository's links: skipped


def test_a_site_whose_links_all_work_reports_none(tmp_path, server):
    make_site(tmp_path, server, broken=False)
    outputs, done = run_check_step(tmp_path, server)
    assert done.returncode == 0, done.stdout + done.stderr
    assert outputs == {"broken": "false"}
    report = (tmp_path / "link-check" / "report.md").read_text(encoding="utf-8")
    assert "Every external link works" in report


def test_a_missing_site_stops_the_step_with_a_clear_error(tmp_path):
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "check_links.py"), str(tmp_path / "site"),
                             "--report", str(tmp_path / "r.md")], capture_output=True, text=True)
    assert result.returncode == 2
    assert "is not a folder; build the site first" in result.stderr and "Traceback" not in result.stderr


def test_a_link_broken_on_several_pages_keeps_the_reason_whichever_page_lychee_checked_first():
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import check_links
    finally:
        sys.path.pop(0)
    site = Path("/site")
    gone = "https://example.org/gone"
    cached = {"url": gone, "status": {"text": "Error (cached)"}}
    checked = {"url": gone, "status": {"text": "Rejected status code: 404 Not Found", "code": 404}}
    for first, second in ((cached, checked), (checked, cached)):
        results = {"error_map": {"/site/index.html": [first], "/site/glossary/term/index.html": [second]}}
        assert check_links.broken_links(results, site) == {
            gone: {"problem": "Rejected status code: 404 Not Found", "pages": ["", "glossary/term/"]}}
