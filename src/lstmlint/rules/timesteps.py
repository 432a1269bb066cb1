from __future__ import annotations

from typing import Iterable

from ..diagnostics import Severity
from ..infer.facts import DataCall
from ..infer.shapes import dims_differ
from .base import ERROR, CheckContext, Invalid, Report, Rule, Valid
from .model_data import adjusted_rank, data_and_input, data_noun, declaration, keras_checks_input, origins


class Timesteps(Rule):
    """
    ## What it does
    Finds data whose timesteps (or any other middle axis) differ from the
    model's declared input shape.

    ## Why is this bad?
    Keras 2 checks the full input shape and raises a `ValueError`. Keras 3
    Functional models do the same. A Keras 3 Sequential model runs anyway
    unless a layer's weights depend on the length (e.g. `Flatten` then
    `Dense`: convolutions and recurrent layers take any length, the `Dense`
    after `Flatten` does not), so there it is a warning: the declared shape is wrong, and the
    same code fails under Keras 2 or as a Functional model.

    ## Use instead
    Declare the length the data has, or `None` for variable-length sequences:
    `input_shape=(None, n_features)`.
    """

    code = "LS204"
    name = "timesteps-mismatch"
    summary = "Data timesteps differ from the declared model input"
    severity = ERROR
    severity_note = "error (Keras 3 Sequential: warning)"
    facts = (DataCall,)

    VALID = [
        Valid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

X = np.random.rand(16, 7, 3)
model = keras.Sequential([layers.LSTM(8, input_shape=(None, 3)), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X, np.random.rand(16, 1), epochs=1, verbose=0)
"""),
    ]
    INVALID = [
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

X = np.random.rand(16, 7, 3)
inputs = keras.Input(shape=(5, 3))
model = keras.Model(inputs, layers.Dense(1)(layers.LSTM(8)(inputs)))
model.compile(optimizer="adam", loss="mse")
model.fit(X, np.random.rand(16, 1), epochs=1, verbose=0)
"""),
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

X = np.random.rand(16, 7, 3)
model = keras.Sequential([layers.LSTM(8, input_shape=(5, 3)), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X, np.random.rand(16, 1), epochs=1, verbose=0)
""", versions=(2,)),
    ]

    def check(self, call: DataCall, ctx: CheckContext) -> Iterable[Report]:
        pair = data_and_input(call)
        if pair is None:
            return
        x, inp = pair
        data = adjusted_rank(x.shape, inp.shape)
        if data is None or data.rank is None or data.rank < 3:
            return
        axes = [i for i in range(1, data.rank - 1) if dims_differ(data[i], inp.shape[i])]
        if not axes:
            return
        raises, layer = keras_checks_input(call, data, ctx, keras2_checks_sequential=True)
        if not raises and inp.from_data:
            return  # nothing declared a length: only a real conflict matters
        axis = axes[0]
        what = "timesteps" if data.rank == 3 else f"on axis {axis}"
        message = (
            f"the {data_noun(call)} has {data[axis]} {what} (shape {x.shape}) "
            f"where {declaration(inp, ctx)} declares {inp.shape[axis]}"
        )
        related = origins(x, inp)
        if layer is not None:
            related.append((layer.node, f"`{layer.name}` weights were sized from the declared shape{_after(call, layer)}: this layer raises on the new size"))
        if not raises:
            message += " (Keras 3 runs this Sequential model anyway, but the declared shape is wrong)"
        if data.rank == 3:
            fix = "declare the length the data has, or `None` for variable-length sequences"
        else:
            fix = "resize the data to the declared size, or declare the size the data has"
        yield Report(
            node=call.x_node or call.node,
            message=message,
            fix=fix,
            expected=inp.shape,
            actual=x.shape,
            related=related,
            severity=None if raises else Severity.WARNING,
        )


def _after(call: DataCall, layer) -> str:
    """`` (after `Flatten`)`` when the layer before it folds the spatial axes into its size."""
    layers = [built_layer for built_layer, _ in call.model.built_shapes]
    index = next((i for i, other in enumerate(layers) if other is layer), 0)
    return f" (after `{layers[index - 1].name}`)" if index and layers[index - 1].name in ("Flatten", "Reshape") else ""

