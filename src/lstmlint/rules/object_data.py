from __future__ import annotations

from typing import Iterable

from ..infer.facts import DataCall
from ..infer.values import Array
from .base import ERROR, CheckContext, Invalid, Report, Rule, Valid
from .model_data import call_name


_FRAME = """
import numpy as np
import pandas as pd
from tensorflow import keras
from tensorflow.keras import layers

df = pd.DataFrame({{"age": [23, 35, 47, 51], "city": ["a", "b", "a", "c"], "label": [0, 1, 1, 0]}})
X = {x}
model = keras.Sequential([layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(X, df["label"].values, epochs=1, verbose=0)
"""


class ObjectData(Rule):
    """
    ## What it does
    Finds data that Keras cannot turn into a tensor: NumPy arrays of dtype
    `object` or of strings, and ragged nested lists (rows of different lengths).
    That includes a DataFrame whose column dtypes are known (built from a
    literal dict or rows) turned into `.values` / `.to_numpy()` while it
    still holds a string column beside numbers, or bool columns beside
    numbers (`pd.get_dummies` makes bool columns since pandas 2): pandas
    finds no common type and gives an `object` array.

    ## Why is this bad?
    Keras raises `ValueError: Failed to convert a NumPy array to a Tensor
    (Unsupported object type ...)` or `Invalid dtype: object` (Keras 2 raises
    `UnimplementedError` for string arrays) at `fit`/`predict`. Keras 3
    rejects NumPy string arrays even for a model that starts with
    `TextVectorization` (pass a `tf.data.Dataset` or `tf.constant` of strings);
    Keras 2 accepts them there.

    ## Use instead
    Pad ragged sequences to one length (`keras.utils.pad_sequences`), encode
    strings as numbers (`pd.get_dummies(df, columns=[...], dtype=float)`, or
    drop them), and convert with `np.asarray(X, dtype="float32")`.
    """

    code = "LS401"
    name = "non-numeric-data"
    summary = "Object, string or ragged data passed to a model"
    severity = ERROR
    facts = (DataCall,)

    VALID = [
        Valid(_FRAME.format(x='df.drop(columns=["label", "city"]).values')),
        Valid(_FRAME.format(x='pd.get_dummies(df.drop(columns=["label"]), dtype=float).values')),
        Valid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

texts = np.array(["a good film", "a bad film", "great", "awful plot"])
vectorize = layers.TextVectorization(max_tokens=20, output_sequence_length=4)
vectorize.adapt(texts)
model = keras.Sequential([keras.Input(shape=(1,), dtype="string"), vectorize, layers.Embedding(20, 4), layers.LSTM(4), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(texts, np.random.rand(4, 1), epochs=1, verbose=0)
""", versions=(2,)),
        Valid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

X = keras.utils.pad_sequences([[1, 2, 3], [4, 5]], maxlen=3)
model = keras.Sequential([layers.Embedding(10, 4), layers.LSTM(4), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X, np.random.rand(2, 1), epochs=1, verbose=0)
"""),
    ]
    INVALID = [
        Invalid(_FRAME.format(x='df.drop(columns=["label"]).values'), message_contains="`city`"),
        Invalid(_FRAME.format(x='pd.get_dummies(df.drop(columns=["label"])).values')),
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

texts = np.array(["a good film", "a bad film", "great", "awful plot"])
vectorize = layers.TextVectorization(max_tokens=20, output_sequence_length=4)
vectorize.adapt(texts)
model = keras.Sequential([keras.Input(shape=(1,), dtype="string"), vectorize, layers.Embedding(20, 4), layers.LSTM(4), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(texts, np.random.rand(4, 1), epochs=1, verbose=0)
""", versions=(3,)),
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

X = np.array([[1, 2, 3], [4, 5]], dtype=object)
model = keras.Sequential([layers.Embedding(10, 4), layers.LSTM(4), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X, np.random.rand(2, 1), epochs=1, verbose=0)
"""),
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

X = np.array([["a", "b"], ["c", "d"]])
model = keras.Sequential([layers.Dense(1, input_shape=(2,))])
model.compile(optimizer="adam", loss="mse")
model.fit(X, np.random.rand(2, 1), epochs=1, verbose=0)
"""),
    ]

    def check(self, call: DataCall, ctx: CheckContext) -> Iterable[Report]:
        for label, value, node in (("x", call.x, call.x_node), ("y", call.y, call.y_node)):
            if not isinstance(value, Array):
                continue
            if value.ragged:
                problem = "a ragged list (rows of different lengths)"
            elif value.dtype == "str" and label == "x" and ctx.keras_version == 2 and any(layer.entry.family == "strings" for layer in call.input_layers):
                continue  # Keras 2 feeds NumPy strings to a model that starts with a text layer
            elif value.dtype == "str" and call.method == "__call__":
                continue  # model(strings) converts them to a string tensor (an end-to-end text model)
            elif value.dtype in ("object", "str"):
                problem = f"an array of dtype {value.dtype}{_mixed_columns(value)}"
            else:
                continue
            related = [(value.origin, "made here")] if value.origin is not None and value.origin is not node else []
            fix = "pad sequences to one length and convert to numbers, e.g. `np.asarray(X, dtype=\"float32\")`"
            strings = [name for name, dtype in value.columns or () if dtype == "str"]
            if strings:
                fix = f"encode the string columns as numbers (`pd.get_dummies(df, columns={strings!r}, dtype=float)`) or drop them"
            elif value.columns is not None or value.kind == "frame":
                fix = "convert the columns to numbers first: `df.astype(\"float32\")` (or `pd.get_dummies(..., dtype=float)`)"
            yield Report(
                node=node or call.node,
                message=f"{call_name(call)} is given {problem} as {label}; Keras cannot convert it to a tensor",
                fix=fix,
                related=related,
            )


def _mixed_columns(value: Array) -> str:
    """Why a DataFrame's values are objects, when its columns are known."""
    if not value.columns:
        return ""
    strings = [f"`{name}`" for name, dtype in value.columns if dtype == "str"]
    if strings:
        return f" (the DataFrame's column{'s' if len(strings) > 1 else ''} {', '.join(strings)} hold{'' if len(strings) > 1 else 's'} strings beside numbers)"
    bools = [f"`{name}`" for name, dtype in value.columns if dtype == "bool"]
    if bools:
        return f" (the DataFrame's bool column{'s' if len(bools) > 1 else ''} {', '.join(bools)} beside numbers: pandas finds no common type)"
    return ""
