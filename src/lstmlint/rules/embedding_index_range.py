from __future__ import annotations

from typing import Any, Iterable, List, Tuple

import libcst as cst

from ..diagnostics import Severity
from ..infer.facts import DataCall
from ..infer.shapes import Sym, dim_arith, dim_difference, dim_str, is_known
from ..infer.values import Array, Layer
from .base import ERROR, CheckContext, Invalid, Report, Rule, Valid

_TOKENIZED = """
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers
from tensorflow.keras.preprocessing.sequence import pad_sequences
from tensorflow.keras.preprocessing.text import Tokenizer

reviews = ["The cat sat", "The dog ran fast", "A bird flew", "The cat ran"]
texts = [review.lower() for review in reviews]
tok = Tokenizer()
tok.fit_on_texts(texts)
"""


class EmbeddingIndexRange(Rule):
    """
    ## What it does
    Finds integer ids that can reach or exceed an `Embedding` layer's
    `input_dim` (its vocabulary size), e.g. `randint(0, 1000)` ids into
    `Embedding(100, ...)`, or the word ids of a Keras `Tokenizer` into
    `Embedding(len(tokenizer.word_index), ...)`: `word_index` numbers the
    words from 1 (0 is left for padding), so its largest id is
    `len(word_index)`, one past the last row.

    ## Why is this bad?
    The lookup goes out of range: on CPU Keras raises `InvalidArgumentError:
    indices[...] = 734 is not in [0, 100)` during `fit` or `predict`.

    It is an error where the largest id surely occurs: the sequences of the
    very texts the tokenizer was fitted on, padded without `maxlen` (or
    literal texts, whose ids lstmlint computes as Keras does). Where it may
    not occur (other texts, sequences cut to `maxlen`, a slice of the
    rows) it is a warning: any batch that holds it raises.

    ## Use instead
    Set `input_dim` to the largest id + 1 (the vocabulary size plus reserved
    ids such as padding 0): `input_dim=len(tokenizer.word_index) + 1`, or
    `input_dim=num_words` for a `Tokenizer(num_words=...)`.
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
        Valid(_TOKENIZED + """
X = pad_sequences(tok.texts_to_sequences(texts))
model = keras.Sequential([layers.Embedding(input_dim=len(tok.word_index) + 1, output_dim=8), layers.LSTM(4), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X, np.zeros((4, 1)), epochs=1, verbose=0)
"""),
        Valid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers
from tensorflow.keras.preprocessing.sequence import pad_sequences
from tensorflow.keras.preprocessing.text import Tokenizer

docs = ["the cat sat", "the dog ran fast", "a bird flew"]
token = Tokenizer(num_words=5)
token.fit_on_texts(docs)
X = pad_sequences(token.texts_to_sequences(docs), maxlen=4)
model = keras.Sequential([layers.Embedding(5, 8), layers.LSTM(4), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X, np.zeros((3, 1)), epochs=1, verbose=0)
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
        Invalid(_TOKENIZED + """
X = pad_sequences(tok.texts_to_sequences(texts))
model = keras.Sequential([layers.Embedding(input_dim=len(tok.word_index), output_dim=8), layers.LSTM(4), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X, np.zeros((4, 1)), epochs=1, verbose=0)
""", message_contains="len(tok.word_index) + 1"),
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers
from tensorflow.keras.preprocessing.sequence import pad_sequences
from tensorflow.keras.preprocessing.text import Tokenizer

docs = ["the cat sat", "the dog ran fast", "a bird flew"]
token = Tokenizer()
token.fit_on_texts(docs)
vocab_size = len(token.word_index)
X = pad_sequences(token.texts_to_sequences(docs), maxlen=3)
inputs = keras.Input(shape=(3,))
hidden = layers.Embedding(vocab_size, 8)(inputs)
model = keras.Model(inputs, layers.Dense(1)(layers.GlobalAveragePooling1D()(hidden)))
model.predict(X, verbose=0)
""", message_contains="ids up to 9"),
    ]

    def check(self, call: DataCall, ctx: CheckContext) -> Iterable[Report]:
        x = call.x
        if not call.model.certain or not isinstance(x, Array) or x.int_range is None:
            return
        low, high = x.int_range
        if high is None:
            return
        for layer in call.input_layers:
            vocab = _vocabulary(layer)
            beyond = dim_difference(high, vocab) if layer.name == "Embedding" else None
            if beyond is None or beyond < 0:
                continue
            if x.random and not surely_drawn(x, low, high, vocab):
                continue
            bounded = x.int_bound and not x.random
            ids = f"ids up to {dim_str(high)}"
            if x.ids is not None:
                ids = f"word ids up to {dim_str(high)} (`{x.ids.name}.word_index` numbers words from 1)"
            message = f"{ids} {'can go' if bounded else 'go'} into `{ctx.code(layer.node)}`, whose vocabulary is ids 0..{dim_str(dim_arith('-', vocab, 1))}"
            if bounded:
                message += f": any batch holding id {dim_str(high)} raises"
            yield Report(
                node=call.x_node or call.node,
                message=message,
                fix=_fix(x, high),
                related=_related(x, layer, vocab),
                severity=Severity.WARNING if bounded else None,
            )


def _vocabulary(layer: Layer) -> Any:
    """``input_dim``: a number, or a symbol such as ``len(word_index)``."""
    value = layer.arg("input_dim")
    if isinstance(value, (tuple, list)) and len(value) == 1:
        value = value[0]
    return value if is_known(value) or isinstance(value, Sym) else None


def _fix(x: Array, high: Any) -> str:
    if x.ids is not None and x.ids.num_words is not None:
        return f"use `input_dim={x.ids.num_words}` (the tokenizer's `num_words`: its ids stay below it)"
    if x.ids is not None:
        return f"use `input_dim=len({x.ids.name}.word_index) + 1` (ids 1..len(word_index), and 0 for padding)"
    return f"use `input_dim={dim_str(dim_arith('+', high, 1))}` (largest id + 1)"


def _related(x: Array, layer: Layer, vocab: Any) -> List[Tuple[cst.CSTNode, str]]:
    related: List[Tuple[cst.CSTNode, str]] = [(layer.node, f"input_dim={dim_str(vocab)}")]
    if x.origin is not None:
        related.append((x.origin, "ids made here"))
    if x.ids is not None and x.ids.fitted is not None:
        related.append((x.ids.fitted, f"`{x.ids.name}.word_index` made here: ids 1..len({x.ids.name}.word_index)"))
    return related


def surely_drawn(x: Array, low: int, high: int, limit: int) -> bool:
    """Whether uniformly random ints in [low, high] almost surely include one >= limit."""
    count = x.shape.size()
    if not all(is_known(v) for v in (count, low, high, limit)):
        return False
    below = max(limit - low, 0) / (high - low + 1)
    return below ** count < 1e-6  # type: ignore[operator]
