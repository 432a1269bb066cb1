from __future__ import annotations

from typing import Iterable, List, Optional, Tuple

import libcst as cst

from ..infer.facts import RaggedArray
from ..infer.shapes import UnevenWindows, dim_difference, index_bounds, is_known
from .base import ERROR, CheckContext, Invalid, Report, Rule, Valid

_WINDOWS = """
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

series = np.random.rand(50)
w = 5
X, y = [], []
for i in range({bound}):
{body}X = np.array(X)[..., None]
y = np.array(y)
model = keras.Sequential([keras.Input(shape=(w, 1)), layers.LSTM(4), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X, y, epochs=1, verbose=0)
"""
_APPEND = "    X.append(series[i:i + w])\n    y.append(series[i])\n"


class InhomogeneousArray(Rule):
    """
    ## What it does
    Finds `np.array(rows)` (or `np.asarray`) of rows that surely differ in
    length: above all sliding windows `seq[i:i + w]` taken by a loop whose
    range runs to the end of the data (`for i in range(len(seq))`, where the
    last `w - 1` windows are shorter), or `seq[i - w:i]` from `i = 0`
    (the first windows are empty); and nested literal lists of different
    lengths.

    ## Why is this bad?
    NumPy 1.24 and later raises `ValueError: setting an array element with a
    sequence. The requested array has an inhomogeneous shape after 1
    dimensions`, before any model sees the data (older NumPy made an object
    array, which Keras then cannot convert; so does `dtype=object`, see
    LS401).

    It is reported only where the loop's range and the slice prove it; a
    window loop guarded by an `if`, or with `break`/`continue`, is not.

    ## Use instead
    End the loop where the last window is whole, `range(len(seq) - w + 1)`
    (`range(len(seq) - w)` when the target is the next value), or start
    `seq[i - w:i]` windows at `i = w`; pad rows of other lengths with
    `keras.utils.pad_sequences`.
    """

    code = "LS406"
    name = "ragged-array"
    summary = "np.array of rows of different lengths (windows past the end of the data)"
    severity = ERROR
    facts = (RaggedArray,)

    VALID = [
        Valid(_WINDOWS.format(bound="len(series) - w + 1", body=_APPEND)),
        Valid(_WINDOWS.format(bound="len(series)", body="    if i + w <= len(series):\n    " + _APPEND.replace("\n    ", "\n        "))),
    ]
    INVALID = [
        Invalid(_WINDOWS.format(bound="len(series)", body=_APPEND), message_contains="range(len(series) - 4)"),
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

data = np.random.rand(40, 3)
steps = 4
X = np.array([data[t - steps:t] for t in range(len(data))])
model = keras.Sequential([keras.Input(shape=(steps, 3)), layers.LSTM(4), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X, np.random.rand(40, 1), epochs=1, verbose=0)
""", message_contains="range(4, len(data))"),
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

X = np.array([[3, 1, 4], [1, 5], [9, 2, 6]])
model = keras.Sequential([layers.Embedding(10, 4), layers.LSTM(4), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X, np.random.rand(3, 1), epochs=1, verbose=0)
"""),
    ]

    def check(self, fact: RaggedArray, ctx: CheckContext) -> Iterable[Report]:
        call = ctx.code(fact.node)
        windows = fact.windows
        if windows is None:
            yield Report(
                node=fact.node,
                message=f"`{call}` is given rows of different lengths: NumPy raises ValueError (an inhomogeneous shape)",
                fix="pad the rows to one length (`keras.utils.pad_sequences(rows, padding=\"post\")`)",
            )
            return
        what, fix = _windows_fix(windows, ctx)
        related: List[Tuple[cst.CSTNode, str]] = []
        if isinstance(windows.node, cst.CSTNode):
            related.append((windows.node, f"windows of {windows.size} sliced here"))
        bounds = index_bounds(windows.index)
        if bounds is not None and isinstance(bounds.node, cst.CSTNode):
            related.append((bounds.node, f"`{windows.index.name}` runs over this range"))
        yield Report(
            node=fact.node,
            message=f"`{call}` is given windows of different lengths ({what}): NumPy raises ValueError (an inhomogeneous shape)",
            fix=fix,
            related=related,
        )


def _windows_fix(windows: UnevenWindows, ctx: CheckContext) -> Tuple[str, str]:
    """What goes wrong, and the range that fixes it."""
    index, size = windows.index.name, windows.size
    window = f"`{ctx.code(windows.node)}`" if isinstance(windows.node, cst.CSTNode) else "the window"
    bounds = index_bounds(windows.index)
    assert bounds is not None
    args = _range_args(bounds.node)
    past = dim_difference(bounds.stop, windows.length) or 0
    if windows.ahead:
        cut = past + size - 1  # the stop that keeps the last window whole is length - size + 1
        what = f"{window} holds fewer than {size} values for the last {cut} values of `{index}`"
        return what, f"end the loop where the last window is whole: `{_range(args, ctx, stop_minus=cut)}`"
    parts = []
    if is_known(bounds.start) and bounds.start < size:  # type: ignore[operator]
        parts.append(f"{window} is empty for `{index}` < {size}")
    if past >= 2:
        parts.append(f"{window} is shorter for `{index}` past the end of the data")
    return "; ".join(parts), f"run `{index}` from {size} to the end of the data: `{_range(args, ctx, start=str(size), stop_minus=max(past - 1, 0))}`"


def _range_args(node: object) -> Optional[List[cst.Arg]]:
    return list(node.args) if isinstance(node, cst.Call) else None


def _range(args: Optional[List[cst.Arg]], ctx: CheckContext, start: Optional[str] = None, stop_minus: int = 0) -> str:
    if not args:
        return "range(...)"
    stop = ctx.code(args[0 if len(args) == 1 else 1].value)
    stop = f"{stop} - {stop_minus}" if stop_minus else stop
    first = start if start is not None else (ctx.code(args[0].value) if len(args) > 1 else None)
    return f"range({first}, {stop})" if first not in (None, "0") else f"range({stop})"
