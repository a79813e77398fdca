"""Run a GitHub Actions job's steps locally, without network: the `run:` scripts for real, in
bash, with a recording stand-in for the `gh` command; `uses:` steps by local equivalents.

Enough of GitHub's runner to test what a workflow does with its scripts: the `${{ }}`
expressions of `env`, `with` and job outputs (property paths and `a || b`), $GITHUB_OUTPUT,
$GITHUB_EVENT_PATH, artifacts passed between jobs. Job conditions are the test's to decide.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

_EXPRESSION = re.compile(r"\$\{\{\s*(.+?)\s*\}\}")

FAKE_GH = '''#!{python}
"""Stand-in for GitHub's CLI: records each call, answers like GitHub for the calls workflows make."""
import json, os, sys
from pathlib import Path
state = Path(os.environ["FAKE_GH_STATE"])
calls = state / "calls.jsonl"
with calls.open("a") as log:
    log.write(json.dumps(sys.argv[1:]) + "\\n")
args = sys.argv[1:]
prs = state / "pull-requests.json"
known = json.loads(prs.read_text()) if prs.exists() else {{}}
if args[:2] == ["pr", "list"]:
    head = args[args.index("--head") + 1]
    print(known.get(head, ""))
elif args[:2] == ["pr", "create"]:
    head = args[args.index("--head") + 1]
    known[head] = "https://github.com/owner/repo/pull/%d" % (len(known) + 7)
    prs.write_text(json.dumps(known))
    print(known[head])
elif args[:1] == ["api"] and "--method" not in args:
    comment = state / "existing-comment-id"
    print(comment.read_text() if comment.exists() else "")
'''


@dataclass
class JobResult:
    outputs: dict[str, str]
    step_outputs: dict[str, dict[str, str]] = field(default_factory=dict)


class LocalRunner:
    """One workflow run: jobs share artifacts and `needs` outputs, each job gets a fresh checkout."""

    def __init__(self, workflow: Path, origin: Path, scratch: Path, event: Path, context: dict):
        text = yaml.safe_load(workflow.read_text(encoding="utf-8"))
        self.jobs = text["jobs"]
        self.origin, self.scratch, self.event_path = origin, scratch, event
        self.context = {**context, "needs": {}, "secrets": {},
                        "github": {**context.get("github", {}), "event": json.loads(event.read_text(encoding="utf-8"))}}
        self.artifacts = scratch / "artifacts"
        self.gh_state = scratch / "gh"
        self.gh_state.mkdir(parents=True, exist_ok=True)
        bin_dir = scratch / "bin"
        bin_dir.mkdir(exist_ok=True)
        gh = bin_dir / "gh"
        gh.write_text(FAKE_GH.format(python=sys.executable), encoding="utf-8")
        gh.chmod(gh.stat().st_mode | stat.S_IEXEC)
        # The venv's python first, so `python` and `python3` have the project's dependencies.
        self.path = os.pathsep.join([str(bin_dir), str(Path(sys.executable).parent), os.environ["PATH"]])

    @property
    def gh_calls(self) -> list[list[str]]:
        calls = self.gh_state / "calls.jsonl"
        return [json.loads(line) for line in calls.read_text().splitlines()] if calls.exists() else []

    def run_job(self, name: str) -> JobResult:
        job = self.jobs[name]
        workspace = self.scratch / f"job-{name}-{len(list(self.scratch.glob('job-*')))}"
        subprocess.run(["git", "clone", "-q", str(self.origin), str(workspace)], check=True)
        runner_temp = self.scratch / f"temp-{workspace.name}"
        runner_temp.mkdir()
        context = {**self.context, "runner": {"temp": str(runner_temp)}, "steps": {}}
        job_env = {k: self.evaluate(v, context) for k, v in (job.get("env") or {}).items()}
        for index, step in enumerate(job["steps"]):
            outputs = self._run_step(step, workspace, runner_temp, context, job_env, index)
            if step.get("id"):
                context["steps"][step["id"]] = {"outputs": outputs}
        result = JobResult({k: self.evaluate(v, context) for k, v in (job.get("outputs") or {}).items()},
                           {k: v["outputs"] for k, v in context["steps"].items()})
        self.context["needs"][name] = {"outputs": result.outputs, "result": "success"}
        return result

    def _run_step(self, step: dict, workspace: Path, runner_temp: Path, context: dict, job_env: dict,
                  index: int) -> dict[str, str]:
        uses = step.get("uses", "")
        options = {k: self.evaluate(str(v), context) for k, v in (step.get("with") or {}).items()}
        if uses.startswith(("actions/checkout@", "actions/setup-python@")) or step.get("id") == "install":
            return {}  # a fresh clone, the test's Python and its installed dependencies stand in
        if uses.startswith("actions/upload-artifact@"):
            shutil.copytree(workspace / options["path"], self.artifacts / options["name"], dirs_exist_ok=True)
            return {}
        if uses.startswith("actions/download-artifact@"):
            target = Path(options["path"])
            shutil.copytree(self.artifacts / options["name"], target if target.is_absolute() else workspace / target,
                            dirs_exist_ok=True)
            return {}
        if uses:
            raise AssertionError(f"no local stand-in for {uses}")
        output_file = runner_temp / f"output-{index}"
        output_file.touch()
        script = runner_temp / f"step-{index}.sh"
        script.write_text(step["run"], encoding="utf-8")
        env = {**os.environ, "PATH": self.path, "GITHUB_EVENT_PATH": str(self.event_path),
               "GITHUB_OUTPUT": str(output_file), "GITHUB_WORKSPACE": str(workspace), "RUNNER_TEMP": str(runner_temp),
               "FAKE_GH_STATE": str(self.gh_state), "GIT_TERMINAL_PROMPT": "0", **job_env,
               **{k: self.evaluate(str(v), context) for k, v in (step.get("env") or {}).items()}}
        done = subprocess.run(["bash", "-e", str(script)], cwd=workspace, env=env, capture_output=True, text=True,
                              timeout=300)
        if done.returncode:
            raise AssertionError(f"step {step.get('name', index)!r} failed ({done.returncode}):\n"
                                 f"{textwrap.indent(done.stdout + done.stderr, '  ')}")
        return dict(line.split("=", 1) for line in output_file.read_text().splitlines() if "=" in line)

    def evaluate(self, text: str, context: dict) -> str:
        return _EXPRESSION.sub(lambda m: str(_value(m.group(1), context) or ""), text)


def _value(expression: str, context: dict) -> Any:
    for alternative in expression.split("||"):
        value: Any = context
        for part in alternative.strip().split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if value:
            return value
    return None
