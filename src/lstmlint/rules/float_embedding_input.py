from __future__ import annotations

from typing import Iterable

from ..infer.arrays import is_float
from ..infer.facts import DataCall
from ..infer.values import Array
from .base import WARNING, CheckContext, Invalid, Report, Rule, Valid


class FloatEmbeddingInput(Rule):
    """
    ## What it does
    Finds floating-point data fed straight into an `Embedding` layer.

    ## Why is this bad?
    `Embedding` looks rows up by integer index. Keras casts float input to
    integers without a word: `0.7` becomes row `0`, so scaled or normalised
    data silently maps almost everything to the same few embeddings.

    ## Use instead
    Feed integer token ids (`X.astype("int32")` of real ids), or, for
    continuous features, skip the `Embedding` and feed the values to the
    recurrent layer as `(samples, timesteps, features)`.
    """

    code = "LS402"
    name = "float-embedding-input"
    summary = "Float data fed to an Embedding layer (silently truncated)"
    severity = WARNING
    facts = (DataCall,)

    VALID = [
        Valid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

X = np.random.randint(0, 100, (10, 5))
model = keras.Sequential([layers.Embedding(100, 8), layers.LSTM(4), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X, np.random.rand(10, 1), epochs=1, verbose=0)
"""),
    ]
    INVALID = [
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

X = np.random.rand(10, 5)
model = keras.Sequential([layers.Embedding(100, 8), layers.LSTM(4), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X, np.random.rand(10, 1), epochs=1, verbose=0)
"""),
    ]

    def check(self, call: DataCall, ctx: CheckContext) -> Iterable[Report]:
        x = call.x
        if not call.model.certain or not isinstance(x, Array) or not is_float(x.dtype):
            return
        embedding = next((layer for layer in call.input_layers if layer.name == "Embedding"), None)
        if embedding is None:
            return
        yield Report(
            node=call.x_node or call.node,
            message=f"{x.dtype} data goes straight into `{ctx.code(embedding.node)}`, which truncates it to integer ids",
            fix="feed integer token ids, or drop the Embedding for continuous features",
            related=[(embedding.node, "Embedding layer"), *([(x.origin, "data made here")] if x.origin is not None else [])],
        )
