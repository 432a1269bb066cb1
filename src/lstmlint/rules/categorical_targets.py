from __future__ import annotations

from typing import Iterable

from ..infer.facts import DataCall
from ..infer.shapes import dims_differ, is_known
from .base import ERROR, CheckContext, Invalid, Report, Rule, Valid
from .model_data import aligned_targets, target_origins, targets_and_output


class CategoricalTargets(Rule):
    """
    ## What it does
    Finds `categorical_crossentropy` or `binary_crossentropy` whose targets
    and model output differ in shape: one-hot `(n, 3)` targets for a
    `Dense(1)` output, integer labels `(n,)` for a `Dense(3)` softmax, ...
    (after Keras drops a trailing axis of size 1, as in `(n,)` labels for a
    `Dense(1)` sigmoid, which is fine).

    ## Why is this bad?
    Cross-entropy compares the two tensors class by class, without
    broadcasting; Keras raises `ValueError: Arguments target and output must
    have the same shape` (or `... the same rank`).

    ## Use instead
    End the model with `Dense(n_classes, activation="softmax")` for one-hot
    targets; for integer labels use `sparse_categorical_crossentropy`.
    """

    code = "LS301"
    name = "crossentropy-target-shape"
    summary = "Cross-entropy targets and model output differ in shape"
    severity = ERROR
    facts = (DataCall,)

    VALID = [
        Valid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

y = np.random.randint(0, 2, (10,))
model = keras.Sequential([layers.LSTM(8, input_shape=(5, 1)), layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(np.random.rand(10, 5, 1), y, epochs=1, verbose=0)
"""),
        Valid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

y = keras.utils.to_categorical(np.random.randint(0, 3, (10,)), num_classes=3)
model = keras.Sequential([layers.LSTM(8, input_shape=(5, 1)), layers.Dense(3, activation="softmax")])
model.compile(optimizer="adam", loss="categorical_crossentropy")
model.fit(np.random.rand(10, 5, 1), y, epochs=1, verbose=0)
"""),
    ]
    INVALID = [
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

y = np.random.randint(0, 3, (10,))
model = keras.Sequential([layers.LSTM(8, input_shape=(5, 1)), layers.Dense(3, activation="softmax")])
model.compile(optimizer="adam", loss="categorical_crossentropy")
model.fit(np.random.rand(10, 5, 1), y, epochs=1, verbose=0)
"""),
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

y = np.random.randint(0, 2, (10, 3))
model = keras.Sequential([layers.LSTM(8, input_shape=(5, 1)), layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(np.random.rand(10, 5, 1), y, epochs=1, verbose=0)
"""),
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

y = keras.utils.to_categorical(np.random.randint(0, 3, (10,)), num_classes=3)
model = keras.Sequential([layers.LSTM(8, input_shape=(5, 1)), layers.Dense(1)])
model.compile(optimizer="adam", loss="categorical_crossentropy")
model.fit(np.random.rand(10, 5, 1), y, epochs=1, verbose=0)
"""),
    ]

    def check(self, call: DataCall, ctx: CheckContext) -> Iterable[Report]:
        found = targets_and_output(call)
        if found is None:
            return
        y, out, loss = found
        aligned = aligned_targets(y.shape, out.shape) if loss in _CROSSENTROPY else None
        if aligned is None:
            return
        t, p = aligned
        extra_axis = out.shape.rank > y.shape.rank
        if extra_axis and ctx.keras_version == 2 and loss in _KERAS2_BROADCASTS_EXTRA_AXIS:
            return  # tf-keras squeezes the output's last axis of 1 and broadcasts: it runs
        one_hot_vs_single = y.one_hot and len(t) == len(p) and bool(p) and p[-1] == 1
        if len(t) == len(p) and not any(dims_differ(a, b) for a, b in zip(t, p)) and not one_hot_vs_single:
            return
        if extra_axis and out.shape.rank == 3:
            problem = f"the model output {out.shape} has a time axis the targets {y.shape} lack"
            fix = "drop `return_sequences=True` from the last recurrent layer (or pool/flatten before the output layer), or give one target per timestep"
        elif len(t) == len(p) and not extra_axis:
            classes = y.shape[-1] if is_known(y.shape[-1]) else "n_classes"
            problem = f"targets {y.shape} and the model output {out.shape} disagree on the number of classes"
            fix = f"end the model with `Dense({classes}, activation=...)` to match the targets"
        elif out.shape.rank == 2 and y.shape.rank == 1:
            problem = f"the targets {y.shape} are class labels but the model output {out.shape} is one column per class"
            fix = "use `sparse_categorical_crossentropy` for integer labels, or one-hot encode them with `keras.utils.to_categorical(y, n_classes)`"
        elif out.shape.rank > y.shape.rank:
            problem = f"the model output {out.shape} keeps {len(p) - len(t)} more axes than the targets {y.shape}"
            fix = "reduce the output to (None, classes) before the last `Dense`: add `Flatten()` or `GlobalAveragePooling2D()` after the convolutions (or `return_sequences=False` on the last recurrent layer)"
        else:
            problem = f"targets {y.shape} and the model output {out.shape} have different ranks"
            fix = "for integer class labels use `sparse_categorical_crossentropy`, or one-hot encode them with `keras.utils.to_categorical`"
        yield Report(
            node=call.y_node or call.node,
            message=f"`{loss}` needs targets shaped like the output: {problem}",
            fix=fix,
            expected=out.shape,
            actual=y.shape,
            related=target_origins(y, out, call),
        )


_CROSSENTROPY = ("categorical_crossentropy", "binary_crossentropy")
_KERAS2_BROADCASTS_EXTRA_AXIS = ("binary_crossentropy",)  # oracle: (N, T, 1) output vs (N, 1) targets runs on tf-keras
