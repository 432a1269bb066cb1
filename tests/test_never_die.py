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
