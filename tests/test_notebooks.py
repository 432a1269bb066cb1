import json

from lstmlint.files.notebooks import read_notebook


def notebook(*cells):
    return json.dumps({"cells": [{"cell_type": kind, "source": source} for kind, source in cells], "nbformat": 4}).encode()


def test_cells_in_order_with_magics_blanked():
    data = notebook(
        ("markdown", "# Title"),
        ("code", ["%matplotlib inline\n", "import numpy as np\n"]),
        ("code", "!pip install keras\nX = np.zeros((2, 3))\nnp.zeros?"),
        ("code", "%%bash\necho hi"),
    )
    nb = read_notebook(data)
    lines = nb.text.splitlines()
    assert lines[1] == "import numpy as np"
    assert "pip" not in nb.text and "echo" not in nb.text and "%" not in nb.text and "?" not in nb.text
    assert nb.locate(2) == (2, 2)  # import numpy: cell 2 (after the markdown cell), its line 2
    x_line = lines.index("X = np.zeros((2, 3))") + 1
    assert nb.locate(x_line) == (3, 2)


def test_broken_notebooks_give_a_reason():
    assert "JSON" in read_notebook(b"{not json")
    assert "cells" in read_notebook(b'{"nbformat": 4}')


CELLS = [
    ("markdown", "# Forecasting"),
    ("code", "%matplotlib inline\nimport numpy as np\nfrom tensorflow import keras\nfrom tensorflow.keras import layers"),
    ("code", "!pip install tensorflow\nX = np.random.rand(32, 10, 3)\ny = np.random.rand(32, 1)"),
    ("code", "model = keras.Sequential([\n    layers.LSTM(16, input_shape=(10, 1)),\n    layers.Dense(1),\n])\nmodel.compile(optimizer='adam', loss='mse')"),
    ("code", "model.fit(X, y, epochs=1)"),
]


def test_notebook_diagnostics_name_the_cell(tmp_path):
    from click.testing import CliRunner

    from lstmlint.cli import main

    path = tmp_path / "forecast.ipynb"
    path.write_bytes(notebook(*CELLS))
    records = json.loads(CliRunner().invoke(main, ["--format", "json", "--isolated", "--no-cache", "--keras-version", "3", str(tmp_path)]).output)
    assert [(r["code"], r["cell"], r["line"], r["column"]) for r in records] == [("LS203", 5, 1, 11)]
    declared = records[0]["related"][0]
    assert (declared["cell"], declared["line"]) == (4, 2)
    text = CliRunner().invoke(main, ["--isolated", "--no-cache", "--keras-version", "3", str(path)]).output
    assert text.startswith(f"{path}:cell 5:1:11: LS203 ")
    assert f"note: {path}:cell 4:2:" in text


def test_fixed_notebook_is_silent_and_broken_one_is_reported(tmp_path):
    from click.testing import CliRunner

    from lstmlint.cli import main

    fixed = [(kind, source.replace("(10, 1)", "(10, 3)")) for kind, source in CELLS]
    (tmp_path / "ok.ipynb").write_bytes(notebook(*fixed))
    result = CliRunner().invoke(main, ["--isolated", "--no-cache", str(tmp_path)])
    assert result.exit_code == 0, result.output
    (tmp_path / "broken.ipynb").write_bytes(b"{ not json")
    result = CliRunner().invoke(main, ["--format", "json", "--isolated", "--no-cache", str(tmp_path)])
    assert [(r["code"], r["filename"].endswith("broken.ipynb")) for r in json.loads(result.output)] == [("LS901", True)]
    assert result.exit_code == 1
