from __future__ import annotations

from typing import Iterable, List, Optional

from ..infer.facts import DataCall
from ..infer.values import Array, Tensor
from .base import ERROR, CheckContext, Invalid, Report, Rule, Valid
from .model_data import TARGET_METHODS, call_name, cardinality_fails


class TargetStructure(Rule):
    """
    ## What it does
    Finds targets that do not match the outputs of a model with several
    outputs: one array for a two-output model (Keras 3), a list with another
    number of arrays than the model has outputs, or a dict of targets (or of
    losses) whose keys are not the names of the output layers.

    ## Why is this bad?
    Keras 3 matches targets to outputs by structure and raises (`KeyError:
    The path: (0,) in the loss argument can't be found ...` for a single
    array, `ValueError: y_true and y_pred have different structures` for a
    list of the wrong length). Keras 2 reuses a single array for every
    output, but it too rejects a list of the wrong length and a dict key
    that names no output (`Found unexpected losses or metrics that do not
    correspond to any Model output`).

    ## Use instead
    Pass one target array per output, as a list in the order of `outputs=`
    or as a dict keyed by the output layers' `name=`.
    """

    code = "LS306"
    name = "target-structure-mismatch"
    summary = "Targets do not match a multi-output model's outputs"
    severity = ERROR
    facts = (DataCall,)

    VALID = [
        Valid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(5, 1))
hidden = layers.LSTM(8)(inputs)
model = keras.Model(inputs, [layers.Dense(1, name="price")(hidden), layers.Dense(1, name="volume")(hidden)])
model.compile(optimizer="adam", loss={"price": "mse", "volume": "mae"})
y = np.random.rand(10, 1)
model.fit(np.random.rand(10, 5, 1), [y, y], epochs=1, verbose=0)
model.fit(np.random.rand(10, 5, 1), {"price": y, "volume": y}, epochs=1, verbose=0)
"""),
        Valid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(5, 1))
hidden = layers.LSTM(8)(inputs)
model = keras.Model(inputs, [layers.Dense(1)(hidden), layers.Dense(1)(hidden)])
model.compile(optimizer="adam", loss="mse")
model.fit(np.random.rand(10, 5, 1), np.random.rand(10, 1), epochs=1, verbose=0)
""", versions=(2,)),
    ]
    INVALID = [
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(5, 1))
hidden = layers.LSTM(8)(inputs)
model = keras.Model(inputs, [layers.Dense(1)(hidden), layers.Dense(1)(hidden)])
model.compile(optimizer="adam", loss="mse")
y = np.random.rand(10, 1)
model.fit(np.random.rand(10, 5, 1), [y, y], validation_data=(np.random.rand(4, 5, 1), y[:4]), epochs=1, verbose=0)
""", versions=(3,), message_contains="validation_data"),
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(5, 1))
hidden = layers.LSTM(8)(inputs)
model = keras.Model(inputs, [layers.Dense(1)(hidden), layers.Dense(1)(hidden)])
model.compile(optimizer="adam", loss="mse")
model.evaluate(np.random.rand(10, 5, 1), np.random.rand(10, 1), verbose=0)
""", versions=(3,), message_contains="2 outputs"),
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(5, 1))
hidden = layers.LSTM(8)(inputs)
model = keras.Model(inputs, [layers.Dense(1, name="price")(hidden), layers.Dense(1, name="volume")(hidden)])
model.compile(optimizer="adam", loss="mse")
y = np.random.rand(10, 1)
model.fit(np.random.rand(10, 5, 1), {"price": y, "volumes": y}, epochs=1, verbose=0)
""", message_contains="volumes"),
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(5, 1))
hidden = layers.LSTM(8)(inputs)
model = keras.Model(inputs, [layers.Dense(1)(hidden), layers.Dense(1)(hidden), layers.Dense(1)(hidden)])
model.compile(optimizer="adam", loss="mse")
y = np.random.rand(10, 1)
model.fit(np.random.rand(10, 5, 1), [y, y], epochs=1, verbose=0)
""", message_contains="3 outputs"),
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(5, 1))
hidden = layers.LSTM(8)(inputs)
model = keras.Model(inputs, [layers.Dense(1, name="price")(hidden), layers.Dense(3, activation="softmax", name="trend")(hidden)])
model.compile(optimizer="adam", loss={"price": "mse", "direction": "categorical_crossentropy"})
model.fit(np.random.rand(10, 5, 1), [np.random.rand(10, 1), np.eye(3)[np.random.randint(0, 3, 10)]], epochs=1, verbose=0)
""", message_contains="'direction'"),
    ]

    def check(self, call: DataCall, ctx: CheckContext) -> Iterable[Report]:
        model, targets = call.model, call.targets
        outputs = model.outputs
        if call.method not in TARGET_METHODS or not model.certain or model.kind != "functional" or len(outputs) < 2:
            return
        related = [(t.producer.node, f"output {i + 1} {t.shape} comes from this layer") for i, t in enumerate(outputs) if t.producer is not None]
        node = call.y_node or call.node
        if cardinality_fails(call):
            return  # Keras first rejects the sample counts (LS205)
        if isinstance(targets, (list, tuple)) and len(targets) != len(outputs):
            yield Report(
                node=node,
                message=f"the model has {len(outputs)} outputs but {call_name(call)} is given {len(targets)} target arrays",
                fix=f"pass {len(outputs)} target arrays, one per output, in the order of `outputs=`",
                related=related,
            )
        elif isinstance(targets, Array) and targets.kind != "list" and ctx.keras_version == 3:
            # (a plain Python list of lists is no array: Keras 3 rejects its data type first)
            yield Report(
                node=node,
                message=f"the model has {len(outputs)} outputs but {call_name(call)} is given one target array {targets.shape}",
                fix=f"pass a list of {len(outputs)} target arrays, one per output (e.g. `[y, y]` to train both on the same targets)",
                related=related,
            )
        elif isinstance(targets, dict):
            yield from _unknown_keys(targets, "target", outputs, node, related)
        if isinstance(model.loss_arg, dict) and model.loss_node is not None:
            yield from _unknown_keys(model.loss_arg, "loss", outputs, model.loss_node, [(call.node, f"Keras raises when `{call.method}` starts")])


def _unknown_keys(keyed: dict, what: str, outputs: List[Tensor], node, related) -> Iterable[Report]:
    names = _output_names(outputs)
    unknown = [key for key in keyed if names is not None and key not in names]
    if unknown and names is not None:
        yield Report(
            node=node,
            message=f"{what} key {unknown[0]!r} names no output of the model (its outputs are {', '.join(repr(n) for n in names)})",
            fix=f"key the {what}s by the `name=` of the output layers",
            related=related,
        )


def _output_names(outputs: List[Tensor]) -> Optional[List[str]]:
    """The output layers' literal ``name=`` values, or None when any is not known."""
    names = []
    for tensor in outputs:
        name = tensor.producer.arg("name", None) if tensor.producer is not None else None
        if not isinstance(name, str):
            return None
        names.append(name)
    return names
