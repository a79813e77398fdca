"""The repository's history of the content folders, read in one pass over the commits.

One `git log` for the whole build, not one call per file: it lists, commit by commit, every file
changed with the id of its new content (`--raw`). The texts of the term-file versions are then read
in one batch (`git cat-file --batch`), so the cost follows the number of commits, not the number
of files times commits. Renames are followed (`-M`): a file's versions are filed under the path
it has now.

Only the main line counts (`--first-parent`): commits on a pull request's branch were never
published; its merge commit is the change readers saw. No pathspec: git then checks every commit
against it twice (three times slower); the few other files of a commit are skipped here instead.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

# Commit header: a start mark, then hash, parents, committer date (strict ISO 8601), subject, body.
_START = "\x01"
_FORMAT = "%x01%H%x00%P%x00%cI%x00%s%x00%b%x00"
_NO_BLOB = "0" * 40
_TIMEOUT_SECONDS = 300


@dataclass(frozen=True)
class Commit:
    sha: str
    date: str  # committer date, ISO 8601 with its offset: when the change reached the main line
    title: str  # the line readers see: the subject, or for a merge its pull request's title

    @property
    def day(self) -> str:
        return self.date[:10]


@dataclass
class FileVersion:
    """A file as one commit left it."""

    commit: Commit
    path: str  # the file's path in that commit (before any later rename)
    blob: str | None  # id of its content; None when the commit deleted it
    text: str | None = None  # its content, read for the folders asked for (`texts_under`)


@dataclass
class RepoHistory:
    """Versions of every file under the folders read, filed under the path each has now."""

    available: bool
    reason: str = ""  # why there is no history, in words for readers
    files: dict[str, list[FileVersion]] = field(default_factory=dict)  # current path -> oldest first
    removed: dict[str, list[FileVersion]] = field(default_factory=dict)  # deleted path -> its versions

    def versions(self, path: str) -> list[FileVersion]:
        return self.files.get(path, [])

    def last_changed(self) -> dict[str, str]:
        """Path -> day (YYYY-MM-DD) of the latest commit that changed it."""
        return {path: versions[-1].commit.day for path, versions in self.files.items() if versions}

    def added(self, path: str) -> Commit | None:
        versions = self.files.get(path)
        return versions[0].commit if versions else None


def unavailable(reason: str) -> RepoHistory:
    return RepoHistory(available=False, reason=reason)


def read_history(root: Path, folders: tuple[str, ...], texts_under: tuple[str, ...] = ()) -> RepoHistory:
    """History of the files under `folders` (relative to `root`), with the texts of those under
    `texts_under` (e.g. "glossary/").

    Never raises for a missing history: without git, outside a repository or in a shallow clone
    the result says `available=False` with the reason, and the build goes on without it.
    """
    problem = _repository_problem(root)
    if problem:
        return unavailable(problem)
    # Options spelled out so that no user or system setting changes what is printed.
    log = _git(root, "-c", "core.quotepath=off", "log", "-z", "--raw", "--no-abbrev", "-M", "--relative",
               "--first-parent", "--diff-merges=first-parent", "--reverse", "--no-color", "--no-ext-diff",
               "--no-show-signature", "--encoding=UTF-8", f"--format={_FORMAT}")
    if isinstance(log, str):
        return unavailable(log)
    history = parse_log(log.decode("utf-8", errors="replace"), folders)
    wanted = [v for lineages in (history.files, history.removed) for path, versions in lineages.items()
              if path.startswith(texts_under) for v in versions]
    if wanted:
        texts = _blob_texts(root, {v.blob for v in wanted if v.blob})
        if isinstance(texts, str):
            return unavailable(texts)
        for version in wanted:
            version.text = texts.get(version.blob) if version.blob else None
    return history


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes | str:
    """Output of a git command, or a sentence saying why it failed."""
    try:
        result = subprocess.run(["git", *args], cwd=root, input=stdin, capture_output=True,
                                timeout=_TIMEOUT_SECONDS)
    except FileNotFoundError:
        return "git is not installed on the machine that built the site"
    except (OSError, subprocess.SubprocessError) as error:
        return f"git could not run ({error})"
    if result.returncode != 0:
        message = _first_line(result.stderr)
        if "not a git repository" in message:
            return "this copy of the repository has no git history (no .git folder)"
        if "does not have any commits" in message:
            return "the repository has no commits yet"
        return f"git could not read the history ({message})"
    return result.stdout


def _repository_problem(root: Path) -> str:
    """Why there is no usable history here, or "" when it can be read."""
    answer = _git(root, "rev-parse", "--is-shallow-repository")
    if isinstance(answer, str):
        return answer
    if answer.strip() == b"true":
        # A shallow clone's oldest commit seems to add every file at once: its dates would be wrong.
        return "this is a shallow clone, which holds only the latest commits"
    return ""


def _first_line(stderr: bytes) -> str:
    lines = stderr.decode("utf-8", errors="replace").strip().splitlines()
    return lines[-1].removeprefix("fatal: ") if lines else "no message"


def parse_log(output: str, folders: tuple[str, ...]) -> RepoHistory:
    """Each file's versions from the `git log -z --raw` output above (oldest commit first)."""
    history = RepoHistory(available=True)
    prefixes = tuple(f"{folder.rstrip('/')}/" for folder in folders)
    position = output.find(_START)
    while position != -1:
        commit, position = _read_commit(output, position + 1)
        while position < len(output) and output[position] in "\n\x00":
            position += 1
        while position < len(output) and output[position] == ":":
            end = output.index("\x00", position)
            meta = output[position + 1:end].split(" ")  # old mode, new mode, old blob, new blob, status
            status, new_blob = meta[4], meta[3]
            end, first = _field(output, end + 1)
            second = None
            if status[:1] in "RC":
                end, second = _field(output, end)
            position = end
            while position < len(output) and output[position] == "\n":
                position += 1
            old, new = (first, second) if second is not None else (first, first)
            if not (old.startswith(prefixes) or new.startswith(prefixes)):
                continue
            _file_version(history, commit, status[:1], old, new, None if new_blob == _NO_BLOB else new_blob)
        position = output.find(_START, position)
    return history


def _file_version(history: RepoHistory, commit: Commit, status: str, old: str, new: str, blob: str | None):
    current = history.files
    if status == "D":
        lineage = current.pop(old, [])
        lineage.append(FileVersion(commit, old, None))
        history.removed[old] = lineage
        return
    if status == "C":  # a copy starts a history of its own
        lineage = []
    elif status == "R":
        lineage = current.pop(old, [])
    else:
        # A file added again at a path it once had keeps that path's earlier versions.
        lineage = current.pop(new, None) or history.removed.pop(new, [])
    lineage.append(FileVersion(commit, new, blob))
    current[new] = lineage


def _read_commit(output: str, position: int) -> tuple[Commit, int]:
    values = []
    for _ in range(5):
        position, value = _field(output, position)
        values.append(value)
    sha, parents, date, subject, body = values
    return Commit(sha=sha, date=date, title=_title(subject, body, parents)), position


def _field(output: str, position: int) -> tuple[int, str]:
    end = output.index("\x00", position)
    return end + 1, output[position:end]


def _title(subject: str, body: str, parents: str) -> str:
    """A merge commit's subject says "Merge pull request #12 from ..."; its body has the title."""
    if len(parents.split()) > 1:
        for line in body.splitlines():
            if line.strip():
                return line.strip()
    return subject.strip()


def _blob_texts(root: Path, blobs: set[str]) -> dict[str, str] | str:
    """Text of each blob, read by one `git cat-file --batch` process."""
    ordered = sorted(blobs)
    output = _git(root, "cat-file", "--batch", stdin="".join(f"{b}\n" for b in ordered).encode())
    if isinstance(output, str):
        return output
    texts: dict[str, str] = {}
    position = 0
    for blob in ordered:
        header_end = output.index(b"\n", position)
        header = output[position:header_end].split(b" ")
        if len(header) != 3:  # "<id> missing"
            position = header_end + 1
            continue
        size = int(header[2])
        start = header_end + 1
        texts[blob] = output[start:start + size].decode("utf-8", errors="replace")
        position = start + size + 1
    return texts
