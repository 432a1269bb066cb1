"""`keras-version = auto` end to end: the project's dependency files decide,
then TF_USE_LEGACY_KERAS, then imports, then the installed Keras; and
`--show-settings` says what was decided and why."""

import json
from pathlib import Path

import pytest

from cli_helpers import BUGGY, run

# LS204: 7 timesteps where 5 are declared: an error under Keras 2, a warning
# under Keras 3 (a Sequential model rebuilds itself for the new length).
TIMESTEPS = BUGGY.replace("np.random.rand(10, 5, 3)", "np.random.rand(10, 7, 1)")


def severity(path: Path, *args: str) -> str:
    [record] = json.loads(run("--format", "json", *args, str(path)).output)
    assert record["code"] == "LS204"
    return record["severity"]


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / ".git").mkdir()  # the project root: the search stops here
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "model.py").write_text(TIMESTEPS)
    monkeypatch.delenv("TF_USE_LEGACY_KERAS", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


DECLARATIONS = [
    ("requirements.txt", "numpy\ntensorflow<2.16  # pinned for tf.keras\n", "error", "requirements.txt:2 requires `tensorflow<2.16`"),
    ("requirements-dev.txt", "tf-keras==2.15.1\n", "error", "requirements-dev.txt:1 requires `tf-keras==2.15.1`"),
    ("requirements.txt", "tensorflow>=2.16\n", "warning", "requirements.txt:1 requires `tensorflow>=2.16`"),
    ("pyproject.toml", '[project]\nname = "p"\ndependencies = ["keras<3", "numpy"]\n', "error", "pyproject.toml:3 requires `keras<3`"),
    ("setup.cfg", "[options]\ninstall_requires =\n    numpy\n    tensorflow==2.15.*\n", "error", "setup.cfg:4 requires `tensorflow==2.15.*`"),
    ("environment.yml", "dependencies:\n  - python=3.10\n  - tensorflow=2.15\n", "error", "environment.yml:3 requires `tensorflow=2.15`"),
    ("environment.yml", "dependencies:\n  - pip:\n    - keras>=3.0\n", "warning", "environment.yml:3 requires `keras>=3.0`"),
]


@pytest.mark.parametrize("name, text, expected, why", DECLARATIONS)
def test_the_project_decides(project, name, text, expected, why):
    (project / name).write_text(text)
    assert severity(project / "src" / "model.py") == expected
    shown = run("check", "--show-settings", "src/model.py")
    assert shown.exit_code == 0
    version = 2 if expected == "error" else 3
    assert f"keras-version: {version} (auto: the project's {why})" in shown.output


def test_a_requirement_allowing_both_says_nothing(project, monkeypatch):
    (project / "requirements.txt").write_text("tensorflow>=2.10\nkeras\n")
    monkeypatch.setenv("TF_USE_LEGACY_KERAS", "1")
    assert severity(project / "src" / "model.py") == "error"
    assert "keras-version: 2 (auto: TF_USE_LEGACY_KERAS=1 is set)" in run("check", "--show-settings", "src/model.py").output


def test_project_before_environment_before_imports(project, monkeypatch):
    model = project / "src" / "model.py"
    model.write_text("import tf_keras\n" + TIMESTEPS)
    assert severity(model) == "error"
    assert "keras-version: 2 (auto: the file imports tf_keras)" in run("check", "--show-settings", str(model)).output
    (project / "requirements.txt").write_text("keras>=3\n")
    monkeypatch.setenv("TF_USE_LEGACY_KERAS", "1")
    assert severity(model) == "warning"  # the project's own declaration wins


def test_search_stops_at_the_repository_root(project):
    (project.parent / "requirements.txt").write_text("tensorflow<2.16\n")  # outside the repository: not this project's
    try:
        assert "the project's" not in run("check", "--show-settings", "src/model.py").output
    finally:
        (project.parent / "requirements.txt").unlink()


def test_show_settings_names_config_and_explicit_version(project):
    (project / "pyproject.toml").write_text('[tool.lstmlint]\nkeras-version = "2"\nignore = ["LS3"]\n')
    shown = run("check", "--show-settings", "src").output
    assert shown.splitlines()[:3] == [
        "Settings for src",
        f"  config file: {project / 'pyproject.toml'}",
        f"  keras-version: 2 (set by {project / 'pyproject.toml'})",
    ]
    assert "  ignore: LS3" in shown
    assert "keras-version: 3 (set by --keras-version)" in run("check", "--show-settings", "--keras-version", "3", "src").output
