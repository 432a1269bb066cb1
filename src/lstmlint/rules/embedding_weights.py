from __future__ import annotations

from typing import Iterable

from ..infer.facts import Construction, LayerCall
from ..infer.shapes import UNKNOWN, Shape, Sym, dims_differ, is_known
from ..infer.values import Array
from .base import ERROR, CheckContext, Invalid, Report, Rule, Valid


class EmbeddingWeightsShape(Rule):
    """
    ## What it does
    Finds `Embedding(input_dim, output_dim, weights=[matrix])` whose matrix
    is not `(input_dim, output_dim)`: a pre-trained embedding matrix built
    for another vocabulary size (`len(word_index) + 1` rows for
    `Embedding(len(word_index), ...)`), or transposed.

    ## Why is this bad?
    Keras raises `ValueError: Layer embedding weight shape (100, 8) is not
    compatible with provided weight shape (50, 8)`: Keras 3 when the layer is
    created, Keras 2 when it is built (applied to an input, or the model is
    given data).

    ## Use instead
    Size the layer from the matrix: `Embedding(matrix.shape[0],
    matrix.shape[1], weights=[matrix])`.
    """

    code = "LS405"
    name = "embedding-weights-shape"
    summary = "Embedding weights=[matrix] not shaped (input_dim, output_dim)"
    severity = ERROR
    facts = (Construction, LayerCall)

    VALID = [
        Valid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

matrix = np.random.rand(100, 8)
model = keras.Sequential([layers.Embedding(matrix.shape[0], matrix.shape[1], weights=[matrix], trainable=False), layers.LSTM(4), layers.Dense(1)])
"""),
    ]
    INVALID = [
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

words = ["the", "cat", "sat"]
matrix = np.zeros((len(words) + 1, 8))
model = keras.Sequential([keras.Input(shape=(5,)), layers.Embedding(len(words), 8, weights=[matrix]), layers.LSTM(4), layers.Dense(1)])
""", message_contains="(4, 8)"),
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

matrix = np.random.rand(8, 100)
inputs = keras.Input(shape=(5,))
outputs = layers.Dense(1)(layers.LSTM(4)(layers.Embedding(100, 8, weights=[matrix])(inputs)))
"""),
    ]

    def check(self, fact: object, ctx: CheckContext) -> Iterable[Report]:
        # Keras 3 sets the weights when the layer is created; Keras 2 when it is built (first applied).
        if isinstance(fact, Construction) and ctx.keras_version == 3 and fact.name == "Embedding" and not fact.args.has_star:
            values, nodes = fact.args.bind(("input_dim", "output_dim"))
            yield from self._compare(values, nodes, fact.args.node, ctx)
        elif isinstance(fact, LayerCall) and ctx.keras_version == 2 and fact.layer.name == "Embedding":
            yield from self._compare(fact.layer.args, fact.layer.arg_nodes, fact.layer.node, ctx)

    def _compare(self, values: dict, nodes: dict, layer_node, ctx: CheckContext) -> Iterable[Report]:
        weights = values.get("weights")
        if not isinstance(weights, list) or len(weights) != 1 or not isinstance(weights[0], Array) or "weights" not in nodes:
            return
        matrix = weights[0].shape
        expected = Shape((values.get("input_dim", UNKNOWN), values.get("output_dim", UNKNOWN)))
        if matrix.rank != 2 or not all(is_known(d) or isinstance(d, Sym) for d in expected.dims):  # type: ignore[union-attr]
            return
        if not any(dims_differ(a, b) for a, b in zip(matrix.dims, expected.dims)):  # type: ignore[arg-type]
            return
        related = [(weights[0].origin, f"matrix of shape {matrix} made here")] if weights[0].origin is not None else []
        yield Report(
            node=nodes["weights"],
            message=f"`weights=` gives a matrix of shape {matrix} but `{ctx.code(layer_node)}` needs {expected}",
            fix="size the layer from the matrix: `Embedding(matrix.shape[0], matrix.shape[1], weights=[matrix])`",
            expected=expected,
            actual=matrix,
            related=related,
        )
