"""NumPy expressions as real scripts write them, with the shape NumPy gives.

Each case binds ``r``; ``None`` in an expected shape is a size inference
leaves unknown (NumPy's real size there is anything). tests/test_numpy_forms.py
checks what lstmlint infers; tests/oracle/test_numpy_forms_real.py runs each
case under real NumPy and checks the expected shapes themselves.
"""

SETUP = """
import numpy as np
labels = np.random.randint(0, 5, size=(100,))
X = np.random.rand(100, 8, 3)
"""

# name -> (code binding r, expected shape, expected dtype)
CASES = {
    "eye indexed by labels is one-hot": ("r = np.eye(5)[labels]", (100, 5), "float64"),
    "eye of n by m": ("r = np.eye(3, 7)", (3, 7), "float64"),
    "eye with dtype": ("r = np.eye(4, dtype='float32')", (4, 4), "float32"),
    "identity": ("r = np.identity(4)", (4, 4), "float64"),
    "integer array index": ("r = X[labels]", (100, 8, 3), "float64"),
    "index list": ("r = X[[0, 2]]", (2, 8, 3), "float64"),
    "index list on axis 1": ("r = X[:, [1, 2]]", (100, 2, 3), "float64"),
    "index list after an ellipsis": ("r = X[..., [0]]", (100, 8, 1), "float64"),
    "index array of 2D labels": ("r = np.eye(5)[labels.reshape(10, 10)]", (10, 10, 5), "float64"),
    "boolean mask from a comparison": ("r = X[labels == 1]", (None, 8, 3), "float64"),
    "boolean mask then a full slice": ("r = X[labels > 2, :]", (None, 8, 3), "float64"),
    "mask is boolean": ("r = labels != 0", (100,), "bool"),
    "two-axis boolean mask": ("r = X[X[:, :, 0] > 0.5]", (None, 3), "float64"),
    "column_stack of vectors": ("r = np.column_stack([np.zeros(10), np.ones(10)])", (10, 2), "float64"),
    "column_stack of a matrix and a vector": ("r = np.column_stack((np.zeros((10, 2)), np.ones(10)))", (10, 3), "float64"),
    "hstack of matrices": ("r = np.hstack([np.zeros((10, 2)), np.ones((10, 3))])", (10, 5), "float64"),
    "hstack of vectors": ("r = np.hstack([np.zeros(4), np.ones(3)])", (7,), "float64"),
    "vstack of vectors": ("r = np.vstack([np.zeros(4), np.ones(4)])", (2, 4), "float64"),
    "dstack of matrices": ("r = np.dstack([np.zeros((10, 4)), np.ones((10, 4))])", (10, 4, 2), "float64"),
    "dstack of vectors": ("r = np.dstack([np.zeros(4), np.ones(4)])", (1, 4, 2), "float64"),
    "stack on the last axis": ("r = np.stack([X[:, :, 0], X[:, :, 1]], axis=-1)", (100, 8, 2), "float64"),
    "stack on axis 1": ("r = np.stack([X, X], axis=1)", (100, 2, 8, 3), "float64"),
    "concatenate on axis 2": ("r = np.concatenate([X, X[:, :, :1]], axis=2)", (100, 8, 4), "float64"),
    "tile": ("r = np.tile(np.zeros((2, 3)), (2, 1, 2))", (2, 2, 6), "float64"),
    "tile with one repetition count": ("r = np.tile(np.zeros((2, 3)), 2)", (2, 6), "float64"),
    "repeat on an axis": ("r = np.repeat(np.zeros((2, 3)), 3, axis=1)", (2, 9), "float64"),
    "repeat flattens without an axis": ("r = np.repeat(np.zeros((2, 3)), 2)", (12,), "float64"),
    "repeat method": ("r = X.repeat(2, axis=0)", (200, 8, 3), "float64"),
    "argmax on the last axis": ("r = np.argmax(X, axis=-1)", (100, 8), "int64"),
    "argmax method": ("r = X.argmax(axis=1)", (100, 3), "int64"),
    "argmax of one-hot rows": ("r = np.argmax(np.eye(5)[labels], axis=1)", (100,), "int64"),
    "rows of an array in a loop": (
        "rows = []\nfor row in X:\n    rows.append(row[:, 0])\nr = np.array(rows)",
        (None, 8),
        "float64",
    ),
    "a row as a one-sample batch": ("r = np.array([X[0]])", (1, 8, 3), "float64"),
    "a loop row as a one-sample batch": ("for row in X:\n    r = np.array([row])", (1, 8, 3), "float64"),
    "expand_dims on axis 1": ("r = np.expand_dims(X, axis=1)", (100, 1, 8, 3), "float64"),
    "expand_dims on the last axis": ("r = np.expand_dims(X[:, :, 0], -1)", (100, 8, 1), "float64"),
    "expand_dims a row to a batch": ("r = np.expand_dims(X[0], 0)", (1, 8, 3), "float64"),
    "squeeze": ("r = np.squeeze(X[:, :1, :])", (100, 3), "float64"),
    "asarray with dtype": ("r = np.asarray(X, dtype='float32')", (100, 8, 3), "float32"),
    "asarray with positional dtype": ("r = np.asarray(X, np.float32)", (100, 8, 3), "float32"),
    "transpose attribute": ("r = X[:, :, 0].T", (8, 100), "float64"),
    "astype": ("r = labels.astype('float32')", (100,), "float32"),
}
