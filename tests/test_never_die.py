"""Issue 13 (never die, never lose a byte) and issue 9's "a syntax error that is
not one": hostile inputs, a dying worker, poisoned caches, options that did
something else. Each test failed before its fix."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from lstmlint.api import lint_paths, lint_source
from lstmlint.cli import main
from lstmlint.settings import Settings

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


def codes(data: bytes, name: str = "t.py"):
    return [(d.code, d.severity.value, d.message) for d in lint_source(data, name, SETTINGS)]


def lint_in_subprocess(source: str):
    """Lint in a child process: a segfault there must not take pytest down."""
    script = (
        "import sys, json; from lstmlint.api import lint_source; from lstmlint.settings import Settings\n"
        "found = lint_source(sys.stdin.buffer.read(), 't.py', Settings(keras_version=3))\n"
        "print(json.dumps([[d.code, d.message] for d in found]))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], input=source.encode(), capture_output=True, timeout=120)
    assert done.returncode == 0, f"lstmlint died (status {done.returncode}): {done.stderr.decode()[-500:]}"
    return [tuple(pair) for pair in json.loads(done.stdout)]


# --- item 1 and issue 9: libcst's limits are not syntax errors, and never a segfault


@pytest.mark.parametrize("word", ["and", "or"])
def test_a_long_boolean_chain_python_accepts_is_not_analysed_rather_than_a_segfault(word):
    chain = f" {word} ".join(["x"] * 8000)  # libcst's native parser overflows the C stack near 7,500
    found = lint_in_subprocess(f"import keras\nok = {chain}\n")
    assert [code for code, _ in found] == ["LS905"]
    assert "chain of 8,000 operands" in found[0][1]


def test_a_boolean_chain_below_the_limit_is_checked():
    chain = " and ".join(["x"] * 1500)
    assert [c for c, _, _ in codes(f"ok = {chain}\n{BUGGY}".encode())] == ["LS203"]


def test_3000_adjacent_string_literals_are_not_a_syntax_error():
    literals = " ".join(["'a'"] * 4000)
    found = codes(f"import keras\ntext = ({literals})\n".encode())
    assert [(c, s) for c, s, _ in found] == [("LS905", "warning")]
    assert "adjacent string literals" in found[0][2]


def test_tab_and_space_indentation_cpython_accepts_is_not_a_syntax_error():
    # CPython compares indentation both with tabs as 8 columns and as 1: " \t" < "\t    " either way.
    source = "import keras\nif keras:\n \tif keras:\n\t    pass\n"
    compile(source, "t.py", "exec")  # Python accepts it
    found = codes(source.encode())
    assert [(c, s) for c, s, _ in found] == [("LS905", "warning")]
    assert "mixes tabs and spaces" in found[0][2]


def test_real_syntax_errors_use_cpythons_message_and_position():
    found = lint_source(b"import keras\nprint 'hello'\n", "t.py", SETTINGS)
    assert [(d.code, d.line, d.column) for d in found] == [("LS900", 2, 1)]
    assert "Missing parentheses in call to 'print'" in found[0].message


# --- item 2: one dead worker neither poisons the run nor the cache

from lstmlint import api  # noqa: E402

_REAL_CHECK = api._check_pending
CLEAN = "import keras\nmodel = keras.Sequential([keras.layers.Dense(1)])\n"


def _killed_on_one_file(item, settings):
    if item[1].endswith("killer.py"):
        os.kill(os.getpid(), 9)  # as the OOM killer or a segfault would
    return _REAL_CHECK(item, settings)


def _tree(tmp_path: Path) -> Path:
    tmp_path.mkdir()
    for i in range(8):
        (tmp_path / f"{i}_buggy.py").write_text(BUGGY)
        (tmp_path / f"{i}_clean.py").write_text(CLEAN)
    (tmp_path / "3_killer.py").write_text(BUGGY)
    return tmp_path


def test_crash_injection_a_killed_worker_costs_only_its_own_file(tmp_path, monkeypatch):
    tree = _tree(tmp_path / "tree")
    cache_dir = tmp_path / "cache"
    monkeypatch.setattr(api, "_check_pending", _killed_on_one_file)
    result = lint_paths([str(tree)], SETTINGS, jobs=2, cache_dir=cache_dir)
    found = [(Path(d.filename).name, d.code) for d in result.diagnostics]
    expected = sorted([(f"{i}_buggy.py", "LS203") for i in range(8)] + [("3_killer.py", "LS902")])
    assert sorted(found) == expected
    assert result.crashed and "worker process died" in next(d.message for d in result.diagnostics if d.code == "LS902")
    entries = json.loads(next(cache_dir.rglob("*.json")).read_text())
    assert not any(Path(name).name == "3_killer.py" for name in entries)  # the crash is not cached
    assert sorted(Path(n).name for n in entries) == sorted([f"{i}_buggy.py" for i in range(8)] + [f"{i}_clean.py" for i in range(8)])
    assert all([r["code"] for r in records] == (["LS203"] if "buggy" in name else []) for name, (_, records) in entries.items())
    monkeypatch.setattr(api, "_check_pending", _REAL_CHECK)  # the next run: the culprit is checked again
    again = lint_paths([str(tree)], SETTINGS, jobs=2, cache_dir=cache_dir)
    assert sorted((Path(d.filename).name, d.code) for d in again.diagnostics) == sorted([(f"{i}_buggy.py", "LS203") for i in range(8)] + [("3_killer.py", "LS203")])
    assert not again.crashed


def test_an_internal_error_is_not_cached(tmp_path, monkeypatch):
    from lstmlint import engine

    (tmp_path / "t.py").write_text(BUGGY)
    real = engine.check_module
    monkeypatch.setattr(engine, "check_module", lambda *args: 1 / 0)
    first = lint_paths([str(tmp_path)], SETTINGS, cache_dir=tmp_path / "cache")
    assert [d.code for d in first.diagnostics] == ["LS902"]
    monkeypatch.setattr(engine, "check_module", real)
    assert [d.code for d in lint_paths([str(tmp_path)], SETTINGS, cache_dir=tmp_path / "cache").diagnostics] == ["LS203"]


BAD_RECORD_FIELDS = [{"line": "seven"}, {"related": [5]}, {"severity": "fatal"}, {"fixable": 1}, {"line": True}, {"extra": 1}]


@pytest.mark.parametrize(
    "entry",
    [3, "x", {"a": 1}, [], ["DIGEST"], ["DIGEST", 3], ["DIGEST", [3]], ["DIGEST", [{"code": 1}]]] + [["DIGEST", f] for f in BAD_RECORD_FIELDS],
)
def test_a_cache_entry_of_the_wrong_shape_is_a_miss_not_a_crash(tmp_path, monkeypatch, entry):
    (tmp_path / "t.py").write_text(BUGGY)
    monkeypatch.chdir(tmp_path)
    run = lambda: CliRunner().invoke(main, ["--format", "json", "."], catch_exceptions=False)  # noqa: E731
    assert [r["code"] for r in json.loads(run().output)] == ["LS203"]
    cache_file = next((tmp_path / ".lstmlint_cache").rglob("*.json"))
    ((name, (digest, records)),) = json.loads(cache_file.read_text()).items()
    if isinstance(entry, list) and entry:
        entry[0] = digest
        if len(entry) == 2 and isinstance(entry[1], dict):  # one field of a real record changed
            entry[1] = [{key: value for key, value in {**records[0], **entry[1]}.items()}]
    cache_file.write_text(json.dumps({name: entry}))
    assert [r["code"] for r in json.loads(run().output)] == ["LS203"]
