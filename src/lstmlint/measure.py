"""How much of a code base lstmlint can follow: the resolution rate.

``python -m lstmlint.measure DIR`` reports how many ``fit``/``predict``/...
calls have both the data shape and the model input shape inferred, and how
many models have every layer's output shape known. Unresolved calls are where
the linter is silent, so this is the number to raise. ``--reasons N`` lists
the constructs where shapes were lost, most frequent first: what to follow next.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, List, Optional

import libcst as cst

from .files.discovery import discover
from .infer.facts import DataCall, LayerCall, ModelCreated
from .infer.values import Array, Model
from .parse.source import Source, decode, parse


@dataclass
class Resolution:
    files: int = 0
    data_calls: int = 0
    data_calls_resolved: int = 0
    models: int = 0
    models_resolved: int = 0
    unresolved: List[str] = field(default_factory=list)
    reasons: Counter = field(default_factory=Counter)  # construct where a shape was lost -> count

    def add(self, other: "Resolution") -> None:
        for name in ("files", "data_calls", "data_calls_resolved", "models", "models_resolved"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.unresolved += other.unresolved
        self.reasons.update(other.reasons)


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
    lost_at: Dict[int, str] = {}  # model -> the first layer whose output shape was lost
    seen_calls = set()
    bindings = _Bindings.of(module)

    def sink(fact: object) -> None:
        if isinstance(fact, ModelCreated):
            models[id(fact.model)] = fact.model
        elif isinstance(fact, LayerCall) and fact.model is not None:
            layer_outputs.setdefault(id(fact.model), []).append(fact.output.dims is not None)
            if fact.output.dims is None and all(t.shape.dims is not None for t in fact.inputs):
                lost_at.setdefault(id(fact.model), _layer_reason(fact))
        elif isinstance(fact, DataCall) and not fact.validation and fact.input_index == 0 and id(fact.node) not in seen_calls:
            seen_calls.add(id(fact.node))
            result.data_calls += 1
            if _data_resolved(fact):
                result.data_calls_resolved += 1
            else:
                result.unresolved.append(f"{filename}: {fact.method} call")
                if not isinstance(fact.x, Array) or fact.x.shape.dims is None:
                    result.reasons[f"data: {bindings.origin(fact.x_node)}"] += 1

    Interpreter(module, keras_version, sink).run()
    for key, model in models.items():
        result.models += 1
        if _model_resolved(model, layer_outputs.get(key, [])):
            result.models_resolved += 1
        else:
            result.reasons[f"model: {lost_at.get(key) or _model_reason(model)}"] += 1
    return result


def _layer_reason(fact: LayerCall) -> str:
    layer = fact.layer
    if layer.entry.name == "?":
        name = _callee(layer.node)
        if name.endswith(".add"):
            return "`model.add(...)` of a value inference does not know"
        return f"layer `{name}` not in the layer table (or not built: arguments Keras rejects)"
    return f"`{layer.name}` output not derived from its arguments"


def _model_reason(model: Model) -> str:
    if model.kind == "sequential" and not model.inputs:
        return "Sequential model with no declared input and no known data"
    if model.kind == "subclassed":
        return "subclassed model not traced"
    if not model.outputs:
        return f"{model.kind} model built where inference cannot follow"
    return f"{model.kind} model input shape unknown"


def _callee(node: cst.CSTNode) -> str:
    func = node.func if isinstance(node, cst.Call) else node
    parts = []
    while isinstance(func, cst.Attribute):
        parts.append(func.attr.value)
        func = func.value
    if isinstance(func, cst.Name):
        parts.append(func.value)
    elif isinstance(func, cst.Call):
        parts.append(_callee(func) + "(...)")
    else:
        parts.append(type(func).__name__)
    return ".".join(reversed(parts))


class _Bindings(cst.CSTVisitor):
    """Where each module or function name was last assigned (by source order,
    the crude view that is enough to name the construct a shape was lost in)."""

    def __init__(self) -> None:
        self.values: Dict[str, cst.CSTNode] = {}
        self.params: set = set()

    @classmethod
    def of(cls, module: cst.Module) -> "_Bindings":
        visitor = cls()
        module.visit(visitor)
        return visitor

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            names = target.target.elements if isinstance(target.target, (cst.Tuple, cst.List)) else [target.target]
            for element in names:
                name = element.value if isinstance(element, cst.Element) else element
                if isinstance(name, cst.Name):
                    self.values[name.value] = node.value

    def visit_Param(self, node: cst.Param) -> None:
        self.params.add(node.name.value)

    def origin(self, node: Optional[cst.CSTNode], depth: int = 0) -> str:
        """A short name for the construct an expression's value comes from."""
        if node is None:
            return "no data argument"
        if isinstance(node, cst.Name):
            if node.value in self.values and depth < 5:
                return self.origin(self.values[node.value], depth + 1)
            return "a function parameter" if node.value in self.params else f"name `{node.value}` bound elsewhere"
        if isinstance(node, cst.Call):
            return f"`{_callee(node)}(...)`"
        if isinstance(node, cst.Subscript):
            return f"subscript of {self.origin(node.value, depth + 1)}"
        if isinstance(node, cst.Attribute):
            return f"`.{node.attr.value}` of {self.origin(node.value, depth + 1)}"
        return type(node).__name__


def _model_resolved(model: Model, sequential_outputs: List[bool]) -> bool:
    if model.kind == "sequential":
        return bool(sequential_outputs) and len(sequential_outputs) >= len(model.layers) and all(sequential_outputs)
    pending = list(model.outputs)
    if not pending:
        return False
    seen = set()  # a graph with shared paths (residual, dense blocks) is walked once per tensor, not once per path
    while pending:
        tensor = pending.pop()
        if id(tensor) in seen:
            continue
        seen.add(id(tensor))
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
    parser = argparse.ArgumentParser(prog="python -m lstmlint.measure", description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", default=["."])
    parser.add_argument("--reasons", type=int, default=25, metavar="N", help="list the N most frequent constructs where shapes were lost")
    parser.add_argument("--list", action="store_true", help="also list every unresolved call")
    args = parser.parse_args(argv)
    result = measure_paths(args.paths)
    print(f"files with Keras code:          {result.files}")
    print(f"data calls resolved:            {_rate(result.data_calls_resolved, result.data_calls)}")
    print(f"models with every shape known:  {_rate(result.models_resolved, result.models)}")
    if args.reasons and result.reasons:
        print("where shapes were lost (most frequent first):")
        for reason, count in result.reasons.most_common(args.reasons):
            print(f"  {count:6d}  {reason}")
    if args.list:
        for line in result.unresolved:
            print(f"  unresolved: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
