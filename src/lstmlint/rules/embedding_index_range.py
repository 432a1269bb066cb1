from __future__ import annotations

from typing import Iterable

from ..infer.facts import DataCall
from ..infer.layer_table import int_arg
from ..infer.shapes import is_known
from ..infer.values import Array
from .base import ERROR, CheckContext, Invalid, Report, Rule, Valid


class EmbeddingIndexRange(Rule):
    """
    ## What it does
    Finds integer ids that can reach or exceed an `Embedding` layer's
    `input_dim` (its vocabulary size), e.g. `randint(0, 1000)` ids into
    `Embedding(100, ...)`.

    ## Why is this bad?
    The lookup goes out of range: on CPU Keras raises `InvalidArgumentError:
    indices[...] = 734 is not in [0, 100)` during `fit`.

    ## Use instead
    Set `input_dim` to the largest id + 1 (the vocabulary size plus reserved
    ids such as padding 0).
    """

    code = "LS403"
    name = "embedding-index-out-of-range"
    summary = "Embedding input ids can exceed input_dim"
    severity = ERROR
    facts = (DataCall,)

    VALID = [
        Valid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

X = np.random.randint(0, 1000, (10, 5))
model = keras.Sequential([layers.Embedding(1000, 8), layers.LSTM(4), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X, np.random.rand(10, 1), epochs=1, verbose=0)
"""),
    ]
    INVALID = [
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

X = np.random.randint(0, 1000, (10, 5))
model = keras.Sequential([layers.Embedding(100, 8), layers.LSTM(4), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X, np.random.rand(10, 1), epochs=1, verbose=0)
"""),
    ]

    def check(self, call: DataCall, ctx: CheckContext) -> Iterable[Report]:
        x = call.x
        if not call.model.certain or not isinstance(x, Array) or x.int_range is None:
            return
        low, high = x.int_range
        for layer in call.input_layers:
            vocab = int_arg(layer, "input_dim")
            if layer.name != "Embedding" or not is_known(vocab) or high is None or high < vocab:
                continue
            if x.random and not surely_drawn(x, low, high, vocab):
                continue
            yield Report(
                node=call.x_node or call.node,
                message=f"ids up to {high} go into `{ctx.code(layer.node)}`, whose vocabulary is ids 0..{vocab - 1}",
                fix=f"use `input_dim={high + 1}` (largest id + 1)",
                related=[(layer.node, f"input_dim={vocab}"), *([(x.origin, "ids made here")] if x.origin is not None else [])],
            )


def surely_drawn(x: Array, low: int, high: int, limit: int) -> bool:
    """Whether uniformly random ints in [low, high] almost surely include one >= limit."""
    count = x.shape.size()
    if not is_known(count) or low is None:
        return False
    below = max(limit - low, 0) / (high - low + 1)
    return below ** count < 1e-6  # type: ignore[operator]
