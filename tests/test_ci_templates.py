"""The GitHub Action (action.yml) and the GitLab CI template
(ci/lstmlint.gitlab-ci.yml) end to end: each step's command, as the platform
would run it, in a fresh virtualenv (packages from the registry only)
against a project with a bug; and the install instructions of
docs/integrations.md install from the repository, never from an index."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cli_helpers import BUGGY, STACKED, run

ROOT = Path(__file__).resolve().parents[1]
DOCS = (ROOT / "docs" / "integrations.md").read_text()


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory):
    """A copy of this source tree (as the platform checks it out), an empty
    virtualenv first on PATH, and a project with two bugs."""
    base = tmp_path_factory.mktemp("ci")
    source = base / "lstmlint-src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    subprocess.run([sys.executable, "-m", "venv", str(base / "venv")], check=True)
    project = base / "project"
    project.mkdir()
    (project / "buggy.py").write_text(BUGGY)
    (project / "stacked.py").write_text(STACKED)
    env = dict(os.environ, PATH=f"{base / 'venv' / 'bin'}{os.pathsep}{os.environ['PATH']}", NO_COLOR="1")
    env.pop("VIRTUAL_ENV", None)
    return source, project, env


def _bash(command: str, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-euo", "pipefail", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


@pytest.mark.slow
def test_github_action_steps(sandbox):
    source, project, env = sandbox
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    inputs = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
    results = []
    for step in action["runs"]["steps"]:
        command = step["run"].replace("${{ github.action_path }}", str(source))
        command = re.sub(r"\$\{\{ inputs\.(\w+) \}\}", lambda m: inputs[m.group(1)], command)
        assert "${{" not in command, command
        results.append(_bash(command, project, env))
    install, check = results
    assert install.returncode == 0, install.stdout + install.stderr
    assert check.returncode == 1, check.stdout + check.stderr
    lines = check.stdout.splitlines()
    assert lines[0].startswith("::error file=buggy.py,line=8,col=11,")
    assert lines[1].startswith("::error file=stacked.py,line=6,col=5,")


@pytest.mark.slow
def test_gitlab_template_job(sandbox):
    source, project, env = sandbox
    job = yaml.safe_load((ROOT / "ci" / "lstmlint.gitlab-ci.yml").read_text())["lstmlint"]
    variables = dict(job["variables"], LSTMLINT_REQUIREMENT=str(source))  # a path, as the docs allow
    results = [_bash(line, project, {**env, **variables}) for line in job["script"]]
    assert results[0].returncode == 0, results[0].stdout + results[0].stderr
    assert results[-1].returncode == 1, results[-1].stdout + results[-1].stderr  # the job fails on findings...
    assert job["artifacts"]["when"] == "always"  # ...and the report is uploaded all the same
    report = json.loads((project / job["artifacts"]["reports"]["codequality"]).read_text())
    assert [(i["check_name"], i["location"]["path"], i["location"]["lines"]["begin"], i["severity"]) for i in report] == [
        ("LS203", "buggy.py", 8, "major"), ("LS101", "stacked.py", 6, "major")]


def test_gitlab_code_quality_format(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "buggy.py").write_text(BUGGY)
    (tmp_path / "pkg" / "again.py").write_text(BUGGY)
    result = run("--format", "gitlab", ".")
    assert result.exit_code == 1
    issues = json.loads(result.output)
    for issue in issues:  # the fields GitLab requires
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issue)
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
    assert [i["location"]["path"] for i in issues] == ["pkg/again.py", "pkg/buggy.py"]
    assert len({i["fingerprint"] for i in issues}) == 2
    assert issues[0]["description"].startswith("LS203 the data passed to `fit` has 3 features")
    assert json.loads(run("--format", "gitlab", "--isolated", "--ignore", "LS", ".").output) == []


def test_docs_install_from_the_repository():
    installs = re.findall(r"pip install[^\n]*", DOCS)
    assert installs
    for line in installs:
        assert "git+https://" in line or "/path/to/lstmlint" in line, line
    assert "rev: <tag>" not in DOCS and "pip install lstmlint\n" not in DOCS
    assert "uses: <owner>/lstmlint@" in DOCS and "ci/lstmlint.gitlab-ci.yml" in DOCS
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text()
    assert "<a tag>" not in hooks
