"""Hostile input: every file a user's tree can hold gets a clear diagnostic or
a clean pass, never a traceback, and nothing in it is ever run."""

import json
import os
import resource
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from lstmlint import api
from lstmlint.api import lint_paths, lint_source
from lstmlint.cli import main
from lstmlint.config.settings import Settings

SETTINGS = Settings(keras_version=3)
BUGGY = (
    "import numpy as np\n"
    "from tensorflow import keras\n"
    "from tensorflow.keras import layers\n"
    "\n"
    "X = np.random.rand(10, 5, 3)\n"
    "model = keras.Sequential([layers.LSTM(8, input_shape=(5, 1)), layers.Dense(1)])\n"
    "model.compile(optimizer='adam', loss='mse')\n"
    "model.fit(X, np.random.rand(10, 1))\n"
)  # LS203 on line 8


def lint(data: bytes):
    return [(d.code, d.line) for d in lint_source(data, "t.py", SETTINGS)]


def run(*args: str):
    return CliRunner().invoke(main, ["--no-cache", *args])


def records(*args: str):
    result = run("--format", "json", *args)
    return result.exit_code, json.loads(result.output)


def test_syntax_error_has_a_position_and_other_files_are_still_checked(tmp_path):
    (tmp_path / "a_broken.py").write_text("import keras\n\nmodel = keras.Sequential([\n    def\n")
    (tmp_path / "b_buggy.py").write_text(BUGGY)
    status, found = records(str(tmp_path))
    assert status == 1
    assert [(r["code"], Path(r["filename"]).name, r["line"]) for r in found] == [("LS900", "a_broken.py", 3), ("LS203", "b_buggy.py", 8)]
    assert found[0]["message"] == "syntax error: '[' was never closed"  # CPython's words and position


def test_coding_cookie_is_honoured():
    latin = ("# -*- coding: latin-1 -*-\n# caf\xe9\n" + BUGGY).encode("latin-1")
    assert lint(latin) == [("LS203", 10)]


def test_utf8_bom_is_skipped():
    assert lint(b"\xef\xbb\xbf" + BUGGY.encode()) == [("LS203", 8)]


@pytest.mark.parametrize("line", [1, 5])
def test_invalid_utf8_is_a_clear_diagnostic(line):
    lines = BUGGY.encode().splitlines(keepends=True)
    lines[line - 1] = b"# caf\xe9 in latin-1\n"
    found = lint_source(b"".join(lines), "t.py", SETTINGS)
    assert [(d.code, d.line) for d in found] == [("LS901", line)]
    assert found[0].message.startswith("file is not valid utf-8: byte 0xe9 at offset ")


def test_unknown_coding_cookie_is_a_clear_diagnostic():
    found = lint_source(b"# -*- coding: klingon -*-\n" + BUGGY.encode(), "t.py", SETTINGS)
    assert [(d.code, d.message) for d in found] == [("LS901", "cannot read the file's encoding: unknown encoding: klingon")]


def test_crlf_line_endings():
    assert lint(BUGGY.replace("\n", "\r\n").encode()) == [("LS203", 8)]


def test_tabs_for_indentation():
    code = BUGGY.replace("model.fit(", "if True:\n\tmodel.fit(")
    assert lint(code.encode()) == [("LS203", 9)]


def test_python2_code_is_a_syntax_error():
    assert lint(b"import keras\nprint 'hello'\n") == [("LS900", 2)]


@pytest.mark.parametrize("data", [b"", b"# keras\n# only comments here\n", b"\n\n   \n"], ids=["empty", "comments", "blank"])
def test_files_without_code_pass(data):
    assert lint(data) == []


def test_binary_file_named_py():
    found = lint_source(b"\x7fELF\x02\x01\x01\x00keras" + bytes(range(256)), "t.py", SETTINGS)
    assert [d.code for d in found] == ["LS901"] and "binary" in found[0].message


def test_50_mb_file_is_refused_without_being_read_in_full(tmp_path):
    huge = tmp_path / "huge.py"
    with open(huge, "wb") as out:
        block = BUGGY.encode() * 1000
        while out.tell() < 50 * 1024 * 1024:
            out.write(block)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = lint_paths([str(huge)], SETTINGS)
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before  # Linux: kilobytes
    assert [(d.code, d.message) for d in result.diagnostics] == [("LS901", "file is larger than 1 MB; not checked")]
    assert grown_kb < 20 * 1024


@pytest.mark.parametrize(
    "expression, line",
    [("(" * 1000 + "x" + ")" * 1000, 2), ("f(" * 1000 + ")" * 1000, 2), ("[" * 1000 + "]" * 1000, 2), ("-" * 10_000 + "x", 1), (" + ".join(["x"] * 10_000), 1)],
    ids=["parentheses", "calls", "lists", "unary", "binary-chain"],
)
def test_too_deep_nesting_is_a_syntax_error_as_python_says(expression, line):
    # CPython refuses all of these (too many parentheses, or its parser's depth
    # limit, which gives no position); libcst would take minutes or overflow the C stack.
    found = lint_source(f"import keras\nx = {expression}\n".encode(), "t.py", SETTINGS)
    assert [(d.code, d.line) for d in found] == [("LS900", line)]
    assert found[0].message in ("syntax error: too many nested parentheses", "syntax error: code nested too deeply for Python to parse")


@pytest.mark.parametrize("expression", ["-" * 1000 + "x", " + ".join(["x"] * 1000), "x" + ".a" * 1000, "f(" * 150 + ")" * 150])
def test_deep_nesting_python_accepts_is_checked(expression):
    found = lint_source(f"import keras\nx = {expression}\n{BUGGY}".encode(), "t.py", SETTINGS)
    assert [(d.code, d.line) for d in found] == [("LS203", 10)]


def test_100k_line_file():
    code = "import keras\n" + "# a comment\n" * 50_000 + "\n" * 50_000 + BUGGY
    assert code.count("\n") > 100_000
    assert lint(code.encode()) == [("LS203", 100_001 + 8)]


def test_100k_lines_of_code_above_the_size_cap_are_refused():
    code = BUGGY + "".join(f"layer_{i} = keras.layers.Dense({i % 64 + 1})\n" for i in range(100_000))
    assert lint(code.encode()) == [("LS901", 1)]


def test_nonexistent_path_exits_2(tmp_path):
    result = run(str(tmp_path / "missing.py"))
    assert result.exit_code == 2 and "does not exist" in result.output


def test_permission_denied_file_is_a_clear_diagnostic(tmp_path, monkeypatch):
    secret = tmp_path / "secret.py"
    secret.write_text(BUGGY)
    if os.geteuid() == 0:  # root reads anything: simulate what chmod 000 does to others
        real_open = open

        def denying_open(path, *args, **kwargs):
            if Path(path) == secret:
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr("lstmlint.files.discovery.open", denying_open, raising=False)
    else:
        secret.chmod(0)
    (tmp_path / "t.py").write_text(BUGGY)
    result = lint_paths([str(tmp_path)], SETTINGS)
    assert [(d.code, Path(d.filename).name, d.message) for d in result.diagnostics] == [
        ("LS901", "secret.py", "cannot read file: Permission denied"),
        ("LS203", "t.py", result.diagnostics[1].message),
    ]
    assert result.files_checked == 1


def test_symlink_loop(tmp_path):
    (tmp_path / "loop.py").symlink_to(tmp_path / "loop.py")
    (tmp_path / "dir_loop").symlink_to(tmp_path)
    status, found = records(str(tmp_path))
    assert status == 1
    assert [(r["code"], Path(r["filename"]).name) for r in found] == [("LS901", "loop.py")]
    assert "symbolic links" in found[0]["message"]
    named = run(str(tmp_path / "loop.py"))  # named on the command line: refused up front
    assert named.exit_code == 2 and "does not exist" in named.output


def test_directory_without_python_files(tmp_path):
    (tmp_path / "notes.txt").write_text("import keras")
    result = run(str(tmp_path))
    assert result.exit_code == 0 and "0 files checked" in result.output
    assert "warning: no Python files or notebooks found" in result.output  # CliRunner mixes in stderr


def test_linted_code_is_never_executed(tmp_path):
    marker = tmp_path / "ran.txt"
    (tmp_path / "evil.py").write_text(
        f"import keras\nopen({str(marker)!r}, 'w').write('ran')\n"
        "if __name__ == '__main__':\n    open('also', 'w')\n" + BUGGY
    )
    (tmp_path / "evil_two.py").write_text(f"import tensorflow\n__import__('pathlib').Path({str(marker)!r}).touch()\n")
    modules_before = set(sys.modules)
    status, found = records("--jobs", "1", str(tmp_path))
    assert status == 1 and [r["code"] for r in found] == ["LS203"]
    assert not marker.exists()
    assert not any(name.startswith(("evil", "tensorflow", "keras")) for name in set(sys.modules) - modules_before)


def test_internal_error_in_one_file_is_ls902_and_the_run_goes_on(tmp_path, monkeypatch):
    from lstmlint.run import engine
    real = engine.check_module

    def crash_on_one(module, filename, settings, text=None):
        if filename.endswith("a_crash.py"):
            raise ValueError("boom")
        return real(module, filename, settings, text)

    monkeypatch.setattr(engine, "check_module", crash_on_one)
    (tmp_path / "a_crash.py").write_text(BUGGY)
    (tmp_path / "b_buggy.py").write_text(BUGGY)
    status, found = records("--jobs", "1", str(tmp_path))
    assert status == 2
    assert [(r["code"], Path(r["filename"]).name) for r in found] == [("LS902", "a_crash.py"), ("LS203", "b_buggy.py")]
    assert "ValueError: boom" in found[0]["message"] and "please report" in found[0]["message"]


def _die(item, settings):
    os._exit(1)


def test_a_dead_worker_process_is_ls902_for_its_file(tmp_path, monkeypatch):
    monkeypatch.setattr(api, "_check_pending", _die)
    for name in ("a.py", "b.py"):
        (tmp_path / name).write_text(BUGGY)
    result = lint_paths([str(tmp_path)], SETTINGS, jobs=2)
    assert result.crashed
    assert [d.code for d in result.diagnostics] == ["LS902", "LS902"]
    assert "worker process died" in result.diagnostics[0].message
