"""The pre-commit hook end to end: `pre-commit try-repo` installs lstmlint from
this source tree into its own environment (packages from the registry only)
and runs it on a temporary repository: it fails on a buggy file, then passes
once the file is fixed."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cli_helpers import STACKED

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def _pre_commit() -> list:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    if subprocess.run([sys.executable, "-m", "pre_commit", "--version"], capture_output=True).returncode != 0:
        pytest.skip("pre-commit is not installed (pip install -e '.[test]' installs it)")
    return [sys.executable, "-m", "pre_commit"]


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def _commit_all(repo: Path) -> None:
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "--no-verify", "-m", "x")


def test_hook_fails_on_a_bug_then_passes_after_the_fix(tmp_path):
    pre_commit = _pre_commit()
    # The hook repository: this source tree as committed files (try-repo clones
    # committed state, and this checkout may have uncommitted work).
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy(ROOT / name, hooks / name)
    shutil.copytree(ROOT / "src", hooks / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    _git(hooks, "init", "-q")
    _commit_all(hooks)

    project = tmp_path / "project"
    project.mkdir()
    _git(project, "init", "-q")
    (project / "model.py").write_text(STACKED)
    (project / "notes.txt").write_text("not python")
    _git(project, "add", "-A")
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "cache"), NO_COLOR="1")

    def try_repo():
        return subprocess.run(
            [*pre_commit, "try-repo", str(hooks), "lstmlint", "--all-files", "--color", "never"],
            cwd=project, env=env, capture_output=True, text=True, timeout=600,
        )

    failed = try_repo()
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "model.py:6:5: LS101 [*]" in failed.stdout

    (project / "model.py").write_text(STACKED.replace("(5, 3)),", "(5, 3), return_sequences=True),"))
    _git(project, "add", "-A")
    passed = try_repo()
    assert passed.returncode == 0, passed.stdout + passed.stderr
