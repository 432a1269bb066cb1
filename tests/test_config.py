"""Config files end to end: discovery, keys, CLI precedence, and clear errors (exit 2)."""

import json
from pathlib import Path

import pytest

from cli_helpers import BUGGY, run


def codes(result):
    return [d["code"] for d in json.loads(result.output)]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "model.py").write_text(BUGGY)
    return tmp_path


def test_pyproject_found_walking_up(project, monkeypatch):
    (project / "pyproject.toml").write_text('[tool.lstmlint]\nignore = ["LS203"]\n')
    monkeypatch.chdir(project / "pkg")
    assert run("model.py").exit_code == 0
    assert run(str(project / "pkg")).exit_code == 0


def test_pyproject_without_section_is_skipped(project):
    (project / "pkg" / "pyproject.toml").write_text('[tool.other]\nx = 1\n')
    (project / "pyproject.toml").write_text('[tool.lstmlint]\nignore = ["LS2"]\n')
    assert run(str(project / "pkg")).exit_code == 0


def test_yaml_config(project):
    (project / ".lstmlint.yaml").write_text("select: [LS1]\n")
    assert run(str(project / "pkg")).exit_code == 0


def test_cli_overrides_config(project):
    (project / ".lstmlint.yaml").write_text("select: [LS1]\n")
    assert codes(run("--format", "json", "--select", "LS2", str(project / "pkg"))) == ["LS203"]
    assert run("--isolated", str(project / "pkg")).exit_code == 1


def test_extend_select(project):
    (project / ".lstmlint.yaml").write_text("select: [LS1]\nextend-select: [LS203]\n")
    assert codes(run("--format", "json", str(project / "pkg"))) == ["LS203"]


def test_per_file_ignores(project):
    (project / "pyproject.toml").write_text('[tool.lstmlint.per-file-ignores]\n"pkg/*.py" = ["LS203"]\n')
    (project / "other.py").write_text(BUGGY)
    result = run("--format", "json", str(project))
    assert [(Path(d["filename"]).name, d["code"]) for d in json.loads(result.output)] == [("other.py", "LS203")]


def test_exclude_and_force_exclude(project):
    (project / "pyproject.toml").write_text('[tool.lstmlint]\nexclude = ["pkg"]\n')
    assert run(str(project)).exit_code == 0
    explicit = str(project / "pkg" / "model.py")
    assert run(explicit).exit_code == 1  # files named explicitly are checked...
    assert run("--force-exclude", explicit).exit_code == 0  # ...unless excludes are forced (pre-commit)
    assert run("--extend-exclude", "other*", "--isolated", str(project)).exit_code == 1


def test_severity_override(project):
    (project / ".lstmlint.yaml").write_text("severity:\n  LS203: warning\n")
    assert [d["severity"] for d in json.loads(run("--format", "json", str(project / "pkg")).output)] == ["warning"]


def test_explicit_config_file(project, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("cfg") / "custom.toml"
    elsewhere.write_text('ignore = ["LS203"]\n')
    assert run("--config", str(elsewhere), str(project / "pkg")).exit_code == 0
    assert run("--config", str(elsewhere), "--isolated", str(project)).exit_code == 2


K2_ONLY = BUGGY.replace("np.random.rand(10, 5, 3)", "np.random.rand(10, 7, 1)")  # LS204: error on Keras 2, warning on 3


@pytest.mark.parametrize(
    "config, source, env, expected",
    [
        ('keras-version = 2\n', K2_ONLY, {}, "error"),
        ('keras-version = "3"\n', K2_ONLY, {}, "warning"),
        ('keras-version = "auto"\n', K2_ONLY.replace("from tensorflow import keras", "import tf_keras as keras"), {}, "error"),
        ('keras-version = "auto"\n', K2_ONLY, {"TF_USE_LEGACY_KERAS": "1"}, "error"),
        ("", K2_ONLY, {}, "warning"),  # auto: no tf_keras, no Keras 2 installed here: 3
    ],
)
def test_keras_version(project, monkeypatch, config, source, env, expected):
    monkeypatch.delenv("TF_USE_LEGACY_KERAS", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setattr("lstmlint.config.keras_target.installed_keras_major", lambda: 3)
    (project / "pyproject.toml").write_text("[tool.lstmlint]\n" + config)
    (project / "pkg" / "model.py").write_text(source)
    found = json.loads(run("--format", "json", str(project / "pkg")).output)
    assert [(d["code"], d["severity"]) for d in found] == [("LS204", expected)]


def test_auto_reads_installed_keras_metadata(project, monkeypatch):
    from importlib import metadata

    from lstmlint.config import keras_target
    monkeypatch.delenv("TF_USE_LEGACY_KERAS", raising=False)
    monkeypatch.setattr(metadata, "version", lambda name: "2.15.0" if name == "keras" else "0")
    keras_target.installed_keras_major.cache_clear()
    try:
        (project / "pkg" / "model.py").write_text(K2_ONLY)
        assert json.loads(run("--format", "json", str(project / "pkg")).output)[0]["severity"] == "error"
    finally:
        keras_target.installed_keras_major.cache_clear()


@pytest.mark.parametrize(
    "name, text, message",
    [
        ("pyproject.toml", '[tool.lstmlint]\nselct = ["LS1"]\n', "unknown key `[tool.lstmlint] selct` (allowed keys: select, ignore,"),
        ("pyproject.toml", '[tool.lstmlint]\nkeras-version = 4\n', "invalid value for `[tool.lstmlint] keras-version`: 4 (allowed: 2, 3, auto)"),
        ("pyproject.toml", '[tool.lstmlint]\nselect = "LS1"\n', "invalid value for `[tool.lstmlint] select`"),
        ("pyproject.toml", '[tool.lstmlint]\nignore = ["XX1"]\n', "'XX1' is none"),
        ("pyproject.toml", '[tool.lstmlint]\nseverity = { LS203 = "fatal" }\n', "invalid severity for `[tool.lstmlint] severity.LS203`: 'fatal' (allowed: error, warning, info)"),
        ("pyproject.toml", '[tool.lstmlint\n', "cannot read TOML"),
        (".lstmlint.yaml", "exclude: build\n", "invalid value for `exclude`: 'build' (allowed: a list of glob patterns)"),
        (".lstmlint.yaml", "select: [LS1\n", "cannot read YAML"),
        (".lstmlint.yaml", "- LS1\n", "expected a mapping of options"),
    ],
)
def test_bad_config_exits_2_naming_file_and_key(project, name, text, message):
    config = project / name
    config.write_text(text)
    result = run(str(project / "pkg"))
    assert result.exit_code == 2
    assert str(config) in result.output and message in result.output


def test_help_documents_config():
    text = run("check", "--help").output
    assert "pyproject.toml" in text and "--config" in text and "--isolated" in text
