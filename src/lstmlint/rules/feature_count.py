from __future__ import annotations

from typing import Iterable

from ..infer.facts import DataCall
from ..infer.shapes import dims_differ
from .base import ERROR, CheckContext, Invalid, Report, Rule, Valid
from .model_data import adjusted_rank, data_and_input, data_noun, declaration, keras_checks_input, origins, plural


class FeatureCount(Rule):
    """
    ## What it does
    Finds data whose feature count (its last axis) differs from the model's
    declared input (`input_shape`, `input_dim`, `Input(shape=...)`).

    ## Why is this bad?
    The first layer's weights are sized for the declared feature count, so
    Keras raises a `ValueError` at `fit`/`predict` (in Keras 3 Sequential
    models it surfaces deep inside the layer, e.g. in `LSTMCell`).
    LSTM `units` are unrelated: they may differ from the feature count.

    ## Use instead
    Declare the input from the data (`input_shape=X.shape[1:]`), or select the
    features the model was built for.
    """

    code = "LS203"
    name = "feature-count-mismatch"
    summary = "Data feature count differs from the declared model input"
    severity = ERROR
    facts = (DataCall,)

    VALID = [
        Valid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

X = np.random.rand(16, 5, 3)
model = keras.Sequential([layers.LSTM(64, input_shape=(5, 3)), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X, np.random.rand(16, 1), epochs=1, verbose=0)
"""),
    ]
    INVALID = [
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

X = np.random.rand(16, 5, 3)
model = keras.Sequential([layers.LSTM(64, input_shape=(5, 1)), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X, np.random.rand(16, 1), epochs=1, verbose=0)
""", message_contains="3 features"),
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(4,))
model = keras.Model(inputs, layers.Dense(1)(inputs))
model.compile(optimizer="adam", loss="mse")
model.fit(np.random.rand(16, 5), np.random.rand(16, 1), epochs=1, verbose=0)
"""),
    ]

    def check(self, call: DataCall, ctx: CheckContext) -> Iterable[Report]:
        pair = data_and_input(call)
        if pair is None:
            return
        x, inp = pair
        data = adjusted_rank(x.shape, inp.shape)
        if data is None or not dims_differ(data[-1], inp.shape[-1]):
            return
        raises, _ = keras_checks_input(call, data, ctx, keras2_checks_sequential=False)
        if not raises:
            return
        noun = "step" if any(layer.name == "Embedding" for layer in call.input_layers) else "feature"
        yield Report(
            node=call.x_node or call.node,
            message=(
                f"the {data_noun(call)} has {plural(data[-1], noun)} (shape {x.shape}) "
                f"where {declaration(inp, ctx)} declares {inp.shape[-1]}"
            ),
            fix=f"declare the input with {plural(data[-1], noun)} (e.g. `input_shape=X.shape[1:]`), or pass data with {inp.shape[-1]}",
            expected=inp.shape,
            actual=x.shape,
            related=origins(x, inp),
        )
