import json

from lstmlint.notebooks import read_notebook


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
