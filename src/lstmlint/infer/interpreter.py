"""The abstract interpreter: walks a module once, in order, and emits facts.

Like pyflakes it binds names first and defers function bodies: a function is
interpreted when the module calls it (with the arguments it was given) and,
if nothing calls it, once at the end with unknown arguments.  Branches and
loops are interpreted once each and their bindings joined; anything the
interpreter cannot follow becomes ``UNKNOWN``, which no rule acts on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

import libcst as cst

from . import arrays, keras_api, tokenizer
from .arrays import ELLIPSIS, SliceValue
from .callargs import CallArgs
from .data_calls import DATA_CALLS
from .datasets import DATASET_CALLS, dataset_method, flattened, map_arguments, mapped, one_window
from .facts import Construction, KerasCall, KerasName, ModelCreated, RaggedArray
from .images import CHANNELS_LAST_CALLS, IMAGE_CALLS, IMAGE_METHODS, PIL_IMAGE, pil_method
from .layer_table import MERGE_FUNCTIONS, OPAQUE, lookup
from .names import canonical, keras_spelling
from .scope import Scope, join_values, join_vars
from .shapes import UNKNOWN, UNKNOWN_SHAPE, LoopIndex, Shape, Sym, dim_arith, fresh_sym, is_known, loop_index
from .tabular import INSTANCE_METHODS, TABULAR_CALLS, changes_frame, forget_columns, frame_column, frame_method, frame_subscript
from .values import Array, Function, Instance, Layer, Model, ModelClass, Ref, Repeated, Tensor, length_of, repeated_in

CALLS = {**DATA_CALLS, **TABULAR_CALLS, **DATASET_CALLS, **IMAGE_CALLS}
_READ_ONLY_DICT_METHODS = frozenset(("get", "items", "keys", "values", "copy"))
_SAVERS = frozenset(("pickle.dump", "pickle.dumps", "joblib.dump", "json.dump", "json.dumps"))  # read what they are given, change nothing
MAX_CALL_DEPTH = 6
# Statements run per file before calls stop being traced: calls nested in
# branches multiply (a recursive ``_compile`` in re/_compiler.py ran for hours).
STATEMENT_BUDGET = 100_000
MAX_EVAL_DEPTH = 120
MAX_INT = 10**12
_HARMLESS_BUILTINS = frozenset(
    "print len isinstance issubclass type repr str format range enumerate zip sorted "
    "reversed min max sum abs round hasattr getattr id hash iter next any all".split()
)


@dataclass
class _Method:
    """An attribute looked up on a value that is then called (``model.fit``)."""

    obj: Any
    name: str


@dataclass
class _Frame:
    base_depth: int
    returns: List[Any] = field(default_factory=list)
    returned: bool = False


def _star_names(module: str, name: str) -> bool:
    """What ``from MODULE import *`` can bind that the linter knows of."""
    if canonical(module) == "keras.layers":
        return lookup(name) is not None or name in MERGE_FUNCTIONS or name == "Input"
    return f"{canonical(module)}.{name}" in CALLS


# keras.backend.set_image_data_format / Keras 1's set_image_dim_ordering: the
# default data_format of every layer made afterwards.
_FORMATS = {"channels_first": "channels_first", "channels_last": "channels_last"}
_IMAGE_FORMAT_SETTERS = {
    "keras.backend.set_image_data_format": _FORMATS,
    "keras.config.set_image_data_format": _FORMATS,
    "keras.backend.set_image_dim_ordering": {"th": "channels_first", "tf": "channels_last"},
}


_UNROLL_LIMIT = 32  # longest literal loop run as written (layers added in `for _ in range(3)`)
_UNROLL_BUDGET = 256  # iterations run as written per file; past that, loops are joined as branches


class _JumpFinder(cst.CSTVisitor):
    def __init__(self) -> None:
        self.found = False

    def visit_Break(self, node: cst.Break) -> None:
        self.found = True

    def visit_Continue(self, node: cst.Continue) -> None:
        self.found = True

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return False


def _has_jump(body: cst.BaseSuite) -> bool:
    finder = _JumpFinder()
    body.visit(finder)
    return finder.found


class _SequentialStacks:
    """The layer stacks of the Sequential models in scope, around branches:
    ``model.add`` changes a model in place, so exclusive branches must each
    start from the stack as it was; where the branches leave different stacks
    the model's later shape is unknown."""

    def __init__(self, scope: Scope) -> None:
        self.models: List[Model] = []
        current: Optional[Scope] = scope
        while current is not None:
            self.models += [v for v in current.vars.values() if isinstance(v, Model) and v.kind == "sequential"]
            current = current.parent
        self.saved = [self._state(m) for m in self.models]
        self.changed = [False] * len(self.models)

    @staticmethod
    def _state(model: Model) -> Tuple[list, list, list, list]:
        return list(model.layers), list(model.inputs), list(model.outputs), list(model.built_shapes)

    def restore(self) -> None:
        for model, (layers, inputs, outputs, built) in zip(self.models, self.saved):
            model.layers, model.inputs, model.outputs, model.built_shapes = list(layers), list(inputs), list(outputs), list(built)

    def record(self) -> None:
        for i, model in enumerate(self.models):
            self.changed[i] = self.changed[i] or len(model.layers) != len(self.saved[i][0])

    def join(self) -> None:
        for model, changed, (layers, inputs, outputs, built) in zip(self.models, self.changed, self.saved):
            if not changed:
                continue
            model.certain = False
            model.layers = layers + [Layer(OPAQUE, {}, {}, model.node)]  # type: ignore[arg-type]
            model.inputs, model.built_shapes = list(inputs), list(built)
            model.outputs = [Tensor(UNKNOWN_SHAPE, None)] if outputs else []


class Interpreter:
    def __init__(
        self,
        module: cst.Module,
        keras_version: int,
        sink: Callable[[object], None],
        *,
        on_name: Optional[Callable[[cst.Name, Any], None]] = None,
    ):
        self.module = module
        self.keras_version = keras_version
        self.sink = sink
        self.on_name = on_name  # told every name bound or read, with its value there (editor hovers)
        self.depth = 0  # branches and loops entered
        self.uncalled = False  # running the functions the module never calls
        self.call_depth = 0
        self.active_calls: List[int] = []  # id(function node) of the calls being traced
        self.statements_run = 0
        self.jumps: Dict[int, bool] = {}  # id(loop body) -> whether it has break/continue
        self.eval_depth = 0
        self.functions: List[Function] = []
        self.called: set = set()
        self.loop_counts: List[Sym] = []  # one symbol per enclosing loop: its iteration count
        self.loop_bodies: List[Tuple[int, bool]] = []  # per enclosing loop: the depth of its body, and whether it has break/continue
        self.statement = 0  # index of the top-level statement holding the code being evaluated
        self.line: Optional[cst.SimpleStatementLine] = None  # the innermost simple statement, if any
        self.statement_of: Dict[int, Tuple[int, Optional[cst.CSTNode]]] = {}  # id(node) -> both, for positions
        self.scope = Scope()  # the module's names, as they stand after ``run``
        self.image_data_format: Any = "channels_last"  # the default data_format of new layers
        self.unroll_budget = _UNROLL_BUDGET  # loop iterations run as written, for the whole file

    # -- entry -------------------------------------------------------------

    def run(self) -> None:
        scope = self.scope
        frame = _Frame(0)
        for index, stmt in enumerate(self.module.body):
            self.statement = index
            self._statement(stmt, scope, frame)
        self.uncalled = True  # what follows may never run
        for fn in self.functions:
            if id(fn.node) not in self.called:
                self.called.add(id(fn.node))
                self._invoke(fn, CallArgs(cst.Call(func=cst.Name("_")), has_star=True))

    @property
    def keras(self) -> keras_api.KerasContext:
        surely_runs = self.depth == 0 and not self.uncalled
        return keras_api.KerasContext(self.sink, self.keras_version, self.depth, self.run_model_call, surely_runs)

    # -- statements ----------------------------------------------------------

    def _block(self, body: Sequence[cst.BaseStatement], scope: Scope, frame: _Frame) -> None:
        for stmt in body:
            if frame.returned:
                return
            self._statement(stmt, scope, frame)

    def _suite(self, suite: cst.BaseSuite, scope: Scope, frame: _Frame) -> None:
        self._block(suite.body, scope, frame)  # type: ignore[arg-type]

    def _statement(self, stmt: cst.CSTNode, scope: Scope, frame: _Frame) -> None:
        self.statements_run += 1
        if isinstance(stmt, cst.SimpleStatementLine):
            self.line = stmt
            for small in stmt.body:
                if frame.returned:
                    break
                self._small(small, scope, frame)
            self.line = None
            return
        self.line = None  # a compound statement's own expressions (tests, iterables)
        if isinstance(stmt, cst.If):
            self._if(stmt, scope, frame)
        elif isinstance(stmt, (cst.For, cst.While)):
            if isinstance(stmt, cst.For):
                iterable = self._eval(stmt.iter, scope)
                items = self._unrollable(stmt, iterable)
                if items is not None:
                    self._unroll(stmt, items, scope, frame)
                    return
                self._assign(stmt.target, self._loop_variable(iterable, stmt.target), scope)
            else:
                self._eval(stmt.test, scope)
            self.loop_counts.append(fresh_sym())
            self.loop_bodies.append((self.depth + 1, self._has_jump(stmt.body)))
            try:
                self._branches([stmt.body.body], scope, frame, fallthrough=True)
            finally:
                self.loop_counts.pop()
                self.loop_bodies.pop()
            if stmt.orelse:
                self._branches([stmt.orelse.body.body], scope, frame, fallthrough=True)
        elif isinstance(stmt, (cst.Try, cst.TryStar)):
            self._suite(stmt.body, scope, frame)
            blocks = [h.body.body for h in stmt.handlers] + ([stmt.orelse.body.body] if stmt.orelse else [])
            if blocks:
                self._branches(blocks, scope, frame, fallthrough=True)
            if stmt.finalbody:
                self._suite(stmt.finalbody.body, scope, frame)
        elif isinstance(stmt, cst.With):
            for item in stmt.items:
                self._eval(item.item, scope)
                if item.asname is not None:
                    self._assign(item.asname.name, UNKNOWN, scope)
            self._suite(stmt.body, scope, frame)
        elif isinstance(stmt, cst.FunctionDef):
            self._def(stmt, scope)
        elif isinstance(stmt, cst.ClassDef):
            self._class(stmt, scope)
        elif isinstance(stmt, cst.Match):
            self._eval(stmt.subject, scope)
            self._branches([case.body.body for case in stmt.cases], scope, frame, fallthrough=True)

    def _if(self, stmt: cst.If, scope: Scope, frame: _Frame) -> None:
        self._eval(stmt.test, scope)
        blocks: List[Sequence[cst.BaseStatement]] = [stmt.body.body]  # type: ignore[list-item]
        orelse = stmt.orelse
        if isinstance(orelse, cst.If):
            blocks.append([orelse])
        elif isinstance(orelse, cst.Else):
            blocks.append(orelse.body.body)  # type: ignore[arg-type]
        self._branches(blocks, scope, frame, fallthrough=orelse is None)

    def _branches(self, blocks: List[Sequence[cst.BaseStatement]], scope: Scope, frame: _Frame, fallthrough: bool) -> None:
        base = dict(scope.vars)
        stacks = _SequentialStacks(scope)
        ends = []
        self.depth += 1
        for block in blocks:
            scope.vars = dict(base)
            stacks.restore()  # each branch starts from the stacks as they were, not from the last branch's
            self._block(block, scope, frame)
            stacks.record()
            ends.append(scope.vars)
        self.depth -= 1
        if fallthrough:
            ends.append(base)
        scope.vars = join_vars(ends)
        stacks.join()

    def _small(self, node: cst.BaseSmallStatement, scope: Scope, frame: _Frame) -> None:
        if isinstance(node, cst.Expr):
            self._eval(node.value, scope)
        elif isinstance(node, cst.Assign):
            value = self._eval(node.value, scope)
            for target in node.targets:
                self._assign(target.target, value, scope)
        elif isinstance(node, cst.AnnAssign):
            if node.value is not None:
                self._assign(node.target, self._eval(node.value, scope), scope)
        elif isinstance(node, cst.AugAssign):
            left = self._eval(node.target, scope)
            right = self._eval(node.value, scope)
            op = type(node.operator).__name__.replace("Assign", "")
            self._assign(node.target, self._arith(op, left, right, node), scope)
        elif isinstance(node, (cst.Import, cst.ImportFrom)):
            self._import(node, scope)
        elif isinstance(node, cst.Return):
            frame.returns.append(self._eval(node.value, scope) if node.value else None)
            if self.depth == frame.base_depth:
                frame.returned = True
        elif isinstance(node, cst.Del):
            self._assign(node.target, UNKNOWN, scope)

    def _import(self, node: cst.CSTNode, scope: Scope) -> None:
        if isinstance(node, cst.Import):
            for alias in node.names:
                full = _dotted(alias.name)
                self._keras_name(full, alias.name, "import")
                if alias.asname is not None:
                    scope.vars[alias.asname.name.value] = Ref(canonical(full), full)  # type: ignore[union-attr]
                else:
                    top = full.split(".")[0]
                    scope.vars[top] = Ref(canonical(top), top)
            return
        assert isinstance(node, cst.ImportFrom)
        if node.relative or node.module is None:
            if not isinstance(node.names, cst.ImportStar):
                for alias in node.names:
                    self._bind_alias(alias, UNKNOWN, scope)
            return
        module = _dotted(node.module)
        self._keras_name(module, node.module, "from")
        if isinstance(node.names, cst.ImportStar):
            scope.star_modules.append(canonical(module))
            return
        for alias in node.names:
            full = f"{module}.{_dotted(alias.name)}"
            self._keras_name(full, alias.name, "name")
            self._bind_alias(alias, Ref(canonical(full), full), scope)

    def _keras_name(self, path: str, node: cst.CSTNode, form: str, spelled: str = "") -> None:
        """Report a Keras name: ``path`` (canonical prefix) is matched, ``spelled``
        (by default ``path``) is how the code wrote it."""
        qualname = keras_spelling(path)
        if qualname.startswith("keras."):
            self.sink(KerasName(qualname, node, form in ("import", "from"), spelled or path, form))

    def _bind_alias(self, alias: cst.ImportAlias, value: Any, scope: Scope) -> None:
        name = alias.asname.name if alias.asname is not None else alias.name
        if isinstance(name, cst.Name):
            scope.vars[name.value] = value

    def _def(self, node: cst.FunctionDef, scope: Scope) -> Function:
        defaults = {
            p.name.value: self._eval(p.default, scope)
            for p in (*node.params.params, *node.params.kwonly_params)
            if p.default is not None
        }
        fn = Function(node, scope, defaults, statement=self.statement)
        scope.vars[node.name.value] = fn
        self.functions.append(fn)
        return fn

    def _class(self, node: cst.ClassDef, scope: Scope) -> None:
        """Methods are analysed like functions; a ``keras.Model`` subclass can be built."""
        bases = [self._eval(arg.value, scope) for arg in node.bases]
        body = Scope(parent=scope)
        methods = {s.name.value: self._def(s, body) for s in node.body.body if isinstance(s, cst.FunctionDef)}
        is_model = any(isinstance(b, Ref) and b.qualname == "keras.models.Model" for b in bases)
        if is_model:
            scope.vars[node.name.value] = ModelClass(node, methods)
        elif all(isinstance(b, ModelClass) and not b.is_model or b == Ref("builtins.object") for b in bases):
            inherited = {name: fn for b in bases if isinstance(b, ModelClass) for name, fn in b.methods.items()}
            scope.vars[node.name.value] = ModelClass(node, {**inherited, **methods}, is_model=False)
        else:
            scope.vars[node.name.value] = UNKNOWN  # a base the linter cannot see

    def _construct(self, cls: ModelClass, a: CallArgs) -> Instance:
        """An instance of a plain class: ``__init__`` runs with it as ``self``."""
        instance = Instance(f"class.{cls.node.name.value}", methods=cls.methods)
        init = cls.methods.get("__init__")
        if init is not None:
            self._invoke(init, _bound(instance, a))
        return instance

    def _instantiate(self, cls: ModelClass, a: CallArgs) -> Model:
        model = Model("subclassed", a.node, methods=cls.methods, created_depth=self.depth)
        self.sink(ModelCreated(model))
        init = cls.methods.get("__init__")
        if init is not None:
            self._invoke(init, _bound(model, a))
        return model

    def run_model_call(self, model: Model, inputs: Tensor) -> Any:
        """Trace a subclassed model's ``call`` on a tensor (as Keras does when it builds)."""
        call = model.methods.get("call")
        if call is None:
            return UNKNOWN
        args = CallArgs(model.node if isinstance(model.node, cst.Call) else cst.Call(func=cst.Name("call")))
        args.positional.append(inputs)
        args.positional_nodes.append(args.node)
        return self._invoke(call, _bound(model, args))

    def _unrollable(self, loop: cst.For, iterable: Any) -> Optional[List[Any]]:
        """The items of a loop that can run as written: over a literal ``range``
        or a literal list, without ``break``/``continue``/``else``, within budget."""
        if loop.orelse is not None or self._has_jump(loop.body):
            return None
        return self._literal_items(iterable)

    def _has_jump(self, body: cst.BaseSuite) -> bool:
        found = self.jumps.get(id(body))
        if found is None:
            found = self.jumps[id(body)] = _has_jump(body)
        return found

    def _literal_items(self, iterable: Any) -> Optional[List[Any]]:
        """The items of a literal ``range`` or list, taken from the file's unroll budget."""
        if isinstance(iterable, Instance) and iterable.type_name == "range":
            items = iterable.attrs.get("values")
        elif isinstance(iterable, (list, tuple)) and repeated_in(iterable) is None:
            items = list(iterable)
        else:
            return None
        if items is None or len(items) > _UNROLL_LIMIT or len(items) > self.unroll_budget:
            return None
        self.unroll_budget -= len(items)
        return items

    def _unroll(self, loop: cst.For, items: List[Any], scope: Scope, frame: _Frame) -> None:
        for item in items:
            self._assign(loop.target, item, scope)
            self._block(loop.body.body, scope, frame)  # type: ignore[arg-type]
            if frame.returned:
                return

    def _loop_variable(self, iterable: Any, target: cst.CSTNode) -> Any:
        """``for i in range(...)``: ``i`` is an integer symbol (that knows its range),
        so ``X[i:i + n]`` has length n."""
        if isinstance(iterable, Instance) and iterable.type_name == "range" and isinstance(target, cst.Name):
            return loop_index(target.value, iterable.attrs.get("bounds"))
        return arrays.row_of(iterable)

    # -- assignment ----------------------------------------------------------

    def _assign(self, target: cst.CSTNode, value: Any, scope: Scope) -> None:
        if isinstance(target, cst.Name):
            scope.vars[target.value] = value
            if self.on_name is not None:
                self.on_name(target, value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            elements = target.elements
            if isinstance(value, (tuple, list)) and repeated_in(value) is None and len(value) == len(elements) and not any(
                isinstance(e, cst.StarredElement) for e in elements
            ):
                for element, item in zip(elements, value):
                    self._assign(element.value, item, scope)
            else:
                for element in elements:
                    self._assign(element.value, UNKNOWN, scope)
        elif isinstance(target, cst.StarredElement):
            self._assign(target.value, UNKNOWN, scope)
        elif isinstance(target, cst.Attribute):
            owner = self._eval(target.value, scope)
            if isinstance(owner, (Model, Instance)):
                owner.attrs[target.attr.value] = value
            elif isinstance(owner, Array) and target.attr.value in ("columns", "index"):
                owner.columns = None if target.attr.value == "columns" else owner.columns  # renamed: the names are not known
            elif isinstance(owner, Array):
                forget_columns(owner)
        elif isinstance(target, cst.Subscript):
            owner = self._eval(target.value, scope)
            if isinstance(owner, Array):
                keys = [self._index(element.slice, scope) for element in target.slice]
                forget_columns(owner, keys[0] if len(keys) == 1 else None)
            if repeated_in(owner) is not None:
                owner[:] = [Repeated(UNKNOWN, UNKNOWN)]  # ``del X[-4:]``: what it holds is no longer known
            if isinstance(owner, Instance):
                tokenizer.forget(owner)  # ``word_index[w] = i``: the dict's size is no longer known

    # -- functions -------------------------------------------------------------

    def _invoke(self, fn: Function, a: CallArgs) -> Any:
        self.called.add(id(fn.node))
        if self.call_depth >= MAX_CALL_DEPTH or id(fn.node) in self.active_calls or self.statements_run >= STATEMENT_BUDGET:
            self._escape(a)  # not traced (too deep, recursive, or past the budget): it may change what it is given
            return UNKNOWN
        scope = Scope(parent=fn.scope)
        params = fn.node.params
        defaults = fn.defaults
        positional = [*params.posonly_params, *params.params]
        for index, param in enumerate(positional):
            name = param.name.value
            if a.has_star:
                value = UNKNOWN
            elif index < len(a.positional):
                value = a.positional[index]
            else:
                value = a.keywords.get(name, defaults.get(name, UNKNOWN))
            scope.vars[name] = value
        for param in params.kwonly_params:
            name = param.name.value
            scope.vars[name] = UNKNOWN if a.has_star else a.keywords.get(name, defaults.get(name, UNKNOWN))
        for star in (params.star_arg, params.star_kwarg):
            if isinstance(star, cst.Param):
                scope.vars[star.name.value] = UNKNOWN
        frame = _Frame(base_depth=self.depth)
        self.call_depth += 1
        self.active_calls.append(id(fn.node))
        caller = self.statement, self.line
        self.statement = fn.statement
        try:
            if isinstance(fn.node, cst.Lambda):
                return self._eval(fn.node.body, scope)
            self._suite(fn.node.body, scope, frame)
        finally:
            self.call_depth -= 1
            self.active_calls.pop()
            self.statement, self.line = caller
        if not frame.returns:
            return None
        return join_values(frame.returns)

    def _lambda(self, node: cst.Lambda, scope: Scope) -> Function:
        """``lambda x: ...`` (what ``dataset.map`` is usually given): a function whose body is one expression."""
        params = node.params
        defaults = {p.name.value: self._eval(p.default, scope) for p in [*params.posonly_params, *params.params, *params.kwonly_params] if p.default is not None}
        return Function(node, scope, defaults, statement=self.statement)  # type: ignore[arg-type]

    # -- expressions ---------------------------------------------------------

    def _eval(self, node: Optional[cst.CSTNode], scope: Scope) -> Any:
        if node is None:
            return None
        if self.eval_depth >= MAX_EVAL_DEPTH:
            return UNKNOWN
        self.statement_of[id(node)] = (self.statement, self.line)
        self.eval_depth += 1
        try:
            return self._eval_node(node, scope)
        finally:
            self.eval_depth -= 1

    def _eval_node(self, node: cst.CSTNode, scope: Scope) -> Any:
        if isinstance(node, cst.Name):
            if node.value in ("True", "False", "None"):
                return {"True": True, "False": False, "None": None}[node.value]
            value = scope.lookup(node.value, _star_names)
            if self.on_name is not None:
                self.on_name(node, value)
            return value
        if isinstance(node, (cst.Integer, cst.Float)):
            return node.evaluated_value
        if isinstance(node, cst.SimpleString):
            return self._string(node)
        if isinstance(node, (cst.Tuple, cst.List)):
            return self._sequence(node, scope)
        if isinstance(node, cst.Dict):
            return self._dict(node, scope)
        if isinstance(node, cst.UnaryOperation):
            value = self._eval(node.expression, scope)
            if isinstance(node.operator, cst.Minus) and isinstance(value, (int, float)) and not isinstance(value, bool):
                return -value
            if isinstance(node.operator, cst.Plus):
                return value
            return UNKNOWN
        if isinstance(node, cst.BinaryOperation):
            left = self._eval(node.left, scope)
            right = self._eval(node.right, scope)
            return self._arith(type(node.operator).__name__, left, right, node)
        if isinstance(node, cst.Attribute):
            return self._attribute(self._eval(node.value, scope), node.attr.value, node)
        if isinstance(node, cst.Subscript):
            return self._subscript(node, scope)
        if isinstance(node, cst.Call):
            return self._call(node, scope)
        if isinstance(node, cst.IfExp):
            self._eval(node.test, scope)
            return join_values([self._eval(node.body, scope), self._eval(node.orelse, scope)])
        if isinstance(node, cst.NamedExpr):
            value = self._eval(node.value, scope)
            self._assign(node.target, value, scope)
            return value
        if isinstance(node, cst.Ellipsis):
            return ELLIPSIS
        if isinstance(node, (cst.ListComp, cst.GeneratorExp)):
            return self._comprehension(node, scope)
        if isinstance(node, cst.Lambda):
            return self._lambda(node, scope)
        if isinstance(node, cst.Comparison) and len(node.comparisons) == 1 and isinstance(
            node.comparisons[0].operator, (cst.Equal, cst.NotEqual, cst.LessThan, cst.GreaterThan, cst.LessThanEqual, cst.GreaterThanEqual)
        ):
            return arrays.compare(self._eval(node.left, scope), self._eval(node.comparisons[0].comparator, scope), node)
        if isinstance(node, (cst.Comparison, cst.BooleanOperation)):
            for child in node.children:
                if isinstance(child, cst.BaseExpression):
                    self._eval(child, scope)
            return UNKNOWN
        return UNKNOWN

    def _dict(self, node: cst.Dict, scope: Scope) -> Any:
        """A dict literal with constant keys (e.g. ``pd.DataFrame({"a": x})``)."""
        result = {}
        for element in node.elements:
            if not isinstance(element, cst.DictElement):
                return UNKNOWN
            key = self._eval(element.key, scope)
            value = self._eval(element.value, scope)
            if not isinstance(key, (str, int)):
                return UNKNOWN
            result[key] = value
        return result

    def _comprehension(self, node: cst.CSTNode, scope: Scope) -> Any:
        """``[seq[i:i + n] for i in range(k)]``: a list of unknown length of such items."""
        loop = node.for_in  # type: ignore[attr-defined]
        if loop.inner_for_in is not None or loop.asynchronous is not None:
            return UNKNOWN
        inner = Scope(parent=scope)
        iterable = self._eval(loop.iter, scope)
        self._assign(loop.target, self._loop_variable(iterable, loop.target), inner)
        item = self._eval(node.elt, inner)  # type: ignore[attr-defined]
        if isinstance(item, Layer) and isinstance(node, cst.ListComp) and not loop.ifs:
            # ``[layers.Dense(8) for _ in range(3)]``: three layers, each its own (not one shared)
            items = self._literal_items(iterable)
            if items is not None:
                layers_made = []
                for value in items:
                    self._assign(loop.target, value, inner)
                    layers_made.append(self._eval(node.elt, inner))  # type: ignore[attr-defined]
                return layers_made
        if loop.ifs:
            item = arrays.forget_uneven(item)  # filtered: the windows kept may all be alike
        count = iterable.attrs.get("length", UNKNOWN) if isinstance(iterable, Instance) and iterable.type_name == "range" else UNKNOWN
        counted = (is_known(count) or isinstance(count, Sym)) and not loop.ifs
        return [Repeated(item, count if counted else fresh_sym())]

    def _string(self, node: cst.SimpleString) -> Any:
        prefix = node.prefix.lower()
        if "b" in prefix:
            return UNKNOWN
        body = node.raw_value
        return body if "r" in prefix or "\\" not in body else UNKNOWN

    def _sequence(self, node: cst.CSTNode, scope: Scope) -> Any:
        items: List[Any] = []
        for element in node.elements:  # type: ignore[attr-defined]
            value = self._eval(element.value, scope)
            if isinstance(element, cst.StarredElement):
                if not isinstance(value, (tuple, list)) or repeated_in(value) is not None and len(node.elements) > 1:  # type: ignore[attr-defined]
                    return UNKNOWN
                items.extend(value)
            else:
                items.append(value)
        return items if isinstance(node, cst.List) else tuple(items)

    def _arith(self, op: str, left: Any, right: Any, node: cst.CSTNode) -> Any:
        symbol = {"Add": "+", "Subtract": "-", "Multiply": "*", "FloorDivide": "//", "Divide": "/", "Power": "**", "Modulo": "%"}.get(op)
        if symbol is None:
            return UNKNOWN
        if isinstance(left, Array) or isinstance(right, Array):
            return arrays.binary_result(left, right, node, symbol)
        if isinstance(left, bool) or isinstance(right, bool):
            return UNKNOWN
        if isinstance(left, (int, Sym)) and isinstance(right, (int, Sym)) and symbol in ("+", "-", "*", "//"):
            result = dim_arith(symbol, left, right)
            return result if not is_known(result) or abs(result) <= MAX_INT else UNKNOWN
        if repeated_in(left) is not None or repeated_in(right) is not None:
            return UNKNOWN  # lists a loop filled have no literal items to join or repeat
        if symbol == "+" and isinstance(left, (tuple, list, str)) and type(left) is type(right):
            return left + right
        if symbol == "*" and isinstance(left, (tuple, list)) and is_known(right) and 0 <= right <= 64:
            return left * right
        if isinstance(left, (int, float)) and isinstance(right, (int, float)):
            return _float_arith(symbol, left, right)
        return UNKNOWN

    def _attribute(self, value: Any, attr: str, node: cst.Attribute) -> Any:
        if isinstance(value, Ref):
            spelled = f"{value.spelled or value.qualname}.{attr}"
            self._keras_name(f"{value.qualname}.{attr}", node, "attribute", spelled)
            qualname = canonical(f"{value.qualname}.{attr}")
            return None if qualname == "numpy.newaxis" else Ref(qualname, spelled)
        if isinstance(value, Array):
            if attr == "shape":
                return self._shape_tuple(value, node.value)
            if attr == "ndim":
                return value.shape.rank if value.shape.rank is not None else UNKNOWN
            if attr == "T":
                return arrays.transpose(value, None, node)
            if value.kind in ("frame", "series") and attr in ("values", "iloc", "loc"):
                return value.derive(value.shape, node, kind="numpy", columns=value.columns) if attr == "values" else value
        if isinstance(value, (Model, Instance)) and attr in value.attrs:
            return value.attrs[attr]
        if isinstance(value, Model) and keras_api.model_attribute(value, attr) is not None:
            return keras_api.model_attribute(value, attr)
        if isinstance(value, (Array, Model, Layer, Tensor, list, Instance)):
            return _Method(value, attr)
        return UNKNOWN

    def _shape_tuple(self, array: Array, value_node: cst.CSTNode) -> Any:
        """``X.shape``: unknown sizes become symbols tied to this array."""
        dims = array.shape.dims
        if dims is None:
            return UNKNOWN
        if any(d is UNKNOWN for d in dims):
            label = self.module.code_for_node(value_node) if isinstance(value_node, cst.Name) else "data"
            dims = tuple(fresh_sym(f"{label}.shape[{i}]") if d is UNKNOWN else d for i, d in enumerate(dims))
            array.shape = Shape(dims)
        return dims

    def _subscript(self, node: cst.Subscript, scope: Scope) -> Any:
        value = self._eval(node.value, scope)
        index_items = [self._index(element.slice, scope) for element in node.slice]
        index = index_items[0] if len(index_items) == 1 else tuple(index_items)
        if isinstance(value, Array):
            if value.kind == "frame" and isinstance(index, (str, list)):
                return frame_column(value, index, node)
            if value.kind == "frame":
                return frame_subscript(value, index, node)  # rows, and df.iloc[:, :-1] / df.loc[:, ["a", "b"]]
            return arrays.subscript(value, index, node)
        if isinstance(value, dict):
            return value.get(index, UNKNOWN) if isinstance(index, (str, int)) else UNKNOWN
        repeated = repeated_in(value)
        if repeated is not None:  # a list a loop filled: its items are alike
            if isinstance(index, SliceValue):
                part = arrays.slice_length(repeated.count, index)
                item = arrays.forget_uneven(repeated.item)  # the part may leave out the windows that differ
                return [Repeated(item, part, repeated.int_range, int_bound=True, ids=repeated.ids)]  # its values may not all occur
            return repeated.item if is_known(index) or isinstance(index, Sym) else UNKNOWN
        if isinstance(value, (tuple, list)):
            if is_known(index):
                return value[index] if -len(value) <= index < len(value) else UNKNOWN
            if isinstance(index, SliceValue) and all(v is None or is_known(v) for v in (index.start, index.stop, index.step)) and index.step != 0:
                return value[slice(index.start, index.stop, index.step)]
        return UNKNOWN

    def _index(self, item: cst.BaseSlice, scope: Scope) -> Any:
        if isinstance(item, cst.Slice):
            return SliceValue(self._eval(item.lower, scope), self._eval(item.upper, scope), self._eval(item.step, scope))
        return self._eval(item.value, scope)  # type: ignore[attr-defined]

    # -- calls -------------------------------------------------------------------

    def _args(self, node: cst.Call, scope: Scope) -> CallArgs:
        a = CallArgs(node)
        for arg in node.args:
            value = self._eval(arg.value, scope)
            if arg.star:
                a.has_star = True
            elif arg.keyword is not None:
                a.keywords[arg.keyword.value] = value
                a.keyword_nodes[arg.keyword.value] = arg.value
            else:
                a.positional.append(value)
                a.positional_nodes.append(arg.value)
        return a

    def _call(self, node: cst.Call, scope: Scope) -> Any:
        func = self._eval(node.func, scope)
        a = self._args(node, scope)
        if isinstance(func, Ref):
            return self._call_ref(func.qualname, a)
        if isinstance(func, _Method):
            return self._call_method(func, a)
        if isinstance(func, Layer):
            return keras_api.call_layer(self.keras, func, a)
        if isinstance(func, Model):
            return keras_api.call_model(self.keras, func, a)
        if isinstance(func, Function):
            return self._invoke(func, a)
        if isinstance(func, ModelClass):
            return self._instantiate(func, a) if func.is_model else self._construct(func, a)
        self._escape(a)
        return UNKNOWN

    def _call_ref(self, qualname: str, a: CallArgs) -> Any:
        if qualname.startswith("keras."):
            self.sink(KerasCall(qualname, a))
        if qualname in CHANNELS_LAST_CALLS and self.image_data_format != "channels_last":
            return UNKNOWN
        handler = CALLS.get(qualname)
        if handler is not None:
            result = handler(a)
            if isinstance(result, RaggedArray):  # NumPy raises here
                self.sink(result)
                return UNKNOWN
            return result
        if keras_api.is_layer_name(qualname) or qualname == "keras.layers.Input":
            self.sink(Construction(qualname.rpartition(".")[2], a))
            return keras_api.make_input(a) if qualname == "keras.layers.Input" else keras_api.make_layer(self.keras, qualname, a, self.image_data_format)
        if qualname.startswith("keras.layers.") and qualname.rpartition(".")[2] in MERGE_FUNCTIONS:
            return keras_api.merge_function(self.keras, qualname, a)
        if qualname in _IMAGE_FORMAT_SETTERS:
            value = _IMAGE_FORMAT_SETTERS[qualname].get(a.get(0, None), UNKNOWN)
            self.image_data_format = value if self.depth == 0 or value == self.image_data_format else UNKNOWN
            return None
        if qualname in ("keras.models.Sequential", "keras.models.Model"):
            model = keras_api.make_sequential(self.keras, a) if qualname.endswith("Sequential") else keras_api.make_functional(a)
            model.created_depth = self.depth
            self.sink(ModelCreated(model))
            return model
        if qualname.startswith(("keras.losses.", "keras.metrics.")) and qualname.rpartition(".")[2][:1].isupper():
            return keras_api.make_loss(qualname, a)
        if qualname in keras_api.CHECKED_CALLBACKS:
            self.sink(Construction(qualname.rpartition(".")[2], a))
        if qualname.startswith("builtins."):
            return self._builtin(qualname[len("builtins."):], a)
        if qualname not in _SAVERS:
            self._escape(a)
        return UNKNOWN

    def _builtin(self, name: str, a: CallArgs) -> Any:
        if name not in _HARMLESS_BUILTINS:
            self._escape(a)
        arg = a.get(0, None)
        if name == "range":
            length = _range_length(a)
            values = list(range(*a.positional)) if is_known(length) and length <= _UNROLL_LIMIT else None
            return Instance("range", {"length": length, "values": values, "bounds": _range_bounds(a)})
        if name == "len":
            return length_of(arg)
        if name in ("list", "tuple") and isinstance(arg, (tuple, list)):
            return list(arg) if name == "list" else tuple(arg)
        if name == "int" and isinstance(arg, (int, float)) and not isinstance(arg, bool):
            return int(arg)
        if name in ("max", "min") and len(a.positional) > 1 and all(is_known(v) for v in a.positional):
            return max(a.positional) if name == "max" else min(a.positional)
        return UNKNOWN

    def _call_method(self, method: _Method, a: CallArgs) -> Any:
        obj, name = method.obj, method.name
        if isinstance(obj, Model):
            return keras_api.model_method(self.keras, obj, name, a)
        if isinstance(obj, Array):
            if obj.kind == "frame" and changes_frame(name, a):
                forget_columns(obj)  # df.pop("c"), df.drop(..., inplace=True)
                return UNKNOWN
            if obj.kind in ("frame", "series"):
                result = frame_method(obj, name, a)
                if result is not UNKNOWN:
                    return result
            return _array_method(obj, name, a)
        if isinstance(obj, Instance):
            if name in obj.methods:
                return self._invoke(obj.methods[name], _bound(obj, a))
            if obj.type_name == "numpy.random.Generator":
                return self._call_ref(f"numpy.random.Generator.{name}", a)
            if obj.type_name == "tensorflow.data.Dataset":
                if name == "flat_map":
                    return self._flat_map(obj, a)
                return self._map(obj, a) if name == "map" else dataset_method(obj, name, a)
            if obj.type_name == PIL_IMAGE:
                return pil_method(obj, name, a)
            handler = INSTANCE_METHODS.get((obj.type_name, name)) or IMAGE_METHODS.get((obj.type_name, name))
            if obj.type_name == tokenizer.DICT and name not in _READ_ONLY_DICT_METHODS:
                tokenizer.forget(obj)  # update, pop, setdefault, ...: its size is no longer known
            a.surely_runs = self.depth == 0 and not self.uncalled
            return handler(obj, a) if handler is not None else UNKNOWN
        if isinstance(obj, list):
            self._list_method(obj, name, a)
        return UNKNOWN

    def _map(self, dataset: Instance, a: CallArgs) -> Any:
        """``dataset.map(fn)`` with ``fn`` defined in the file: traced on one element."""
        fn, parts = a.get(0, "map_func"), map_arguments(dataset)
        if not isinstance(fn, Function) or parts is None:
            return UNKNOWN
        return mapped(dataset, self._invoke(fn, CallArgs(a.node, parts, positional_nodes=[a.node] * len(parts))))

    def _flat_map(self, windows: Instance, a: CallArgs) -> Any:
        """``windows.flat_map(fn)``: ``fn`` traced on one window."""
        fn = a.get(0, "map_func")
        if not isinstance(fn, Function) or "windows" not in windows.attrs:
            return UNKNOWN
        return flattened(windows, self._invoke(fn, CallArgs(a.node, [one_window(windows)], positional_nodes=[a.node])))

    def _list_method(self, items: List[Any], name: str, a: CallArgs) -> None:
        """Lists change in place; in a loop, ``append`` makes a list of unknown length."""
        self._escape(a)
        if name == "append" and len(a.positional) == 1:
            value = a.positional[0]
            if self.loop_bodies and (self.depth != self.loop_bodies[-1][0] or self.loop_bodies[-1][1]):
                value = arrays.forget_uneven(value)  # not appended on every iteration
            if not self.loop_counts and self.depth == 0:
                items.append(value)
                return
            previous = repeated_in(items)
            count = self.loop_counts[-1] if self.loop_counts else UNKNOWN
            if not items or (previous is not None and previous.count is count):
                item = value if previous is None else join_values([previous.item, value])
                items[:] = [Repeated(item, count)]
                return
        if name in ("append", "extend", "insert", "pop", "remove", "clear"):
            items[:] = [Repeated(UNKNOWN, UNKNOWN)]

    def _escape(self, a: CallArgs) -> None:
        """Values handed to code the linter cannot see may be changed by it."""
        values = [*a.positional, *a.keywords.values()]
        values += [v for obj in values if isinstance(obj, Instance) and obj.methods for v in obj.attrs.values()]
        for value in values:
            if isinstance(value, Instance):
                tokenizer.forget(value)
            if isinstance(value, Array) and value.columns is not None:
                forget_columns(value)  # a DataFrame unknown code may change
            if isinstance(value, Model):
                value.certain = False
                if not value.compiled:
                    value.compiled = None


def _array_method(array: Array, name: str, a: CallArgs) -> Any:
    node = a.node
    if name == "reshape":
        new = a.positional[0] if len(a.positional) == 1 else tuple(a.positional)
        return arrays.reshape(array, a.get(None, "shape", new), node) if a.positional or "shape" in a.keywords else UNKNOWN
    if name == "astype":
        return array.derive(array.shape, node, dtype=arrays.dtype_name(a.get(0, "dtype")))
    if name == "squeeze":
        return arrays.squeeze(array, a.get(0, "axis", None), node)
    if name == "transpose":
        axes = tuple(a.positional) if len(a.positional) > 1 else a.get(0, "axes", None)
        return arrays.transpose(array, axes, node)
    if name in ("copy", "numpy"):
        return array.derive(array.shape, node)
    if name in ("flatten", "ravel"):
        return array.derive(Shape((array.shape.size(),)), node)
    if name in ("mean", "sum", "max", "min", "std", "var", "prod"):
        return arrays.reduce(array, a.get(0, "axis", None), a.get(None, "keepdims", False), node)
    if name in ("argmax", "argmin"):
        return arrays.argmax(array, a.get(0, "axis", None), node)
    if name == "repeat":
        return arrays.repeat(array, a.get(0, "repeats"), a.get(1, "axis", None), node)
    if name in ("clip", "round"):
        return arrays.elementwise(array, node, to_float=False, keeps_ints=name == "round")
    return UNKNOWN


def _range_length(a: CallArgs) -> Any:
    bounds = list(a.positional)
    if a.has_star or not 1 <= len(bounds) <= 3 or (len(bounds) == 3 and bounds[2] == 0):
        return UNKNOWN
    if len(bounds) <= 2 and isinstance(bounds[-1], Sym) and (len(bounds) == 1 or is_known(bounds[0])):
        return dim_arith("-", bounds[-1], bounds[0]) if len(bounds) == 2 else bounds[0]  # range(n - w): n - w windows
    if not all(is_known(b) for b in bounds):
        return UNKNOWN
    return len(range(*bounds))


def _range_bounds(a: CallArgs) -> Optional[LoopIndex]:
    """``range(stop)`` / ``range(start, stop)`` / ``range(start, stop, 1)``: what its index runs over."""
    bounds = list(a.positional)
    if a.has_star or a.keywords or not 1 <= len(bounds) <= 3 or (len(bounds) == 3 and bounds[2] != 1):
        return None
    start, stop = (0, bounds[0]) if len(bounds) == 1 else (bounds[0], bounds[1])
    if not all(is_known(b) or isinstance(b, Sym) for b in (start, stop)):
        return None
    return LoopIndex(start, stop, a.node)


def _bound(obj: Any, a: CallArgs) -> CallArgs:
    """The arguments of a method call, with ``self`` first."""
    return CallArgs(a.node, [obj, *a.positional], dict(a.keywords), [a.node, *a.positional_nodes], dict(a.keyword_nodes), a.has_star)


def _float_arith(symbol: str, left: float, right: float) -> Any:
    try:
        if symbol == "+":
            return left + right
        if symbol == "-":
            return left - right
        if symbol == "*":
            return left * right
        if symbol == "/":
            return left / right
    except (ZeroDivisionError, OverflowError):
        return UNKNOWN
    return UNKNOWN


def _dotted(node: cst.CSTNode) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{_dotted(node.value)}.{node.attr.value}"
    return ""
