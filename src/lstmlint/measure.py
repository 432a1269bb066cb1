"""How much of a code base lstmlint can follow: the resolution rate.

``python -m lstmlint.measure DIR`` reports how many ``fit``/``predict``/...
calls have both the data shape and the model input shape inferred, and how
many models have every layer's output shape known. Unresolved calls are where
the linter is silent, so this is the number to raise.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, List

from .files import discover
from .infer.facts import DataCall, LayerCall, ModelCreated
from .infer.values import Array, Model
from .source import Source, decode, parse


@dataclass
class Resolution:
    files: int = 0
    data_calls: int = 0
    data_calls_resolved: int = 0
    models: int = 0
    models_resolved: int = 0
    unresolved: List[str] = field(default_factory=list)

    def add(self, other: "Resolution") -> None:
        for name in ("files", "data_calls", "data_calls_resolved", "models", "models_resolved"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.unresolved += other.unresolved


def _data_resolved(call: DataCall) -> bool:
    x = call.x
    if not isinstance(x, Array) or x.shape.dims is None:
        return False
    model = call.model
    if model.kind == "subclassed":
        return bool(model.outputs) and model.outputs[0].shape.dims is not None
    inputs = model.inputs
    return call.input_index < len(inputs) and inputs[call.input_index].shape.dims is not None


def measure_source(text: str, filename: str, keras_version: int = 3) -> Resolution:
    from .infer.interpreter import Interpreter

    result = Resolution(files=1)
    module = parse(text, filename)
    if not hasattr(module, "body"):
        return result
    models: Dict[int, Model] = {}
    layer_outputs: Dict[int, List[bool]] = {}
    seen_calls = set()

    def sink(fact: object) -> None:
        if isinstance(fact, ModelCreated):
            models[id(fact.model)] = fact.model
        elif isinstance(fact, LayerCall) and fact.model is not None:
            layer_outputs.setdefault(id(fact.model), []).append(fact.output.dims is not None)
        elif isinstance(fact, DataCall) and not fact.validation and fact.input_index == 0 and id(fact.node) not in seen_calls:
            seen_calls.add(id(fact.node))
            result.data_calls += 1
            if _data_resolved(fact):
                result.data_calls_resolved += 1
            else:
                result.unresolved.append(f"{filename}: {fact.method} call")

    Interpreter(module, keras_version, sink).run()
    for key, model in models.items():
        result.models += 1
        if _model_resolved(model, layer_outputs.get(key, [])):
            result.models_resolved += 1
    return result


def _model_resolved(model: Model, sequential_outputs: List[bool]) -> bool:
    if model.kind == "sequential":
        return bool(sequential_outputs) and len(sequential_outputs) >= len(model.layers) and all(sequential_outputs)
    pending = list(model.outputs)
    if not pending:
        return False
    while pending:
        tensor = pending.pop()
        if tensor.shape.dims is None:
            return False
        pending.extend(tensor.parents)
    return True


def measure_paths(paths: Iterable[str]) -> Resolution:
    total = Resolution()
    for path in discover(paths):
        decoded = decode(Path(path).read_bytes(), str(path))
        if isinstance(decoded, Source) and decoded.may_use_keras:
            total.add(measure_source(decoded.text, str(path)))
    return total


def _rate(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.0f}%)" if whole else "0/0"


def main(argv: List[str]) -> int:
    result = measure_paths(argv or ["."])
    print(f"files with Keras code:          {result.files}")
    print(f"data calls resolved:            {_rate(result.data_calls_resolved, result.data_calls)}")
    print(f"models with every shape known:  {_rate(result.models_resolved, result.models)}")
    for line in result.unresolved:
        print(f"  unresolved: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
