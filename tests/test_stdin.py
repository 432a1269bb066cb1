"""`-` reads stdin (editors, pipes): --stdin-filename names it for messages,
config and per-file ignores; --force-exclude applies excludes to it."""

import json

from cli_helpers import BUGGY, STACKED, run


def test_stdin_uses_stdin_filename(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("--format", "json", "--stdin-filename", "src/model.py", "-", input=BUGGY)
    assert result.exit_code == 1
    assert [(d["filename"], d["code"]) for d in json.loads(result.output)] == [("src/model.py", "LS203")]
    assert run("-", input=BUGGY).output.startswith("-:8:11: LS203 ")


def test_stdin_per_file_ignores_and_force_exclude(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.lstmlint]\nexclude = ["legacy"]\n[tool.lstmlint.per-file-ignores]\n"tests/*" = ["LS2"]\n')
    assert run("--stdin-filename", "tests/t.py", "-", input=BUGGY).exit_code == 0
    assert run("--stdin-filename", "legacy/t.py", "-", input=BUGGY).exit_code == 1
    assert run("--force-exclude", "--stdin-filename", "legacy/t.py", "-", input=BUGGY).exit_code == 0


def test_stdin_fix_prints_the_fixed_source(tmp_path):
    result = run("--fix", "--stdin-filename", "m.py", "-", input=STACKED)
    assert result.exit_code == 0
    assert result.stdout.startswith(STACKED.replace("(5, 3)),", "(5, 3), return_sequences=True),"))


def test_stdin_argument_errors():
    assert run("-", "x.py", input="").exit_code == 2
    assert run("--stdin-filename", "a.py", ".", input="").exit_code == 2
