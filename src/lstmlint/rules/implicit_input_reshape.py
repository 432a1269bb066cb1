from __future__ import annotations

from typing import Iterable

from ..infer.facts import DataCall
from .base import WARNING, CheckContext, Invalid, Report, Rule, Valid
from .model_data import adjusted_rank, batch_axis_fix, data_and_input, data_noun, one_sample, origins


class ImplicitInputReshape(Rule):
    """
    ## What it does
    Finds data that fits the model input only because Keras silently adds (or
    removes) a last axis of size 1: `(10, 5)` data for an input declared as
    `(5, 1)`.

    ## Why is this bad?
    It runs, but by an implicit conversion: the data does not say what the
    model reads, and the same data fails as soon as the feature count is not 1.
    Readers of the code (and other tools) see a shape mismatch.

    ## Use instead
    Make the axis explicit: `X = X.reshape(len(X), timesteps, 1)` or
    `X = np.expand_dims(X, -1)`.
    """

    code = "LS202"
    name = "implicit-input-reshape"
    summary = "Data fits the model input only through Keras's implicit expand/squeeze"
    severity = WARNING
    facts = (DataCall,)

    VALID = [
        Valid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

X = np.expand_dims(np.random.rand(16, 5), -1)
model = keras.Sequential([layers.LSTM(8, input_shape=(5, 1)), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X, np.random.rand(16, 1), epochs=1, verbose=0)
"""),
    ]
    INVALID = [
        Invalid("""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

X = np.random.rand(16, 5)
model = keras.Sequential([layers.LSTM(8, input_shape=(5, 1)), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X, np.random.rand(16, 1), epochs=1, verbose=0)
"""),
    ]

    def check(self, call: DataCall, ctx: CheckContext) -> Iterable[Report]:
        pair = data_and_input(call)
        if pair is None:
            return
        x, inp = pair
        if inp.from_data:
            return  # no declared input: Keras built the model from other data
        if x.dtype == "str":
            return  # text models take (n,) strings for an Input of shape (1,) by convention
        adjusted = adjusted_rank(x.shape, inp.shape)
        if adjusted is None or adjusted.rank == x.shape.rank:
            return
        added = adjusted.rank > x.shape.rank  # type: ignore[operator]
        name = ctx.code(call.x_node) if call.x_node is not None else "X"
        if added and one_sample(x.shape, inp.shape):
            message = (
                f"the {data_noun(call)} is {x.shape}, one sample of the model input {inp.shape} without the batch axis: "
                f"Keras takes it as {x.shape[0]} samples and adds a last axis of size 1"
            )
            fix = batch_axis_fix(call, ctx)
        else:
            message = (
                f"the {data_noun(call)} is {x.shape}, the model input {inp.shape}: Keras "
                f"{'adds' if added else 'removes'} a last axis of size 1 implicitly"
            )
            fix = f"make it explicit: `np.expand_dims({name}, -1)`" if added else f"make it explicit: `np.squeeze({name}, -1)`"
        yield Report(
            node=call.x_node or call.node,
            message=message,
            fix=fix,
            expected=inp.shape,
            actual=x.shape,
            related=origins(x, inp),
        )
