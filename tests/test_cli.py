"""End-to-end CLI behaviour: exit codes, the JSON contract, text output, noqa."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from lstmlint.cli import main

BUGGY = """\
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

X = np.random.rand(10, 5, 3)
model = keras.Sequential([layers.LSTM(8, input_shape=(5, 1)), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X, np.random.rand(10, 1))
"""
CLEAN = BUGGY.replace("(5, 1)", "(5, 3)")


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "buggy.py").write_text(BUGGY)
    (tmp_path / "clean.py").write_text(CLEAN)
    (tmp_path / "notes.txt").write_text("keras")
    hidden = tmp_path / ".hidden"
    hidden.mkdir()
    (hidden / "skipped.py").write_text(BUGGY)
    venv = tmp_path / "venv_dir"
    venv.mkdir()
    (venv / "pyvenv.cfg").write_text("")
    (venv / "skipped.py").write_text(BUGGY)
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_text_output_and_exit_code(tree):
    result = run(str(tree))
    assert result.exit_code == 1
    first = result.output.splitlines()[0]
    assert first == f"{tree / 'buggy.py'}:8:11: LS203 the data passed to `fit` has 3 features (shape (10, 5, 3)) where `input_shape=(5, 1)` declares 1"
    assert "help: " in result.output
    assert "note: " in result.output and ":6:" in result.output
    assert result.output.rstrip().endswith("Found 1 problem in 1 file (1 error).")
    assert "skipped.py" not in result.output


def test_check_subcommand_is_the_same(tree):
    assert run("check", str(tree)).output == run(str(tree)).output


def test_clean_exit_zero(tree):
    result = run(str(tree / "clean.py"))
    assert result.exit_code == 0
    assert "All checks passed (1 file checked)." in result.output


def test_json_contract(tree):
    result = run("--format", "json", str(tree))
    assert result.exit_code == 1
    records = json.loads(result.output)
    assert isinstance(records, list) and len(records) == 1
    record = records[0]
    assert record["code"] == "LS203" and record["name"] == "feature-count-mismatch"
    assert record["severity"] == "error"
    assert (record["line"], record["column"], record["end_line"], record["end_column"]) == (8, 11, 8, 12)
    assert record["expected"] == [None, 5, 1] and record["actual"] == [10, 5, 3]
    assert [r["line"] for r in record["related"]] == [6, 5]
    assert set(record["related"][0]) == {"filename", "line", "column", "message"}
    assert record["fix"]


def test_json_empty_array(tree):
    result = run("--format", "json", str(tree / "clean.py"))
    assert result.exit_code == 0 and json.loads(result.output) == []


def test_select_ignore_and_exit_zero(tree):
    assert run("--ignore", "LS203", str(tree)).exit_code == 0
    assert run("--ignore", "LS2", str(tree)).exit_code == 0
    assert run("--select", "LS1", str(tree)).exit_code == 0
    assert run("--select", "LS203", str(tree)).exit_code == 1
    assert run("--exit-zero", str(tree)).exit_code == 0


def test_bad_arguments_exit_2(tree):
    assert run(str(tree / "missing.py")).exit_code == 2
    assert run("--select", "XX9", str(tree)).exit_code == 2
    assert run("--format", "yaml", str(tree)).exit_code == 2
    assert run("--keras-version", "4", str(tree)).exit_code == 2
    assert run("explain", "LS999").exit_code == 2


def test_keras_version_changes_verdicts(tmp_path):
    code = BUGGY.replace("np.random.rand(10, 5, 3)", "np.random.rand(10, 7, 1)")
    (tmp_path / "t.py").write_text(code)
    k2 = json.loads(run("--format", "json", "--keras-version", "2", str(tmp_path)).output)
    k3 = json.loads(run("--format", "json", "--keras-version", "3", str(tmp_path)).output)
    assert [(d["code"], d["severity"]) for d in k2] == [("LS204", "error")]
    assert [(d["code"], d["severity"]) for d in k3] == [("LS204", "warning")]


def test_noqa(tmp_path):
    (tmp_path / "t.py").write_text(BUGGY.replace("np.random.rand(10, 1))", "np.random.rand(10, 1))  # noqa: LS203"))
    assert run(str(tmp_path)).exit_code == 0


def test_quiet_prints_only_diagnostic_lines(tree):
    lines = run("-q", str(tree)).output.splitlines()
    assert len(lines) == 1 and " LS203 " in lines[0]


def test_syntax_error_is_a_diagnostic_and_others_still_checked(tree):
    (tree / "broken.py").write_text("import keras\ndef f(:\n")
    records = json.loads(run("--format", "json", str(tree)).output)
    assert sorted(r["code"] for r in records) == ["LS203", "LS900"]
    broken = next(r for r in records if r["code"] == "LS900")
    assert broken["line"] == 2


def test_files_without_keras_are_skipped(tmp_path):
    (tmp_path / "plain.py").write_text("def f(:\n")  # not even parsed: no Keras in it
    assert run(str(tmp_path)).exit_code == 0


def test_rules_and_explain():
    listing = run("rules").output
    assert "LS101" in listing and "recurrent-input-rank" in listing and "LS900" in listing
    page = run("explain", "LS101").output
    assert "## What it does" in page and "return_sequences=True" in page
    assert run("explain", "recurrent-input-rank").output == page


def test_version_and_module_entry_point():
    out = subprocess.run([sys.executable, "-m", "lstmlint", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.startswith("lstmlint, version ")


def test_no_colour_when_not_a_terminal(tree):
    assert "\x1b[" not in run(str(tree)).output
