"""The certain edits, found from a diagnostic's code and position.

The rule says what is wrong; a fixer here knows how to rewrite the code. A
fixer takes the diagnostic and an index of the module's calls and answers an
:class:`Edit` (a node and how to rewrite it) or ``None`` when it is not sure.

- LS101 caused by a recurrent layer without ``return_sequences=True`` feeding
  another recurrent layer: add ``return_sequences=True`` to the first one.
- LS108 on ``Embedding(..., input_length=...)`` (Keras 3 ignores it): drop it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Tuple

import libcst as cst
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider

from ..diagnostics import Diagnostic

NEEDS_RETURN_SEQUENCES = "this layer needs return_sequences=True"  # LS101's note on the layer to fix
_RECURRENT = frozenset({"LSTM", "GRU", "SimpleRNN", "ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D"})

Position = Tuple[int, int]  # line, column (1-based), as diagnostics count


@dataclass(frozen=True)
class Edit:
    """Rewrite ``node`` (as found in the parsed module) with ``rewrite``, which
    receives the node as updated by edits inside it."""

    node: cst.CSTNode
    rewrite: Callable[[cst.CSTNode], cst.CSTNode]


class CallIndex(cst.CSTVisitor):
    """Calls by where they start, and keyword arguments by where their value starts."""

    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self) -> None:
        self.calls: Dict[Position, List[cst.Call]] = {}
        self.keywords: Dict[Tuple[Position, str], Tuple[cst.Call, cst.Arg]] = {}
        self.ranges: Dict[cst.Call, CodeRange] = {}  # for the byte check of an edited call

    def _at(self, node: cst.CSTNode) -> Position:
        start = self.get_metadata(PositionProvider, node).start
        return start.line, start.column + 1

    def visit_Call(self, node: cst.Call) -> None:
        self.ranges[node] = self.get_metadata(PositionProvider, node)
        self.calls.setdefault(self._at(node), []).append(node)
        for arg in node.args:
            if arg.keyword is not None:
                self.keywords[(self._at(arg.value), arg.keyword.value)] = (node, arg)


def index_module(module: cst.Module) -> CallIndex:
    index = CallIndex()
    MetadataWrapper(module, unsafe_skip_copy=True).visit(index)
    return index


def callee(call: cst.Call) -> str:
    func = call.func
    if isinstance(func, cst.Attribute):
        return func.attr.value
    return func.value if isinstance(func, cst.Name) else ""


Fixer = Callable[[Diagnostic, CallIndex], Optional[Edit]]
FIXERS: Dict[str, Fixer] = {}


def fixer(code: str) -> Callable[[Fixer], Fixer]:
    """Register the fixer of one diagnostic code."""

    def register(function: Fixer) -> Fixer:
        FIXERS[code] = function
        return function

    return register


def edit_for(d: Diagnostic, index: CallIndex) -> Optional[Edit]:
    function = FIXERS.get(d.code)
    return function(d, index) if function is not None else None


@fixer("LS101")
def _add_return_sequences(d: Diagnostic, index: CallIndex) -> Optional[Edit]:
    note = next((r for r in d.related if r.message == NEEDS_RETURN_SEQUENCES), None)
    if note is None:
        return None
    for call in index.calls.get((note.line, note.column), ()):
        target = _recurrent_call(call)
        if target is not None:
            return Edit(target, _return_sequences)
    return None


@fixer("LS108")
def _drop_input_length(d: Diagnostic, index: CallIndex) -> Optional[Edit]:
    found = index.keywords.get(((d.line, d.column), "input_length"))
    if found is None or callee(found[0]) != "Embedding":
        return None
    call, arg = found
    position = call.args.index(arg)
    return Edit(call, lambda updated: drop_arg(updated, position))


def _recurrent_call(call: cst.Call) -> Optional[cst.Call]:
    """The recurrent layer constructor itself (inside ``Bidirectional(...)`` too)."""
    name = callee(call)
    if name in _RECURRENT:
        return call
    if name == "Bidirectional":
        wrapped = next((a.value for a in call.args if a.keyword is None or a.keyword.value == "layer"), None)
        if isinstance(wrapped, cst.Call) and callee(wrapped) in _RECURRENT:
            return wrapped
    return None


def mark_fixable(module: cst.Module, diagnostics: List[Diagnostic]) -> None:
    """Set ``fixable`` on the diagnostics ``--fix`` can fix (only files that have
    candidates pay for the position pass)."""
    candidates = [d for d in diagnostics if d.code in FIXERS]
    if not candidates:
        return
    index = index_module(module)
    for d in candidates:
        d.fixable = edit_for(d, index) is not None


class ApplyEdits(cst.CSTTransformer):
    """One pass that rewrites every edited node."""

    def __init__(self, edits: Dict[cst.CSTNode, Edit]) -> None:
        self.edits = edits

    def on_leave(self, original: cst.CSTNode, updated: cst.CSTNode):  # type: ignore[override]
        edit = self.edits.get(original)
        return updated if edit is None else edit.rewrite(updated)


def drop_arg(call: cst.Call, position: int) -> cst.Call:
    args = list(call.args)
    removed = args.pop(position)
    if args and position == len(args):  # removed the last one: the new last keeps its comma style
        args[-1] = args[-1].with_changes(comma=removed.comma)
    return call.with_changes(args=args)


def _return_sequences(call: cst.Call) -> cst.Call:
    args = list(call.args)
    for i, arg in enumerate(args):
        if arg.keyword is not None and arg.keyword.value == "return_sequences":
            args[i] = arg.with_changes(value=cst.Name("True"))
            return call.with_changes(args=args)
    new = cst.Arg(
        keyword=cst.Name("return_sequences"),
        value=cst.Name("True"),
        equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
    )
    if not args:
        return call.with_changes(args=[new])
    last = args[-1]
    if isinstance(last.comma, cst.Comma):  # a trailing comma (one argument per line): keep the layout
        between = args[-2].comma if len(args) > 1 and isinstance(args[-2].comma, cst.Comma) else cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        args[-1] = last.with_changes(comma=between)
        args.append(new.with_changes(comma=last.comma))
    else:
        args[-1] = last.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        args.append(new)
    return call.with_changes(args=args)
