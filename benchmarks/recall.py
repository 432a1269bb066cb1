"""Recall of lstmlint on real code, by mutation (issue 10/11: "most real crashes found").

Precision is measured on the development corpus as it is (``benchmarks/precision.py``);
recall needs bugs whose presence is certain. This harness plants them: each *mutation
operator* is a classic Keras shape bug, applied with libcst to a copy of a real script at
the first site where it applies (at most one mutant per file and operator). Every
operator's result is one real Keras rejects: each was run once, in isolation, on small
programs under Keras 3 and 2 (the oracle), and an operator only applies where the
conditions of those runs hold (the notes on each operator say which; the few it cannot
prove from the text are named there).

Files whose layers or models come from ``tensorflow.python.keras`` (a frozen copy that
lstmlint does not treat as Keras) are left out, and so are the mutants of a file whose
original already has an lstmlint error for that Keras version (Keras may stop there
first, so the planted crash is not surely reached; they are counted as not judged).

Then the original and the mutant are both linted in-process (``lstmlint.api.lint_text``)
and each mutant is

- **detected**: the mutant has a new error (one the original has not, by code and line)
  of one of the operator's expected codes, or any new error at/near the mutated code;
- **missed**: no such new error. A miss is split by what inference knew in the mutant:
  **shape lost** (the shapes the check needs were unknown: the construct where they were
  lost is named, as ``python -m lstmlint.measure --reasons`` names them) or
  **check missing** (every shape involved was known, and no rule fired).

Usage (from the repository root)::

    python benchmarks/recall.py run [--root .cache/corpus] [--jobs 2] [--keras-version 3]
    python benchmarks/recall.py report [--top 15]   # the tables again, from the saved records
    python benchmarks/recall.py show FILE OPERATOR  # one mutant as a diff (FILE under --root)
    python benchmarks/recall.py compare BEFORE.jsonl AFTER.jsonl  # recall of two runs side by side

``run`` writes one JSON record per mutant to ``.cache/recall/keras<V>.jsonl`` and prints the
tables (recall per operator and overall, then the constructs of misses, most frequent
first). The operators are unit-tested in ``tests/test_recall_operators.py``.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import sys
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Dict, Iterable, Iterator, List, Optional, Sequence, Set, Tuple

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

HERE = Path(__file__).resolve().parent
DEFAULT_ROOT = HERE.parent / ".cache" / "corpus"
DEFAULT_OUT = HERE.parent / ".cache" / "recall"
NEAR = 2  # lines either side of the mutated code where any new error counts

# -- syntax helpers ------------------------------------------------------------

RECURRENT = {"LSTM", "GRU", "SimpleRNN"}
DATA_METHODS = {"fit", "predict", "evaluate", "train_on_batch", "test_on_batch", "predict_on_batch",
                "fit_generator", "evaluate_generator", "predict_generator"}
TARGET_METHODS = {"fit", "evaluate", "train_on_batch", "test_on_batch"}
PASS_THROUGH = {"Dropout", "BatchNormalization", "Activation", "SpatialDropout1D", "SpatialDropout2D",
                "SpatialDropout3D", "GaussianNoise", "GaussianDropout", "AlphaDropout", "LeakyReLU", "ReLU", "PReLU", "ELU"}
CONV_PREFIXES = ("Conv", "Convolution", "MaxPool", "AveragePool", "AvgPool", "SeparableConv", "DepthwiseConv",
                 "ZeroPadding", "Cropping", "UpSampling", "LocallyConnected")
CCE = {"categorical_crossentropy", "CategoricalCrossentropy"}
SCCE = {"sparse_categorical_crossentropy", "SparseCategoricalCrossentropy"}
# Calls whose result ``x[0]`` is not one sample of an array (generators, datasets).
NOT_ARRAYS = ("flow", "generator", "Generator", "dataset", "Dataset", "from_tensor_slices", "batch", "prefetch",
              "shuffle", "map", "repeat", "Sequence", "load_model")


def callee(call: cst.Call) -> str:
    """The last name of what is called: ``LSTM`` for ``keras.layers.LSTM(...)``."""
    func = call.func
    if isinstance(func, cst.Attribute):
        return func.attr.value
    if isinstance(func, cst.Name):
        return func.value
    return ""


def is_layer(call: cst.CSTNode) -> bool:
    from lstmlint.infer.layer_table import lookup

    return isinstance(call, cst.Call) and lookup(callee(call)) is not None


def is_recurrent(call: cst.CSTNode) -> bool:
    if not isinstance(call, cst.Call):
        return False
    name = callee(call)
    if name == "Bidirectional" and call.args and isinstance(call.args[0].value, cst.Call):
        return callee(call.args[0].value) in RECURRENT
    return name in RECURRENT


def keyword(call: cst.Call, name: str) -> Optional[cst.Arg]:
    return next((a for a in call.args if a.keyword is not None and a.keyword.value == name), None)


def positional(call: cst.Call, index: int) -> Optional[cst.Arg]:
    """The ``index``-th positional argument, unless a ``*args`` comes before it."""
    args = []
    for a in call.args:
        if a.keyword is not None or a.star == "**":
            break
        if a.star:
            return None
        args.append(a)
    return args[index] if index < len(args) else None


def argument(call: cst.Call, index: int, name: str) -> Optional[cst.Arg]:
    return keyword(call, name) or positional(call, index)


def is_true(node: cst.CSTNode) -> bool:
    return isinstance(node, cst.Name) and node.value == "True"


def int_value(node: cst.CSTNode) -> Optional[int]:
    if isinstance(node, cst.Integer):
        try:
            return int(node.value.replace("_", ""), 0)
        except ValueError:
            return None
    return None


def string_value(node: cst.CSTNode) -> Optional[str]:
    if isinstance(node, cst.SimpleString):
        return node.evaluated_value if isinstance(node.evaluated_value, str) else None
    return None


def plus_one(node: cst.BaseExpression) -> cst.BaseExpression:
    """``k + 1`` as code: a literal ``k`` becomes ``k+1``, another expression ``(E) + 1``."""
    value = int_value(node)
    if value is not None:
        return cst.Integer(str(value + 1))
    simple = isinstance(node, (cst.Name, cst.Attribute, cst.Subscript, cst.Call, cst.BinaryOperation)) and not (
        isinstance(node, cst.BinaryOperation) and not isinstance(node.operator, (cst.Add, cst.Subtract, cst.Multiply, cst.FloorDivide))
    )
    left = node if simple else node.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
    return cst.BinaryOperation(left, cst.Add(whitespace_before=cst.SimpleWhitespace(" "), whitespace_after=cst.SimpleWhitespace(" ")), cst.Integer("1"))


def loss_kind(node: Optional[cst.CSTNode]) -> Optional[str]:
    """"cce" / "scce" for categorical / sparse categorical cross-entropy, as a string,
    a function (``keras.losses.categorical_crossentropy``) or a class instance."""
    if node is None:
        return None
    name = string_value(node)
    if name is None and isinstance(node, (cst.Name, cst.Attribute)):
        name = node.value if isinstance(node, cst.Name) else node.attr.value
    if name is None and isinstance(node, cst.Call):
        name = callee(node)
    if name in CCE:
        return "cce"
    if name in SCCE:
        return "scce"
    return None


def receiver(call: cst.Call) -> Optional[cst.BaseExpression]:
    return call.func.value if isinstance(call.func, cst.Attribute) else None


class _Index(cst.CSTVisitor):
    """Calls and assignments of a module in source order, with parents."""

    def __init__(self) -> None:
        self.calls: List[cst.Call] = []
        self.assigns: Dict[str, List[cst.BaseExpression]] = defaultdict(list)  # name -> values assigned
        self.parent: Dict[int, cst.CSTNode] = {}
        self.bindings: Dict[str, List[Tuple[cst.Name, Optional[cst.BaseExpression], str]]] = defaultdict(list)  # (target, value, kind)
        self.imported: Set[str] = set()
        self._stack: List[cst.CSTNode] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        if self._stack:
            self.parent[id(node)] = self._stack[-1]
        self._stack.append(node)
        if isinstance(node, cst.Call):
            self.calls.append(node)
        elif isinstance(node, cst.Assign):
            for target in node.targets:
                self._bind(target.target, node.value)
        elif isinstance(node, (cst.AugAssign, cst.AnnAssign)) and isinstance(node.target, cst.Name):
            self.assigns[node.target.value].append(node.value if isinstance(node, cst.AnnAssign) and node.value else cst.Name("_unknown"))
            self.bindings[node.target.value].append((node.target, node.value, "an augmented assignment" if isinstance(node, cst.AugAssign) else ""))
        elif isinstance(node, (cst.For, cst.CompFor)):
            for name in _names_in(node.target):
                self.assigns[name.value].append(cst.Name("_unknown"))
                self.bindings[name.value].append((name, None, "a loop variable"))
        elif isinstance(node, cst.Param):
            self.bindings[node.name.value].append((node.name, None, "a function parameter"))
        elif isinstance(node, (cst.Import, cst.ImportFrom)) and not isinstance(node.names, cst.ImportStar):
            for alias in node.names:
                bound = alias.asname.name if alias.asname is not None else alias.name
                while isinstance(bound, cst.Attribute):
                    bound = bound.value
                if isinstance(bound, cst.Name):
                    self.imported.add(bound.value)
        return True

    def on_leave(self, original_node: cst.CSTNode) -> None:
        self._stack.pop()

    def _bind(self, target: cst.BaseExpression, value: Optional[cst.BaseExpression], whole: Optional[cst.BaseExpression] = None) -> None:
        whole = whole if whole is not None else value
        if isinstance(target, cst.Name):
            self.assigns[target.value].append(value if value is not None else cst.Name("_unknown"))
            self.bindings[target.value].append((target, value if value is not None else whole, ""))
        elif isinstance(target, (cst.Tuple, cst.List)):
            values = value.elements if isinstance(value, (cst.Tuple, cst.List)) and len(value.elements) == len(target.elements) else None
            for i, element in enumerate(target.elements):
                self._bind(element.value, values[i].value if values else None, whole)

    def named(self, names: Iterable[str]) -> List[cst.Call]:
        names = set(names)
        return [c for c in self.calls if callee(c) in names]

    def ordinal(self, call: cst.Call) -> Tuple[str, int]:
        """How to find ``call`` again in a mutant: its name and index among calls of that name."""
        name = callee(call)
        return name, [c for c in self.calls if callee(c) == name].index(call)

    def ancestors(self, node: cst.CSTNode) -> Iterator[cst.CSTNode]:
        while id(node) in self.parent:
            node = self.parent[id(node)]
            yield node

    def data_calls(self, methods: Iterable[str] = DATA_METHODS) -> List[cst.Call]:
        methods = set(methods)
        return [c for c in self.calls if isinstance(c.func, cst.Attribute) and c.func.attr.value in methods]

    def calls_after(self, calls: Sequence[cst.Call], node: cst.CSTNode, positions) -> List[cst.Call]:
        start = positions[node].start
        return [c for c in calls if (positions[c].start.line, positions[c].start.column) > (start.line, start.column)]


_INDEXED: Dict[int, Tuple[cst.Module, _Index, dict]] = {}


def _names_in(target: cst.CSTNode) -> List[cst.Name]:
    if isinstance(target, cst.Name):
        return [target]
    if isinstance(target, (cst.Tuple, cst.List)):
        return [n for e in target.elements for n in _names_in(e.value)]
    return []


def index_of(module: cst.Module) -> Tuple[_Index, dict]:
    """The module's index and node positions (kept for the last few modules: every
    operator reads the same original)."""
    cached = _INDEXED.get(id(module))
    if cached is not None and cached[0] is module:
        return cached[1], cached[2]
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    positions = wrapper.resolve(PositionProvider)
    index = _Index()
    module.visit(index)
    if len(_INDEXED) > 4:
        _INDEXED.clear()
    _INDEXED[id(module)] = (module, index, positions)
    return index, positions


# -- layer stacks ----------------------------------------------------------------


@dataclass
class Slot:
    """One layer in a stack: its constructor, and what holds it (for removing it)."""

    ctor: cst.Call
    holder: cst.CSTNode  # a list Element, a ``model.add(...)`` statement line, or the application call
    kind: str  # "element" | "add" | "apply"

    @property
    def name(self) -> str:
        return callee(self.ctor)


def stacks(module: cst.Module, index: _Index) -> List[List[Optional[Slot]]]:
    """Layers written one after another: the list of ``Sequential([...])``, consecutive
    ``model.add(...)`` statements on one model, and Functional chains (``x = L(...)(x)``
    statements in a row, or nested applications). ``None`` is a layer not written as a call."""
    found: List[List[Optional[Slot]]] = []
    for call in index.named(["Sequential"]):
        first = positional(call, 0) or keyword(call, "layers")
        if first is not None and isinstance(first.value, (cst.List, cst.Tuple)):
            found.append([Slot(e.value, e, "element") if isinstance(e.value, cst.Call) else None for e in first.value.elements])
    for block in _blocks(module):
        run: List[Optional[Slot]] = []
        owner: Optional[str] = None
        chain: List[Optional[Slot]] = []
        last_name: Optional[str] = None
        for stmt in block:
            added = _added(stmt)
            if added is not None and added[0] == owner:
                run.append(added[1])
            else:
                if len(run) > 1:
                    found.append(run)
                run, owner = ([added[1]], added[0]) if added is not None else ([], None)
            applied = _applied(stmt)
            if applied is not None and applied[1] == last_name and chain:
                chain.append(applied[2])
            else:
                if len(chain) > 1:
                    found.append(chain)
                chain = [applied[2]] if applied is not None else []
            last_name = applied[0] if applied is not None else None
        for pile in (run, chain):
            if len(pile) > 1:
                found.append(pile)
    for call in index.calls:  # nested applications: L2(...)(L1(...)(x))
        if _application(call) and call.args and _application(call.args[0].value):
            inner = call.args[0].value
            found.append([Slot(inner.func, inner, "apply"), Slot(call.func, call, "apply")])
    return found


def _blocks(module: cst.Module) -> Iterator[Sequence[cst.BaseStatement]]:
    yield module.body

    class Blocks(cst.CSTVisitor):
        def __init__(self) -> None:
            self.found: List[Sequence[cst.BaseStatement]] = []

        def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
            self.found.append(node.body)

    visitor = Blocks()
    module.visit(visitor)
    yield from visitor.found


def _added(stmt: cst.CSTNode) -> Optional[Tuple[str, Optional[Slot]]]:
    """``model.add(Layer(...))`` as a statement: (the model's code, the slot)."""
    if not isinstance(stmt, cst.SimpleStatementLine) or len(stmt.body) != 1 or not isinstance(stmt.body[0], cst.Expr):
        return None
    call = stmt.body[0].value
    if not (isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute) and call.func.attr.value == "add" and len(call.args) == 1):
        return None
    layer = call.args[0].value
    owner = cst.Module([]).code_for_node(call.func.value)
    return owner, Slot(layer, stmt, "add") if isinstance(layer, cst.Call) else None


def _application(node: cst.CSTNode) -> bool:
    """``Layer(...)(x)``: a layer constructed and applied to one input."""
    return (isinstance(node, cst.Call) and isinstance(node.func, cst.Call) and is_layer(node.func)
            and len(node.args) >= 1 and node.args[0].keyword is None and not node.args[0].star)


def _applied(stmt: cst.CSTNode) -> Optional[Tuple[str, Optional[str], Slot]]:
    """``y = Layer(...)(x)``: (y, x if a name, the slot)."""
    if not isinstance(stmt, cst.SimpleStatementLine) or len(stmt.body) != 1 or not isinstance(stmt.body[0], cst.Assign):
        return None
    assign = stmt.body[0]
    if len(assign.targets) != 1 or not isinstance(assign.targets[0].target, cst.Name) or not _application(assign.value):
        return None
    source = assign.value.args[0].value
    return assign.targets[0].target.value, source.value if isinstance(source, cst.Name) else None, Slot(assign.value.func, assign.value, "apply")


def remove_slot(module: cst.Module, slot: Slot) -> cst.Module:
    if slot.kind == "apply":
        return module.deep_replace(slot.holder, slot.holder.args[0].value)
    return module.deep_remove(slot.holder)


# -- mutations -------------------------------------------------------------------


@dataclass
class Target:
    """Where a probe looks in the mutant: the ``ordinal``-th call named ``name``."""

    name: str
    ordinal: int


@dataclass
class Mutation:
    code: str  # the mutant program
    line: int  # first line of the mutated code (in the original; the mutant's is the same)
    detail: str
    target: Target  # the call the probe looks at in the mutant (a layer, a data call, a compile)
    variant: str = ""
    extra: Dict[str, object] = field(default_factory=dict)  # what a probe needs besides the target


Operator = Callable[[cst.Module], Optional[Mutation]]


@dataclass(frozen=True)
class Spec:
    name: str
    codes: Tuple[str, ...]  # the rules that report this bug (a new error of one of them: detected)
    summary: str
    apply: Operator


def _line(positions, node: cst.CSTNode) -> int:
    return positions[node].start.line


def drop_return_sequences(module: cst.Module) -> Optional[Mutation]:
    """``return_sequences=True`` dropped from a recurrent layer whose next layer is recurrent:
    the next one gets 2D input (Keras 3 and 2: ``expected ndim=3, found ndim=2`` when the
    model is built). Bidirectional wrappers count; a layer that also returns its state does not."""
    index, positions = index_of(module)
    for pile in stacks(module, index):
        for first, second in zip(pile, pile[1:]):
            if first is None or second is None or not is_recurrent(first.ctor) or not is_recurrent(second.ctor):
                continue
            inner = first.ctor.args[0].value if callee(first.ctor) == "Bidirectional" else first.ctor
            arg = keyword(inner, "return_sequences")
            if arg is None or not is_true(arg.value) or keyword(inner, "return_state") is not None:
                continue
            mutant = module.deep_replace(inner, _without(inner, arg))
            return Mutation(mutant.code, _line(positions, arg), f"return_sequences=True dropped from `{callee(first.ctor)}` before `{callee(second.ctor)}`",
                            Target(*index.ordinal(second.ctor)), variant=first.kind)
    return None


def _without(call: cst.Call, arg: cst.Arg) -> cst.Call:
    args = list(call.args)
    at = args.index(arg)
    del args[at]
    if at == len(args) and args:  # it was last: the one before keeps its own comma style
        args[-1] = args[-1].with_changes(comma=arg.comma)
    return call.with_changes(args=args)


def _declarations(index: _Index) -> List[Tuple[cst.Call, str, cst.BaseExpression]]:
    """Every input declaration: (the call, the keyword or "shape", its value)."""
    found = []
    for call in index.calls:
        name = callee(call)
        if name in ("Input", "InputLayer"):
            arg = argument(call, 0, "shape") or keyword(call, "input_shape") or keyword(call, "batch_shape") or keyword(call, "batch_input_shape")
            if arg is not None:
                found.append((call, "shape" if arg.keyword is None else arg.keyword.value, arg.value))
        elif is_layer(call):
            for key in ("input_shape", "input_dim", "batch_input_shape"):
                arg = keyword(call, key)
                if arg is not None and not (key == "input_dim" and name == "Embedding"):  # a vocabulary size
                    found.append((call, key, arg.value))
        elif name == "build" and isinstance(call.func, cst.Attribute) and call.args:
            found.append((call, "build", call.args[0].value))
    return found


def _last_axis(value: cst.BaseExpression) -> cst.BaseExpression:
    """The last size of a declared shape (``input_dim=k``: k itself)."""
    return value.elements[-1].value if isinstance(value, (cst.Tuple, cst.List)) and value.elements else value


def _in_sequential(index: _Index, call: cst.Call) -> bool:
    """An ``Input(...)`` written in a Sequential stack (not applied Functionally)."""
    for node in index.ancestors(call):
        if isinstance(node, cst.Call) and callee(node) in ("Sequential", "add"):
            return True
        if isinstance(node, (cst.SimpleStatementLine, cst.FunctionDef)):
            return False
    return False


def input_last_axis(module: cst.Module) -> Optional[Mutation]:
    """The last axis of a declared input one larger: ``input_shape=(t, f)`` becomes
    ``(t, f + 1)`` (literal ``f``: ``f+1`` written out), ``Input(shape=(...))`` and Dense's
    ``input_dim=`` alike. The data the script feeds keeps width ``f``: Keras 3 and 2 raise
    at the first fit/predict/evaluate. The last axis is the feature/channel axis only for
    rank 2+; a rank-1 shape (``(maxlen,)`` before an Embedding is a length, which Keras 3
    Sequential does not check) is changed only on a Dense layer or a Functional ``Input``.
    Applies only where a data call follows the declaration."""
    index, positions = index_of(module)
    data_calls = index.data_calls()
    for call, key, value in _declarations(index):
        name = callee(call)
        if key in ("batch_input_shape", "batch_shape", "build") or name == "InputLayer":
            continue
        if key == "input_dim":
            if name != "Dense" or (isinstance(value, cst.Name) and value.value == "None"):
                continue
            last, new_value = value, plus_one(value)
        else:
            if not isinstance(value, (cst.Tuple, cst.List)) or not value.elements:
                continue
            last = value.elements[-1].value
            if isinstance(value.elements[-1], cst.StarredElement) or (isinstance(last, cst.Name) and last.value == "None"):
                continue
            if len(value.elements) == 1 and not (name == "Dense" or (name == "Input" and not _in_sequential(index, call))):
                continue
            new_value = value.with_changes(elements=[*value.elements[:-1], value.elements[-1].with_changes(value=plus_one(last))])
        if not index.calls_after(data_calls, call, positions):
            continue
        mutant = module.deep_replace(value, new_value)
        variant = "literal" if int_value(last) is not None else "expression"
        return Mutation(mutant.code, _line(positions, value), f"last axis of `{name}({key}=...)` plus one",
                        Target(*index.ordinal(call)), variant=variant, extra={"declaration": key})
    return None


def shape_with_batch(module: cst.Module) -> Optional[Mutation]:
    """``input_shape=X.shape[1:]`` (or ``Input(shape=X.shape[1:])``) written ``X.shape``: the
    sample count becomes an axis. Recurrent and convolutional layers reject the extra rank
    when built; otherwise the first data call raises (Keras 3 and 2). Applies only where a
    data call follows."""
    index, positions = index_of(module)
    data_calls = index.data_calls()
    for call, key, value in _declarations(index):
        if key not in ("input_shape", "shape") or not isinstance(value, cst.Subscript) or not _is_shape_attr(value.value):
            continue
        if len(value.slice) != 1 or not isinstance(value.slice[0].slice, cst.Slice):
            continue
        part = value.slice[0].slice
        if int_value(part.lower) != 1 or part.upper is not None or part.step is not None:
            continue
        if not index.calls_after(data_calls, call, positions):
            continue
        mutant = module.deep_replace(value, value.value)
        return Mutation(mutant.code, _line(positions, value), f"`{callee(call)}({key}=X.shape)` instead of `X.shape[1:]`",
                        Target(*index.ordinal(call)), extra={"declaration": key})
    return None


def _is_shape_attr(node: cst.CSTNode) -> bool:
    return isinstance(node, cst.Attribute) and node.attr.value == "shape"


def _one_hot_names(index: _Index) -> Set[str]:
    """Names only ever assigned ``to_categorical(...)``, or a slice of such a name."""
    def made(value: cst.CSTNode, known: Set[str]) -> bool:
        if isinstance(value, cst.Call) and callee(value) == "to_categorical":
            return True
        return isinstance(value, cst.Subscript) and isinstance(value.value, cst.Name) and value.value.value in known

    known: Set[str] = set()
    while True:
        grown = {name for name, values in index.assigns.items() if values and all(made(v, known) for v in values)}
        if grown == known:
            return known
        known = grown


def _targets_arg(call: cst.Call) -> Optional[cst.BaseExpression]:
    arg = argument(call, 1, "y")
    return arg.value if arg is not None else None


def _one_hot_fit(index: _Index) -> Optional[cst.Call]:
    """The first fit/evaluate whose targets come from ``to_categorical``."""
    one_hot = _one_hot_names(index)
    for call in index.data_calls(TARGET_METHODS):
        y = _targets_arg(call)
        if y is None:
            continue
        base = y.value if isinstance(y, cst.Subscript) else y
        if (isinstance(base, cst.Name) and base.value in one_hot) or (isinstance(y, cst.Call) and callee(y) == "to_categorical"):
            return call
    return None


def _compile_before(index: _Index, positions, call: cst.Call, kind: str) -> Optional[Tuple[cst.Call, cst.BaseExpression]]:
    """The last ``compile`` before ``call`` (on the same model when one is named so), if its loss is ``kind``."""
    before = [c for c in index.data_calls(["compile"]) if c not in index.calls_after([c], call, positions)]
    owner = receiver(call)
    same = [c for c in before if owner is not None and receiver(c) is not None and receiver(c).deep_equals(owner)]
    for chosen in (same or before)[-1:]:
        loss = argument(chosen, 1, "loss")
        if loss is not None and loss_kind(loss.value) == kind:
            return chosen, loss.value
    return None


def sparse_loss(module: cst.Module) -> Optional[Mutation]:
    """``categorical_crossentropy`` made ``sparse_categorical_crossentropy`` where the model
    is fit on ``to_categorical`` targets: Keras 3 raises ``output must have rank
    target.ndim - 1``, Keras 2 ``logits and labels must have the same first dimension``.
    The loss as a string, ``keras.losses.categorical_crossentropy`` or
    ``keras.losses.CategoricalCrossentropy()`` (a bare imported name is left: its sparse
    twin may not be imported)."""
    index, positions = index_of(module)
    fit = _one_hot_fit(index)
    found = _compile_before(index, positions, fit, "cce") if fit is not None else None
    if found is None:
        return None
    compile_call, loss = found
    if isinstance(loss, cst.SimpleString):
        new = loss.with_changes(value=loss.value.replace("categorical_crossentropy", "sparse_categorical_crossentropy"))
    elif isinstance(loss, cst.Attribute):
        new = loss.with_changes(attr=cst.Name("sparse_categorical_crossentropy"))
    elif isinstance(loss, cst.Call) and isinstance(loss.func, cst.Attribute):
        new = loss.with_changes(func=loss.func.with_changes(attr=cst.Name("SparseCategoricalCrossentropy")))
    else:
        return None
    mutant = module.deep_replace(loss, new)
    return Mutation(mutant.code, _line(positions, loss), "categorical_crossentropy made sparse (targets from to_categorical)",
                    Target(*index.ordinal(fit)), variant=type(loss).__name__)


def dense_units(module: cst.Module) -> Optional[Mutation]:
    """The output ``Dense(k)`` made ``Dense(k + 1)`` where the loss is categorical
    cross-entropy and the targets come from ``to_categorical`` (k columns): Keras 3 raises
    ``target and output must have the same shape``, Keras 2 ``Shapes (None, k) and
    (None, k+1) are incompatible``. The output layer is the last Dense written before the
    compile call."""
    index, positions = index_of(module)
    fit = _one_hot_fit(index)
    found = _compile_before(index, positions, fit, "cce") if fit is not None else None
    if found is None:
        return None
    compile_call = found[0]
    dense = [c for c in index.named(["Dense"]) if c not in index.calls_after([c], compile_call, positions)]
    if not dense:
        return None
    layer = dense[-1]
    units = argument(layer, 0, "units")
    if units is None or (isinstance(units.value, cst.Name) and units.value.value == "None"):
        return None
    mutant = module.deep_replace(units.value, plus_one(units.value))
    variant = "literal" if int_value(units.value) is not None else "expression"
    return Mutation(mutant.code, _line(positions, units.value), "output Dense units plus one (one-hot targets, categorical loss)",
                    Target(*index.ordinal(fit)), variant=variant, extra={"layer": index.ordinal(layer)})


def delete_flatten(module: cst.Module) -> Optional[Mutation]:
    """``Flatten()`` deleted between a conv/pooling stack and ``Dense``, in a model whose
    loss is (sparse) categorical cross-entropy: the output keeps the spatial axes and Keras 3
    raises on the loss (``same rank``), Keras 2 too (``Shapes ... are incompatible`` /
    ``logits and labels must have the same first dimension``). With mse or binary
    cross-entropy the targets may broadcast, so those models are left alone."""
    index, positions = index_of(module)
    compiles = index.data_calls(["compile"])
    data_calls = index.data_calls(TARGET_METHODS)
    for pile in stacks(module, index):
        for at, slot in enumerate(pile):
            if slot is None or slot.name != "Flatten" or slot.ctor.args:
                continue
            back = at - 1
            while back >= 0 and pile[back] is not None and pile[back].name in PASS_THROUGH:
                back -= 1
            ahead = at + 1
            while ahead < len(pile) and pile[ahead] is not None and pile[ahead].name in PASS_THROUGH:
                ahead += 1
            if back < 0 or pile[back] is None or not pile[back].name.startswith(CONV_PREFIXES):
                continue
            if ahead >= len(pile) or pile[ahead] is None or pile[ahead].name != "Dense":
                continue
            later = index.calls_after(compiles, slot.ctor, positions)
            loss = argument(later[0], 1, "loss") if later else None
            if loss is None or loss_kind(loss.value) is None or not index.calls_after(data_calls, later[0], positions):
                continue
            mutant = remove_slot(module, slot)
            return Mutation(mutant.code, _line(positions, slot.ctor), f"Flatten() deleted between `{pile[back].name}` and Dense",
                            Target(*index.ordinal(pile[ahead].ctor)), variant=slot.kind, extra={"loss": loss_kind(loss.value)})
    return None


def _all_literal_above_one(index: _Index, node: cst.CSTNode) -> bool:
    """``node`` is an int literal > 1, or a name only ever assigned such literals."""
    value = int_value(node)
    if value is not None:
        return value > 1
    if isinstance(node, cst.Name):
        values = index.assigns.get(node.value, [])
        return bool(values) and all((int_value(v) or 0) > 1 for v in values)
    return False


def _is_one(index: _Index, node: cst.CSTNode) -> bool:
    if int_value(node) == 1:
        return True
    if isinstance(node, cst.Name):
        values = index.assigns.get(node.value, [])
        return bool(values) and all(int_value(v) == 1 for v in values)
    return False


def _reshape_3d(call: cst.Call) -> Optional[Tuple[cst.BaseExpression, List[cst.BaseExpression]]]:
    """``E.reshape(a, b, c)`` / ``E.reshape((a, b, c))`` / ``np.reshape(E, (a, b, c))``: (E, [a, b, c])."""
    if not isinstance(call.func, cst.Attribute) or call.func.attr.value != "reshape" or any(a.star or a.keyword for a in call.args):
        return None
    owner = call.func.value
    numpy = isinstance(owner, cst.Name) and owner.value in ("np", "numpy")
    if isinstance(owner, cst.Name) and owner.value in ("tf", "K", "backend", "keras"):
        return None
    args = [a.value for a in call.args]
    if numpy:
        if len(args) != 2:
            return None
        data, shape = args
    else:
        data, shape = owner, (args[0] if len(args) == 1 else None)
    dims = shape.elements if isinstance(shape, (cst.Tuple, cst.List)) else None
    dims = [e.value for e in dims] if dims is not None else (args if not numpy and len(args) == 3 else None)
    if dims is None or len(dims) != 3:
        return None
    return data, dims


def remove_reshape(module: cst.Module) -> Optional[Mutation]:
    """A reshape that makes data 3D removed (``X = X.reshape(n, t, f)`` becomes ``X = X``)
    in a script with a recurrent layer, where the reshaped data then goes to
    fit/predict/evaluate. Keras adds a missing last axis of 1 itself when the model
    declares its input, so the operator applies only where that cannot rescue the data:
    the new last axis is a literal > 1 (or a name only assigned such literals); or the
    reshape is ``(n, 1, f)`` and every input the file declares ends in such a width (the
    data's f, if the script ran: f = 1 would be rescued); or the last axis is 1 and the
    file declares no input shape at all (the LSTM then gets 2D data). Keras 3 and 2 raise at the data call or when the
    model is built from the data."""
    index, positions = index_of(module)
    if not any(is_recurrent(c) for c in index.calls):
        return None
    declarations = _declarations(index)
    declares = bool(declarations)
    widths_above_one = declares and all(_all_literal_above_one(index, _last_axis(value)) for _, _, value in declarations)
    data_calls = index.data_calls()
    for call in index.calls:
        found = _reshape_3d(call)
        if found is None:
            continue
        data, dims = found
        if _all_literal_above_one(index, dims[2]):
            variant = "last axis > 1"
        elif _is_one(index, dims[1]) and widths_above_one:
            variant = "(n, 1, f), declared width > 1"
        elif _is_one(index, dims[2]) and not declares:
            variant = "last axis 1, no declared input"
        else:
            continue
        parent = index.parent.get(id(call))
        feeds = None
        if isinstance(parent, cst.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0].target, cst.Name):
            name = parent.targets[0].target.value
            feeds = next((c for c in index.calls_after(data_calls, call, positions)
                          if (argument(c, 0, "x") is not None and isinstance(argument(c, 0, "x").value, cst.Name)
                              and argument(c, 0, "x").value.value == name)), None)
        elif isinstance(parent, cst.Arg) and isinstance(index.parent.get(id(parent)), cst.Call):
            outer = index.parent[id(parent)]
            feeds = outer if outer in data_calls and argument(outer, 0, "x") is parent else None
        if feeds is None:
            continue
        mutant = module.deep_replace(call, data)
        return Mutation(mutant.code, _line(positions, call), "3D reshape of the data removed", Target(*index.ordinal(feeds)), variant=variant)
    return None


def predict_one_sample(module: cst.Module) -> Optional[Mutation]:
    """``model.predict(X)`` made ``model.predict(X[0])``: one sample without its batch axis,
    which Keras reads as a batch of rank one less. Keras adds a missing last axis of 1
    itself, so the operator applies only where every input the file declares ends in a
    literal > 1 (then Keras 3 and 2 raise). ``X`` must be a name the file assigns, and not
    from a generator or dataset call (``X[0]`` of those is not one sample)."""
    index, positions = index_of(module)
    declarations = _declarations(index)
    if not declarations:
        return None
    if not all((int_value(_last_axis(value)) or 0) > 1 for _, _, value in declarations):
        return None
    for call in index.data_calls(["predict"]):
        x = argument(call, 0, "x")
        if x is None or not isinstance(x.value, cst.Name) or len(call.args) > 1 and any(a.keyword is None for a in call.args[1:]):
            continue
        values = index.assigns.get(x.value.value, [])
        if not values or any(isinstance(v, cst.Call) and any(word in callee(v) for word in NOT_ARRAYS) for v in values):
            continue
        indexed = cst.Subscript(x.value, [cst.SubscriptElement(cst.Index(cst.Integer("0")))])
        mutant = module.deep_replace(x.value, indexed)
        return Mutation(mutant.code, _line(positions, call), "predict(X) made predict(X[0])", Target(*index.ordinal(call)))
    return None


OPERATORS: List[Spec] = [
    Spec("drop_return_sequences", ("LS101",), "stacked RNN without return_sequences=True", drop_return_sequences),
    Spec("input_last_axis", ("LS203", "LS201"), "declared input's last axis off by one", input_last_axis),
    Spec("shape_with_batch", ("LS101", "LS102", "LS201", "LS203"), "input_shape=X.shape (samples kept)", shape_with_batch),
    Spec("sparse_loss", ("LS302",), "sparse loss on to_categorical targets", sparse_loss),
    Spec("dense_units", ("LS301",), "output Dense(k+1) for k one-hot classes", dense_units),
    Spec("delete_flatten", ("LS301", "LS302", "LS305"), "Flatten() deleted before Dense", delete_flatten),
    Spec("remove_reshape", ("LS101", "LS201", "LS102"), "3D reshape before an RNN removed", remove_reshape),
    Spec("predict_one_sample", ("LS201",), "predict(X[0])", predict_one_sample),
]
BY_NAME = {spec.name: spec for spec in OPERATORS}

# -- linting and judging -------------------------------------------------------------


def program_text(path: Path) -> Optional[str]:
    """The code lstmlint sees: a notebook's code cells as one program, else the file."""
    data = path.read_bytes()
    if path.suffix == ".ipynb":
        from lstmlint.files.notebooks import read_notebook

        notebook = read_notebook(data)
        return None if isinstance(notebook, str) else notebook.text
    from lstmlint.parse.source import Source, decode

    decoded = decode(data, str(path))
    return decoded.text if isinstance(decoded, Source) else None


def errors_of(text: str, name: str, version: int) -> List[Tuple[str, int]]:
    from lstmlint.api import lint_text
    from lstmlint.config.settings import Settings
    from lstmlint.parse.source import source_of

    found = lint_text(source_of(text), name, Settings(keras_version=version), prefilter=False)
    return [(d.code, d.line) for d in found if d.severity.value == "error"]


def line_map(original: str, mutant: str) -> Dict[int, int]:
    """Mutant line -> original line (1-based), for the lines the mutation left alone or changed in place."""
    a, b = original.splitlines(), mutant.splitlines()
    mapping: Dict[int, int] = {}
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        for k in range(j2 - j1):
            mapping[j1 + k + 1] = i1 + min(k, max(i2 - i1 - 1, 0)) + 1
    return mapping


def new_errors(original: List[Tuple[str, int]], mutant: List[Tuple[str, int]], mapping: Dict[int, int]) -> List[Tuple[str, int]]:
    left = Counter(original)
    new = []
    for code, line in mutant:
        key = (code, mapping.get(line, line))
        if left[key]:
            left[key] -= 1
        else:
            new.append((code, line))
    return new


@dataclass
class Record:
    file: str
    operator: str
    line: int
    detail: str
    variant: str
    detected: bool
    new: List[Tuple[str, int]]
    miss: str = ""  # "shape lost" | "check missing" (misses only)
    reason: str = ""
    elsewhere: bool = False  # a miss whose mutant has a new error of another code, far from the mutation
    skipped: str = ""  # why the mutant was not judged (the original already has an error)


def judge(spec: Spec, mutation: Mutation, original_errors, original_text: str, name: str, version: int) -> Record:
    mutant_errors = errors_of(mutation.code, name, version)
    mapping = line_map(original_text, mutation.code)
    new = new_errors(original_errors, mutant_errors, mapping)
    module = cst.parse_module(mutation.code)
    target_lines = _target_lines(module, mutation)
    detected = any(code in spec.codes or abs(line - mutation.line) <= NEAR or line in target_lines for code, line in new)
    record = Record(name, spec.name, mutation.line, mutation.detail, mutation.variant, detected, new)
    if not detected:
        record.elsewhere = bool(new)
        record.miss, record.reason = probe(spec, mutation, module, version)
    return record


def _target_lines(module: cst.Module, mutation: Mutation) -> Set[int]:
    index, positions = index_of(module)
    call = _find(index, mutation.target)
    return {positions[call].start.line} if call is not None else set()


def _find(index: _Index, target: Target) -> Optional[cst.Call]:
    calls = index.named([target.name])
    return calls[target.ordinal] if target.ordinal < len(calls) else None


# -- probes: shape lost or check missing -------------------------------------------


class _Facts:
    """The facts inference emits on the mutant, the values it gave each name, and
    where shapes were lost in it."""

    def __init__(self, module: cst.Module, version: int) -> None:
        from lstmlint.infer.facts import DataCall, LayerCall, ModelCreated
        from lstmlint.infer.interpreter import Interpreter

        self.layer_calls: List[LayerCall] = []
        self.data_calls: List[DataCall] = []
        self.models: List = []
        self.values: Dict[int, List[object]] = defaultdict(list)  # id(Name node) -> values it had
        self.index, self.positions = index_of(module)

        def sink(fact: object) -> None:
            if isinstance(fact, LayerCall):
                self.layer_calls.append(fact)
            elif isinstance(fact, DataCall):
                self.data_calls.append(fact)
            elif isinstance(fact, ModelCreated):
                self.models.append(fact.model)

        def on_name(node: cst.Name, value: object) -> None:
            self.values[id(node)].append(value)

        Interpreter(module, version, sink, on_name=on_name).run()

    # -- where data shapes were lost

    def _binding(self, name: cst.Name):
        """The last binding of ``name`` written before it (source order: the crude view
        that is enough to name a construct)."""
        at = self.positions.get(name)
        found = None
        for target, value, kind in self.index.bindings.get(name.value, []):
            where = self.positions.get(target)
            if at is None or where is None or where.start.line < at.start.line:  # ``x = f(x)`` reads the x before
                found = (target, value, kind)
        return found

    def _good(self, node: cst.CSTNode, good) -> Optional[bool]:
        """Whether a name held data ``good`` accepts there (None: never evaluated)."""
        seen = self.values.get(id(node))
        if not seen:
            return None
        return any(good(v) for v in seen)

    def origin(self, node: Optional[cst.CSTNode], good=None, depth: int = 0) -> str:
        """The first construct, walking back from ``node``, whose inputs were known data
        (``good``) but whose result was not: where the shape was lost."""
        good = good or (lambda v: _shape(v) is not None)
        if node is None:
            return "no data argument"
        if depth > 12:
            return _describe(node, self.index)
        if isinstance(node, cst.Name):
            found = self._binding(node)
            if found is None:
                return "an imported name" if node.value in self.index.imported else "a name bound outside the file's code"
            target, value, kind = found
            if value is None:
                return kind or "a name bound outside the file's code"
            if kind == "an augmented assignment":
                return f"`{node.value} {'+='}` ... (augmented assignment)"
            if self._good(target, good) and not self._good(node, good):
                return "a name changed where inference cannot follow (branch, loop or call)"
            return self.origin(value, good, depth + 1)
        if isinstance(node, cst.Call):
            parts = [a.value for a in node.args if a.keyword is None and not a.star and self._data_like(a.value)]
            owner = receiver(node)
            if owner is not None and not (isinstance(owner, cst.Name) and owner.value in self.index.imported) and self._data_like(owner):
                parts.append(owner)  # after the arguments: ``scaler.transform(X)`` is about X
            known = [p for p in parts if isinstance(p, cst.Name) and self._good(p, good)]
            unknown = [p for p in parts if not (isinstance(p, cst.Name) and self._good(p, good))]
            if known or not unknown:
                return _describe(node, self.index)
            return self.origin(unknown[0], good, depth + 1)
        if isinstance(node, cst.BinaryOperation):  # ``x / 255.``: the data operand
            operands = [o for o in (node.left, node.right) if self._data_like(o)]
            unknown = [o for o in operands if not (isinstance(o, cst.Name) and self._good(o, good))]
            if operands and len(unknown) == len(operands):
                return self.origin(unknown[0], good, depth + 1)
            return "arithmetic on data"
        if isinstance(node, (cst.Subscript, cst.Attribute)):
            inner = node.value
            if isinstance(inner, cst.Name) and self._good(inner, good):
                return _describe(node, self.index)
            if isinstance(node, cst.Attribute) and isinstance(inner, cst.Name) and inner.value in self.index.imported:
                return _describe(node, self.index)
            return self.origin(inner, good, depth + 1)
        return _describe(node, self.index)

    def _data_like(self, node: cst.CSTNode) -> bool:
        """An expression that may hold data: not a literal, and not a name that only held
        plain Python values (the sizes in ``x.reshape(n, t, 1)``)."""
        from lstmlint.infer.values import Array, Tensor

        if isinstance(node, cst.Name):
            seen = self.values.get(id(node))
            return not seen or any(isinstance(v, (Array, Tensor)) or not isinstance(v, (int, float, str, tuple, bool, type(None))) for v in seen)
        if isinstance(node, cst.Subscript) and _is_shape_attr(node.value):
            return False  # ``x.shape[0]``: a size
        if isinstance(node, cst.Call) and callee(node) in ("len", "int", "prod", "float", "round"):
            return False
        if isinstance(node, cst.BinaryOperation):
            return self._data_like(node.left) or self._data_like(node.right)
        return isinstance(node, (cst.Call, cst.Subscript, cst.Attribute))

    # -- where model shapes were lost

    def layer_reason(self, call) -> str:
        from lstmlint.measure import _layer_reason

        return _layer_reason(call)

    def model_reason(self, model) -> str:
        """Where the model's shapes were lost: the first layer whose output became unknown
        from known inputs, else the state of the model (as ``lstmlint.measure`` says)."""
        from lstmlint.measure import _model_reason

        for call in self.layer_calls:
            if call.model is model and call.output.dims is None and all(t.shape.dims is not None for t in call.inputs):
                return self.layer_reason(call)
        for tensor in model.outputs:
            lost = self.tensor_reason(tensor)
            if lost:
                return lost
        if model.kind == "sequential" and not model.inputs and model.layers:
            first = model.layers[0]
            return f"Sequential model with no declared input, built from data inference does not know"
        return _model_reason(model)

    def tensor_reason(self, tensor, depth: int = 0) -> str:
        """A Functional tensor's unknown shape: the layer that lost it, or its declaration."""
        if tensor.shape.dims is not None or depth > 200:
            return ""
        for parent in tensor.parents:
            lost = self.tensor_reason(parent, depth + 1)
            if lost:
                return lost
        if tensor.producer is not None:
            call = next((c for c in self.layer_calls if c.layer is tensor.producer), None)
            return self.layer_reason(call) if call is not None else f"`{tensor.producer.name}` output unknown"
        if tensor.declared_at is not None:
            return f"declared input shape unknown: {self.origin(tensor.declared_at)}"
        return "input tensor of unknown shape"




def _describe(node: cst.CSTNode, index: _Index) -> str:
    """A construct, named so that the same construct in other files reads the same:
    ``np.load(...)``, ``train_test_split(...)``, ``.reshape(...) of data``, a list literal."""
    code = cst.Module([]).code_for_node
    if isinstance(node, cst.Call):
        func = node.func
        if isinstance(func, cst.Attribute):
            owner = func.value
            while isinstance(owner, cst.Attribute):
                owner = owner.value
            if isinstance(owner, cst.Name) and owner.value in index.imported:
                return f"`{code(func)}(...)`"
            return f"`.{func.attr.value}(...)` (a method)"
        if isinstance(func, cst.Name):
            return f"`{func.value}(...)`"
        return "a call of a computed function"
    if isinstance(node, cst.Subscript):
        return "a subscript" + (f" of `{code(node.value)}`" if isinstance(node.value, cst.Attribute) else "")
    if isinstance(node, cst.Attribute):
        owner = node.value
        while isinstance(owner, cst.Attribute):
            owner = owner.value
        if isinstance(owner, cst.Name) and owner.value in index.imported:
            return f"`{code(node)}`"
        return f"`.{node.attr.value}`"
    if isinstance(node, (cst.List, cst.ListComp)):
        return "a Python list"
    return type(node).__name__


def _context(index: _Index, node: cst.CSTNode) -> str:
    kinds = [type(n).__name__ for n in index.ancestors(node) if isinstance(n, (cst.FunctionDef, cst.ClassDef, cst.For, cst.While, cst.If, cst.With, cst.Try))]
    return f" (inside {' < '.join(k.replace('FunctionDef', 'def').replace('ClassDef', 'class') for k in kinds)})" if kinds else ""


def probe(spec: Spec, mutation: Mutation, module: cst.Module, version: int) -> Tuple[str, str]:
    """("check missing", "") when inference knew every shape the check needs at the
    mutated code (``module``: the mutant, parsed), else ("shape lost", the construct
    where it was lost)."""
    index, positions = index_of(module)
    target = _find(index, mutation.target)
    if target is None:
        return "shape lost", "target call not found in the mutant"
    facts = _Facts(module, version)
    if spec.name == "drop_return_sequences":
        return _probe_layer(facts, index, target)
    if spec.name in ("input_last_axis", "shape_with_batch"):
        return _probe_declared(facts, index, positions, target, spec.name)
    calls = [c for c in facts.data_calls if c.node is target and not c.validation]
    if spec.name in ("remove_reshape", "predict_one_sample"):
        return _probe_data(facts, index, calls, NEEDS[spec.name], target)
    if spec.name in ("sparse_loss", "dense_units"):
        return _probe_data(facts, index, calls, NEEDS[spec.name], target)
    if spec.name == "delete_flatten":
        calls = [c for c in facts.data_calls if not c.validation and c.method in TARGET_METHODS and _has_layer(c.model, target)]
        if not calls:
            if not any(c.layer.node is target for c in facts.layer_calls):
                owners = [m for m in facts.models if _has_layer(m, target)]
                if owners:
                    return "shape lost", "model: " + facts.model_reason(owners[0])
                return "shape lost", "Dense after the deleted Flatten never applied by inference" + _context(index, target)
            return "shape lost", "no fit/evaluate on the model inference follows" + _context(index, target)
        return _probe_data(facts, index, calls, NEEDS[spec.name], target)
    raise ValueError(spec.name)


def _int(dim) -> bool:
    return isinstance(dim, int) and not isinstance(dim, bool)


def _shape(value):
    """The shape of an array or tensor value, if its rank is known."""
    from lstmlint.infer.values import Array, Tensor

    return value.shape if isinstance(value, (Array, Tensor)) and value.shape.dims is not None else None


def _model_input(call):
    model = call.model
    if call.input_index < len(model.inputs):
        return model.inputs[call.input_index].shape if model.inputs[call.input_index].shape.dims is not None else None
    return None


def _model_output(call):
    output = call.model.output
    return output.shape if output is not None and output.shape.dims is not None else None


def _need_last_axes(call) -> str:
    """Both last axes as numbers: the data's width and the declared one (or the targets'
    classes and the output's units)."""
    x, declared = _shape(call.x), _model_input(call)
    if x is None or not x.rank:
        return "data"
    if declared is None or not declared.rank:
        return "model"
    if not _int(x[-1]):
        return "data width"
    if not _int(declared[-1]):
        return "declared width"
    return ""


def _need_ranks(call) -> str:
    if _shape(call.x) is None:
        return "data"
    if _model_input(call) is None:
        return "model"
    return ""


def _need_classes(call) -> str:
    y, out = _shape(call.y), _model_output(call)
    if y is None or not y.rank:
        return "targets"
    if out is None or not out.rank:
        return "model"
    if not _int(y[-1]):
        return "target classes"
    if not _int(out[-1]):
        return "output units"
    return ""


def _need_one_hot(call) -> str:
    y = _shape(call.y)
    if y is None or not y.rank:
        return "targets"
    if not (call.y.one_hot or (_int(y[-1]) and y[-1] > 1)):
        return "target classes"
    if _model_output(call) is None:
        return "model"
    return ""


def _need_target_ranks(call) -> str:
    if _shape(call.y) is None:
        return "targets"
    if _model_output(call) is None:
        return "model"
    return ""


NEEDS = {"input_last_axis": _need_last_axes, "shape_with_batch": _need_ranks, "remove_reshape": _need_ranks,
         "predict_one_sample": _need_ranks, "dense_units": _need_classes, "sparse_loss": _need_one_hot,
         "delete_flatten": _need_target_ranks}


def _has_layer(model, ctor: cst.Call) -> bool:
    if any(layer.node is ctor or (layer.inner is not None and layer.inner.node is ctor) for layer in model.layers):
        return True
    pending, seen = list(model.outputs), set()
    while pending:
        tensor = pending.pop()
        if id(tensor) in seen:
            continue
        seen.add(id(tensor))
        if tensor.producer is not None and tensor.producer.node is ctor:
            return True
        pending.extend(tensor.parents)
    return False


def _probe_layer(facts: _Facts, index: _Index, ctor: cst.Call) -> Tuple[str, str]:
    applied = [c for c in facts.layer_calls if c.layer.node is ctor]
    if any(c.input.shape.dims is not None for c in applied):
        return "check missing", ""
    if applied:
        call = applied[0]
        if call.model is not None:
            return "shape lost", "model: " + facts.model_reason(call.model)
        return "shape lost", "model: " + (facts.tensor_reason(call.input) or "layer input unknown")
    owners = [m for m in facts.models if _has_layer(m, ctor)]
    if owners:
        return "shape lost", "model: " + facts.model_reason(owners[0])
    return "shape lost", "layer never applied by inference" + _context(index, ctor)


def _probe_declared(facts: _Facts, index: _Index, positions, ctor: cst.Call, name: str) -> Tuple[str, str]:
    span = positions[ctor]

    def inside(node) -> bool:
        at = positions.get(node) if node is not None else None
        return at is not None and (span.start.line, span.start.column) <= (at.start.line, at.start.column) and (at.end.line, at.end.column) <= (span.end.line, span.end.column)

    def declared_here(model) -> bool:
        return any(inside(t.declared_at) for t in model.inputs) or any(layer.node is ctor for layer in model.layers[:1])

    if name == "shape_with_batch":  # recurrent/conv layers reject the rank when built
        built = [c for c in facts.layer_calls if c.layer.node is ctor]
        if any(c.input.shape.dims is not None and (c.layer.entry.family in ("recurrent", "conv") or not c.accepted) for c in built):
            return "check missing", ""
    calls = [c for c in facts.data_calls if not c.validation and declared_here(c.model)]
    if not calls:
        owners = [m for m in facts.models if declared_here(m)]
        if not owners:
            return "shape lost", "declaring layer in no model inference built" + _context(index, ctor)
        return "shape lost", "model given no data inference follows" + _context(index, ctor)
    return _probe_data(facts, index, calls, NEEDS[name], ctor)


def _probe_data(facts: _Facts, index: _Index, calls: list, need, target: cst.CSTNode) -> Tuple[str, str]:
    if not calls:
        return "shape lost", "data call not reached by inference" + _context(index, target)
    missing = [need(c) for c in calls]
    if "" in missing:
        return "check missing", ""
    call, what = calls[0], missing[0]
    width = lambda v: _shape(v) is not None and bool(_shape(v).rank) and _int(_shape(v)[-1])  # noqa: E731
    if what in ("data", "data width"):
        return "shape lost", f"{what}: " + facts.origin(call.x_node, width if what == "data width" else None)
    if what in ("targets", "target classes"):
        return "shape lost", f"{what}: " + facts.origin(call.y_node, width if what == "target classes" else None)
    if what in ("declared width", "output units") and (_model_input(call) if what == "declared width" else _model_output(call)) is not None:
        return "shape lost", f"{what}: a size inference holds as a name (not a number)"
    return "shape lost", "model: " + facts.model_reason(call.model)


# -- the run -----------------------------------------------------------------------


def corpus_files(root: Path) -> List[Path]:
    found = []
    for folder, _, names in os.walk(root, followlinks=True):
        found += [Path(folder) / n for n in names if n.endswith((".py", ".ipynb"))]
    return sorted(found)


_FROZEN_KERAS = re.compile(r"^\s*(?:from\s+tensorflow\.python\.keras\.(?:models|layers|engine)[\w.]*\s+import"
                           r"|from\s+tensorflow\.python\.keras\s+import\s.*\b(?:models|layers|Sequential|Model)\b"
                           r"|import\s+tensorflow\.python\.keras)", re.M)


def frozen_keras_only(text: str) -> bool:
    """Layers or models imported from ``tensorflow.python.keras``, the frozen copy inside
    TensorFlow that lstmlint does not treat as Keras: such files are left out."""
    return _FROZEN_KERAS.search(text) is not None


def mutate_file(path: Path, root: Path, version: int, operators: Sequence[Spec] = OPERATORS) -> List[Record]:
    """Every operator's mutant of one file, judged."""
    from lstmlint.parse.source import parse

    text = program_text(path)
    if text is None or ("keras" not in text and "tensorflow" not in text) or frozen_keras_only(text):
        return []
    name = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
    module = parse(text, name)
    if not isinstance(module, cst.Module):
        return []
    records = []
    original_errors = None
    for spec in operators:
        try:
            mutation = spec.apply(module)
        except Exception as exc:  # noqa: BLE001 - an operator bug must not stop the run
            print(f"{name}: operator {spec.name} failed: {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        if mutation is None:
            continue
        if original_errors is None:
            original_errors = errors_of(text, name, version)
        if original_errors:  # Keras may stop at that error first: the mutant's crash is not surely reached
            records.append(Record(name, spec.name, mutation.line, mutation.detail, mutation.variant, False, [],
                                  skipped=f"original has errors ({', '.join(sorted({c for c, _ in original_errors}))})"))
            continue
        records.append(judge(spec, mutation, original_errors, text, name, version))
    return records


def _work(item: Tuple[str, str, int]) -> List[dict]:
    path, root, version = item
    return [asdict(r) for r in mutate_file(Path(path), Path(root), version)]


def run(root: Path, out: Path, version: int, jobs: int) -> List[dict]:
    files = corpus_files(root)
    if not files:
        raise SystemExit(f"no .py or .ipynb files under {root} (build the corpus first: benchmarks/corpus.md)")
    items = [(str(p), str(root), version) for p in files]
    records: List[dict] = []
    if jobs > 1:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            for found in pool.imap(_work, items, chunksize=8):
                records.extend(found)
    else:
        for item in items:
            records.extend(_work(item))
    out.mkdir(parents=True, exist_ok=True)
    with open(out / f"keras{version}.jsonl", "w", encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps(record) + "\n")
    return records


def _counts(records: List[dict]) -> Counter:
    judged = [r for r in records if not r.get("skipped")]
    return Counter(n=len(judged), detected=sum(r["detected"] for r in judged),
                   lost=sum(r["miss"] == "shape lost" for r in judged), missing=sum(r["miss"] == "check missing" for r in judged),
                   elsewhere=sum(bool(r.get("elsewhere")) for r in judged), skipped=len(records) - len(judged))


def tables(records: List[dict], top: int = 15) -> str:
    """Markdown: recall per operator and overall, then the constructs of misses."""
    rows = ["| operator | mutants | detected | recall | missed: shape lost | missed: check missing | misses with a new error elsewhere | not judged (original has errors) |",
            "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for spec in OPERATORS:
        c = _counts([r for r in records if r["operator"] == spec.name])
        rows.append(f"| `{spec.name}` ({spec.summary}) | {c['n']} | {c['detected']} | {_pct(c['detected'], c['n'])} | {c['lost']} | {c['missing']} | {c['elsewhere']} | {c['skipped']} |")
    c = _counts(records)
    rows.append(f"| **all** | {c['n']} | {c['detected']} | {_pct(c['detected'], c['n'])} | {c['lost']} | {c['missing']} | {c['elsewhere']} | {c['skipped']} |")
    reasons = Counter(r["reason"] for r in records if r["miss"] == "shape lost" and not r.get("skipped"))
    missing = Counter(r["operator"] for r in records if r["miss"] == "check missing" and not r.get("skipped"))
    lines = rows + ["", "Where the shapes of missed mutants were lost (most frequent first):", "",
                    "| count | construct |", "|---:|---|"]
    lines += [f"| {count} | {reason} |" for reason, count in reasons.most_common(top)]
    lines += ["", "Misses with every shape known (a check is missing), by operator:", "", "| count | operator |", "|---:|---|"]
    lines += [f"| {count} | `{name}` |" for name, count in missing.most_common()]
    return "\n".join(lines)


def compare(before: List[dict], after: List[dict]) -> str:
    """Markdown: recall per operator, before and after (the same corpus, two lstmlint versions)."""
    rows = ["| operator | mutants | recall before | recall after | shape lost before → after | check missing before → after |", "|---|---:|---:|---:|---:|---:|"]
    for spec in [*OPERATORS, None]:
        pick = (lambda rs: [r for r in rs if r["operator"] == spec.name]) if spec else (lambda rs: rs)
        b, a = _counts(pick(before)), _counts(pick(after))
        name = f"`{spec.name}`" if spec else "**all**"
        mutants = str(a["n"]) if a["n"] == b["n"] else f"{b['n']} → {a['n']}"
        rows.append(f"| {name} | {mutants} | {b['detected']} ({_pct(b['detected'], b['n'])}) | {a['detected']} ({_pct(a['detected'], a['n'])}) | {b['lost']} → {a['lost']} | {b['missing']} → {a['missing']} |")
    return "\n".join(rows)


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "–"


def load(out: Path, version: int) -> List[dict]:
    with open(out / f"keras{version}.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def show(root: Path, file: str, operator: str) -> str:
    path = root / file
    text = program_text(path) or ""
    mutation = BY_NAME[operator].apply(cst.parse_module(text))
    if mutation is None:
        return f"{operator} does not apply to {file}"
    diff = difflib.unified_diff(text.splitlines(True), mutation.code.splitlines(True), file, f"{file} ({operator})")
    return "".join(diff) + f"\n{mutation.detail}; target {mutation.target}\n"


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for command in ("run", "report", "show", "compare"):
        p = sub.add_parser(command)
        p.add_argument("--root", type=Path, default=DEFAULT_ROOT)
        p.add_argument("--out", type=Path, default=DEFAULT_OUT)
        p.add_argument("--keras-version", type=int, choices=(2, 3), default=3)
        p.add_argument("--top", type=int, default=15)
        if command == "run":
            p.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
        if command == "show":
            p.add_argument("file")
            p.add_argument("operator", choices=sorted(BY_NAME))
        if command == "compare":
            p.add_argument("before", type=Path, help="a saved keras<V>.jsonl")
            p.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "show":
        print(show(args.root, args.file, args.operator))
        return 0
    if args.command == "compare":
        read = lambda path: [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]  # noqa: E731
        print(compare(read(args.before), read(args.after)))
        return 0
    records = run(args.root, args.out, args.keras_version, args.jobs) if args.command == "run" else load(args.out, args.keras_version)
    print(tables(records, args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
