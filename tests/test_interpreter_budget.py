"""Tracing calls has a bounded cost: a recursive function is not re-entered,
and calls that multiply (several call sites per body, nested) stop being
traced once the file's statement budget is spent. re/_compiler.py's recursive
``_compile`` (dozens of branches, each calling itself) ran for hours before."""

import libcst as cst

from lstmlint.infer.interpreter import STATEMENT_BUDGET, Interpreter
from lstmlint.testing import codes_of


def run(source: str) -> Interpreter:
    interpreter = Interpreter(cst.parse_module(source), 3, lambda fact: None)
    interpreter.run()
    return interpreter


def test_a_recursive_function_is_traced_once_per_outer_call():
    branches = "".join(f"    elif op == {i}:\n        walk(op - 1, n)\n        walk(op - 2, n)\n" for i in range(1, 4))
    interpreter = run(f"def walk(op, n):\n    if op == 0:\n        return n\n{branches}    return n\n\nwalk(5, 1)\n")
    assert interpreter.statements_run < 1_000


def test_calls_that_multiply_stop_at_the_budget():
    levels = ["def f0():\n    x = 1\n"]
    for level in range(1, 6):
        calls = "".join(f"    f{level - 1}()\n" for _ in range(30))  # 30 ** 5 calls if all were traced
        levels.append(f"def f{level}():\n{calls}")
    interpreter = run("\n".join(levels) + "\nf5()\n")
    assert STATEMENT_BUDGET <= interpreter.statements_run < 2 * STATEMENT_BUDGET


def test_a_model_handed_to_a_recursive_call_is_no_longer_certain():
    """The recursive call is not traced, so the layers it adds are not known:
    the model must not be judged by the layers seen before it."""
    source = """
import numpy as np
from tensorflow import keras
from tensorflow.keras.layers import Dense

def add_head(model, depth):
    model.add(Dense(8, activation="relu"))
    if depth > 0:
        add_head(model, depth - 1)
    else:
        model.add(Dense(3, activation="softmax"))

model = keras.Sequential([keras.Input((4,))])
model.add(Dense(8, activation="relu"))
add_head(model, 1)
model.compile(loss="categorical_crossentropy", optimizer="adam")
model.fit(np.random.rand(16, 4), keras.utils.to_categorical(np.random.randint(0, 3, 16), 3), epochs=1, verbose=0)
"""
    assert codes_of(source) == []
