"""Notebooks in CI formats, `shapes` and `--fix`, end to end: CI annotations
point at the line of the notebook file (its JSON) holding the source line;
text keeps `cell N:line:col`; fixes rewrite only the cells' sources."""

import json
import xml.etree.ElementTree as ET

import pytest

from cli_helpers import BUGGY, run

CELLS = [
    ("markdown", "# Forecasting"),
    ("code", "%matplotlib inline\nimport numpy as np\nfrom tensorflow import keras\nfrom tensorflow.keras import layers"),
    ("code", "!pip install tensorflow\nX = np.random.rand(32, 10, 3)\ny = np.random.rand(32, 1)"),
    ("code", "%time\nmodel = keras.Sequential([\n    layers.LSTM(\n        16,\n        input_shape=(10, 3),  # encoder\n    ),\n"
             "    layers.LSTM(8),\n    layers.Dense(1),\n])\nmodel.compile(optimizer='adam', loss='mse')"),
    ("code", "model.fit(X, y, epochs=1)"),
]
OUTPUT = {"output_type": "stream", "name": "stdout", "text": ["Epoch 1/1 — done\n"]}


def write_notebook(path, cells=CELLS):
    document = {
        "cells": [
            {"cell_type": kind, "metadata": {"tags": ["x"]}, "source": source.splitlines(keepends=True),
             **({"execution_count": 3, "outputs": [OUTPUT]} if kind == "code" else {})}
            for kind, source in cells
        ],
        "metadata": {"kernelspec": {"display_name": "Python 3", "name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path.write_text(json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def nb(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return write_notebook(tmp_path / "forecast.ipynb")


def raw_line(path, text):
    """The 1-based line of the notebook file holding ``text``, and the column where it starts."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number, line.index(text) + 1
    raise AssertionError(text)


ARGS = ("--isolated", "--no-cache", "--keras-version", "3")


def test_ci_formats_point_at_the_notebook_file_line(nb):
    line, column = raw_line(nb, "layers.LSTM(8)")
    github = run("--format", "github", *ARGS, "forecast.ipynb").output.splitlines()[0]
    assert github.startswith(f"::error file=forecast.ipynb,line={line},col={column},endLine={line},endColumn={column + 14},")
    [issue] = json.loads(run("--format", "gitlab", *ARGS, "forecast.ipynb").output)
    assert issue["location"] == {"path": "forecast.ipynb", "lines": {"begin": line, "end": line}}
    [result] = json.loads(run("--format", "sarif", *ARGS, "forecast.ipynb").output)["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": line, "startColumn": column, "endLine": line, "endColumn": column + 14}
    related = result["relatedLocations"][0]["physicalLocation"]["region"]
    assert (related["startLine"], related["startColumn"]) == raw_line(nb, "layers.LSTM(")  # the first LSTM, line 3 of cell 4
    case = ET.fromstring(run("--format", "junit", *ARGS, "forecast.ipynb").output).find("testsuite/testcase")
    assert case.get("line") == str(line) and "at cell 4, line 7, column 5" in case.get("name")


def test_text_keeps_cells_and_json_adds_the_file_line(nb):
    concise = run("--format", "concise", *ARGS, "forecast.ipynb").output
    assert concise.startswith("forecast.ipynb:cell 4:7:5: LS101 [*] ")
    [record] = json.loads(run("--format", "json", *ARGS, "forecast.ipynb").output)
    line, column = raw_line(nb, "layers.LSTM(8)")
    assert (record["cell"], record["line"], record["column"]) == (4, 7, 5)
    assert (record["raw_line"], record["raw_column"]) == (line, column)


def test_shapes_of_a_notebook_and_of_stdin(nb, tmp_path):
    table = run("shapes", "forecast.ipynb").output
    assert 'Model: "model" (Sequential, forecast.ipynb:cell 4:2)' in table
    assert "lstm_1 (LSTM)" in table and "<- LS101" in table
    assert "forecast.ipynb:cell 4:7:5: LS101" in table
    model = json.loads(run("shapes", "--format", "json", "forecast.ipynb").output)["models"][0]
    assert (model["cell"], model["line"]) == (4, 2)
    piped = run("shapes", "-", input=BUGGY)
    assert piped.exit_code == 0 and 'Model: "model" (Sequential, -:6)' in piped.output
    assert "input_layer (InputLayer)  (None, 5, 1)" in piped.output


def test_fix_rewrites_only_the_cell_source(nb):
    before = nb.read_text(encoding="utf-8")
    result = run("--fix", *ARGS, "forecast.ipynb")
    assert result.exit_code == 0, result.output
    after = nb.read_text(encoding="utf-8")
    old_lines, new_lines = before.splitlines(), after.splitlines()
    inserted = [line for line in new_lines if line not in old_lines]
    assert inserted == ['    "        return_sequences=True,\\n",']  # one new source line; every other byte kept
    assert [line for line in old_lines if line not in new_lines] == []
    cell = json.loads(after)["cells"][3]
    assert "".join(cell["source"]).startswith("%time\nmodel = keras.Sequential([\n    layers.LSTM(\n        16,\n        input_shape=(10, 3),  # encoder\n        return_sequences=True,\n    ),\n")
    assert cell["outputs"] == [OUTPUT] and cell["metadata"] == {"tags": ["x"]} and cell["execution_count"] == 3
    assert run("--format", "json", *ARGS, "forecast.ipynb").output.strip() == "[]"
    assert run("--fix", *ARGS, "forecast.ipynb").exit_code == 0 and nb.read_text(encoding="utf-8") == after


def test_fix_a_cell_stored_as_one_string(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    document = {"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                           "source": "from tensorflow import keras\nfrom tensorflow.keras import layers\n"
                                     "m = keras.Sequential([layers.GRU(4, input_shape=(5, 2)), layers.GRU(2)])"}],
                "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path = tmp_path / "one.ipynb"
    path.write_text(json.dumps(document), encoding="utf-8")
    diff = run("--diff", *ARGS, "one.ipynb")
    assert diff.exit_code == 1 and "return_sequences=True" in diff.output
    assert run("--fix", *ARGS, "one.ipynb").exit_code == 0
    fixed = json.loads(path.read_text(encoding="utf-8"))
    assert fixed["cells"][0]["source"].endswith("layers.GRU(4, input_shape=(5, 2), return_sequences=True), layers.GRU(2)])")
    assert path.read_text(encoding="utf-8").startswith('{"cells": [{"cell_type": "code", "metadata": {}, "outputs": []')
