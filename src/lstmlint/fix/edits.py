"""The certain edits, found from a diagnostic's code and position.

The rule says what is wrong; a fixer here knows how to rewrite the code. A
fixer takes the diagnostic and an index of the module's calls and answers an
:class:`Edit` (a node and how to rewrite it) or ``None`` when it is not sure.

- LS101 caused by a recurrent layer without ``return_sequences=True`` feeding
  another recurrent layer: add ``return_sequences=True`` to the first one.
- LS108 on ``Embedding(..., input_length=...)`` (Keras 3 ignores it): drop it.
- LS111 on a shape given as a number (``shape=42``): make it a tuple, ``(42,)``
  (safe for a literal number only).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Dict, List, Mapping, Optional, Set, Tuple

import libcst as cst
from libcst.metadata import CodeRange

from ..parse.positions import every_position, statements_on_lines

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


@dataclass(frozen=True)
class Fix:
    """The edits that fix one diagnostic. Only ``safe`` fixes (the program means
    what it meant) are applied by default; unsafe ones need ``--unsafe-fixes``."""

    edits: Tuple[Edit, ...]
    safe: bool = True


def one(node: cst.CSTNode, rewrite: Callable[[cst.CSTNode], cst.CSTNode], safe: bool = True) -> Fix:
    return Fix((Edit(node, rewrite),), safe)


class CallIndex(cst.CSTVisitor):
    """Calls by where they start, and keyword arguments by where their value starts."""

    def __init__(self, module: cst.Module, positions: Mapping[cst.CSTNode, CodeRange]) -> None:
        self.module = module  # fixers that need more than calls scan it themselves
        self.positions = positions
        self.calls: Dict[Position, List[cst.Call]] = {}
        self.keywords: Dict[Tuple[Position, str], Tuple[cst.Call, cst.Arg]] = {}
        self.attributes: Dict[Position, List[cst.Attribute]] = {}
        self.imports: Dict[Position, cst.ImportFrom] = {}  # by where their module path starts
        self.imported: Dict[Position, Tuple[cst.ImportFrom, cst.ImportAlias]] = {}  # by where the name starts
        self.values: Dict[Position, cst.Arg] = {}  # every argument, by where its value starts

    def _at(self, node: cst.CSTNode) -> Position:
        where = self.positions.get(node)
        if where is None:
            return (0, 0)  # outside the statements indexed
        return where.start.line, where.start.column + 1

    def visit_Call(self, node: cst.Call) -> None:
        self.calls.setdefault(self._at(node), []).append(node)
        for arg in node.args:
            self.values[self._at(arg.value)] = arg
            if arg.keyword is not None:
                self.keywords[(self._at(arg.value), arg.keyword.value)] = (node, arg)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self.attributes.setdefault(self._at(node), []).append(node)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if node.module is not None:
            self.imports[self._at(node.module)] = node
        if not isinstance(node.names, cst.ImportStar):
            for alias in node.names:
                self.imported[self._at(alias.name)] = (node, alias)


def index_module(module: cst.Module) -> CallIndex:
    index = CallIndex(module, every_position(module))
    module.visit(index)
    return index


# Fixers that look only at the calls on their diagnostic's lines (and the lines it
# relates): marking them fixable needs positions of those statements alone.
_LOCAL_FIXERS = frozenset({"LS101", "LS108", "LS111", "LS601", "LS602"})


def _index_lines(module: cst.Module, text: Optional[str], lines: Set[int]) -> CallIndex:
    statements, positions = statements_on_lines(module, text, lines)
    index = CallIndex(module, positions)
    for stmt in statements:
        stmt.visit(index)
    return index


def callee(call: cst.Call) -> str:
    func = call.func
    if isinstance(func, cst.Attribute):
        return func.attr.value
    return func.value if isinstance(func, cst.Name) else ""


Fixer = Callable[[Diagnostic, CallIndex], Optional[Fix]]
FIXERS: Dict[str, Fixer] = {}


def fixer(code: str) -> Callable[[Fixer], Fixer]:
    """Register the fixer of one diagnostic code."""

    def register(function: Fixer) -> Fixer:
        FIXERS[code] = function
        return function

    return register


def fix_for(d: Diagnostic, index: CallIndex, unsafe: bool = False) -> Optional[Fix]:
    """The fix of ``d`` that may be applied (unsafe ones only when asked)."""
    function = FIXERS.get(d.code)
    found = function(d, index) if function is not None else None
    return found if found is not None and (found.safe or unsafe) else None


@fixer("LS101")
def _add_return_sequences(d: Diagnostic, index: CallIndex) -> Optional[Fix]:
    note = next((r for r in d.related if r.message == NEEDS_RETURN_SEQUENCES), None)
    if note is None:
        return None
    for call in index.calls.get((note.line, note.column), ()):
        target = _recurrent_call(call)
        if target is not None:
            return one(target, _return_sequences)
    return None


@fixer("LS108")
def _drop_input_length(d: Diagnostic, index: CallIndex) -> Optional[Fix]:
    found = index.keywords.get(((d.line, d.column), "input_length"))
    if found is None or callee(found[0]) != "Embedding":
        return None
    call, arg = found
    position = call.args.index(arg)
    return one(call, lambda updated: drop_arg(updated, position))


@fixer("LS111")
def _shape_tuple(d: Diagnostic, index: CallIndex) -> Optional[Fix]:
    arg = index.values.get((d.line, d.column))
    if arg is None or arg.star:
        return None
    return one(arg.value, _one_tuple, safe=bool(d.fix_data.get("literal")))


def _one_tuple(value: cst.CSTNode) -> cst.CSTNode:
    """``42`` -> ``(42,)``; ``(42)`` -> ``(42,)`` (its parentheses kept)."""
    assert isinstance(value, cst.BaseExpression)
    if value.lpar:
        inner = value.with_changes(lpar=[], rpar=[])
        return cst.Tuple([cst.Element(inner, comma=cst.Comma())], lpar=value.lpar, rpar=value.rpar)
    return cst.Tuple([cst.Element(value, comma=cst.Comma())])


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


def mark_fixable(module: cst.Module, diagnostics: List[Diagnostic], unsafe: bool = False, text: Optional[str] = None) -> None:
    """Set ``fixable`` on the diagnostics ``--fix`` can fix (only files that have
    candidates pay for positions, and only of the statements involved when the
    fixers are local)."""
    candidates = [d for d in diagnostics if d.code in FIXERS]
    if not candidates:
        return
    if all(d.code in _LOCAL_FIXERS for d in candidates):
        lines = {d.line for d in candidates} | {r.line for d in candidates for r in d.related}
        index = _index_lines(module, text, lines)
    else:
        index = index_module(module)
    for d in candidates:
        d.fixable = fix_for(d, index, unsafe) is not None


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
    return call.with_changes(args=append_arg(call, cst.Arg(
        keyword=cst.Name("return_sequences"),
        value=cst.Name("True"),
        equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
    )))


_SPACE = cst.SimpleWhitespace(" ")
_NOTHING = cst.SimpleWhitespace("")


def append_arg(call: cst.Call, new: cst.Arg) -> List[cst.Arg]:
    """The call's arguments with ``new`` after the last one, as a person types it:
    on a line of its own when the arguments are one per line (the last one's
    comment stays on its line), else after ``, ``; a trailing comma stays
    trailing, and the space before ``)`` stays before ``)``."""
    args = list(call.args)
    if not args:
        return [new]
    last = args[-1]
    trailing = isinstance(last.comma, cst.Comma)
    tail = last.comma.whitespace_after if trailing else last.whitespace_after_arg  # what precedes `)`
    if isinstance(tail, cst.ParenthesizedWhitespace):
        indent = _argument_indent(call, args)
        if indent is not None:  # one argument per line: the new one gets a line of its own
            comma = last.comma if trailing else cst.Comma(whitespace_before=_NOTHING)
            args[-1] = last.with_changes(comma=comma.with_changes(whitespace_after=tail.with_changes(
                indent=indent.indent, last_line=indent.last_line)), whitespace_after_arg=_NOTHING)
            closing = cst.ParenthesizedWhitespace(indent=tail.indent, last_line=tail.last_line)
            if trailing:
                return args + [new.with_changes(comma=cst.Comma(whitespace_before=_NOTHING, whitespace_after=closing))]
            return args + [new.with_changes(whitespace_after_arg=closing)]
    if trailing:
        args[-1] = last.with_changes(comma=cst.Comma(whitespace_before=last.comma.whitespace_before, whitespace_after=_SPACE))
        return args + [new.with_changes(comma=cst.Comma(whitespace_before=_NOTHING, whitespace_after=tail))]
    args[-1] = last.with_changes(comma=cst.Comma(whitespace_before=_NOTHING, whitespace_after=_SPACE), whitespace_after_arg=_NOTHING)
    return args + [new.with_changes(whitespace_after_arg=last.whitespace_after_arg)]


def _argument_indent(call: cst.Call, args: List[cst.Arg]) -> Optional[cst.ParenthesizedWhitespace]:
    """The line break before the last argument when it starts a line (its indentation)."""
    before = args[-2].comma.whitespace_after if len(args) > 1 and isinstance(args[-2].comma, cst.Comma) else call.whitespace_before_args
    return before if isinstance(before, cst.ParenthesizedWhitespace) else None
