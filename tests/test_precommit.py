"""The pre-commit hook end to end: pre-commit installs lstmlint from this
source tree into its own environment (packages from the registry only) and
runs it on a temporary repository: `try-repo` fails on a buggy file, then
passes once the file is fixed; `pre-commit run` with the documented
.pre-commit-config.yaml gives the Keras 2 verdict when the project's
requirements say Keras 2 (the hook's own environment has no Keras at all)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cli_helpers import BUGGY, STACKED

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


def _hook_repository(tmp_path: Path) -> Path:
    """This source tree as committed files (pre-commit clones committed state,
    and this checkout may have uncommitted work)."""
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy(ROOT / name, hooks / name)
    shutil.copytree(ROOT / "src", hooks / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    _git(hooks, "init", "-q")
    _commit_all(hooks)
    return hooks


def test_hook_fails_on_a_bug_then_passes_after_the_fix(tmp_path):
    pre_commit = _pre_commit()
    hooks = _hook_repository(tmp_path)

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


# LS204 (7 timesteps, 5 declared): an error under Keras 2, a warning under Keras 3.
TIMESTEPS = BUGGY.replace("np.random.rand(10, 5, 3)", "np.random.rand(10, 7, 1)")


def test_pre_commit_run_follows_the_projects_keras(tmp_path):
    pre_commit = _pre_commit()
    hooks = _hook_repository(tmp_path)
    sha = subprocess.run(["git", "rev-parse", "HEAD"], cwd=hooks, capture_output=True, text=True, check=True).stdout.strip()
    project = tmp_path / "project"
    project.mkdir()
    _git(project, "init", "-q")
    # the configuration docs/integrations.md shows, with this checkout as the repository
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hooks.as_uri()}\n    rev: {sha}\n    hooks:\n      - id: lstmlint\n"
    )
    (project / "model.py").write_text(TIMESTEPS)
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "cache"), NO_COLOR="1")
    env.pop("TF_USE_LEGACY_KERAS", None)

    def pre_commit_run(requirements: str) -> str:
        (project / "requirements.txt").write_text(requirements)
        _git(project, "add", "-A")
        done = subprocess.run([*pre_commit, "run", "--all-files", "--color", "never"],
                              cwd=project, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 1, done.stdout + done.stderr
        return done.stdout

    keras2 = pre_commit_run("numpy\ntensorflow<2.16\n")
    assert "model.py:8:11: LS204 the data passed to `fit` has 7 timesteps" in keras2
    assert "Found 1 problem in 1 file (1 error)." in keras2
    keras3 = pre_commit_run("tensorflow>=2.16\n")
    assert "Found 1 problem in 1 file (1 warning)." in keras3
