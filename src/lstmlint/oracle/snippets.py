"""What the oracle runs: snippets, their ids, and source helpers.

The helpers at the top (``normalize``, ``uses_plain_keras``, ``unwrap_try``)
use only the standard library: the runner imports them inside the oracle
interpreter.  ``collect`` imports the rule table lazily.
"""

from __future__ import annotations

import ast
import hashlib
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

KERAS_VERSIONS = (2, 3)


def normalize(code: str) -> str:
    """The source exactly as lstmlint's ``lint_snippet`` sees it (so line numbers agree)."""
    source = textwrap.dedent(code).lstrip("\n")
    return source if source.endswith("\n") else source + "\n"


def digest(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]


def uses_plain_keras(source: str) -> bool:
    """``import keras`` / ``from keras... import``: always Keras 3, even with TF_USE_LEGACY_KERAS=1."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            if any(alias.name == "keras" or alias.name.startswith("keras.") for alias in node.names):
                return True
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level == 0 and (module == "keras" or module.startswith("keras.")):
                return True
    return False


class _UnwrapTry(ast.NodeTransformer):
    """Replace every ``try`` by its body (then its ``else`` and ``finally``)."""

    def _unwrap(self, node):
        self.generic_visit(node)
        body = list(node.body) + list(node.orelse) + list(node.finalbody)
        return body or ast.Pass()

    visit_Try = _unwrap
    if hasattr(ast, "TryStar"):
        visit_TryStar = _unwrap


def unwrap_try(source: str, filename: str):
    """A code object for ``source`` with every try/except removed, line numbers kept."""
    tree = ast.parse(source, filename)
    tree = ast.fix_missing_locations(_UnwrapTry().visit(tree))
    return compile(tree, filename, "exec")


@dataclass
class Snippet:
    id: str  # "LS203/invalid/0" or "examples/seed_example_1.py"
    kind: str  # "invalid" | "valid" | "fixed" (an invalid example after `lstmlint --fix`) | "example" | "regression"
    source: str
    claims: Tuple[int, ...]  # Keras versions on which the rule table / examples claim a verdict
    rule: Optional[str] = None
    index: Optional[int] = None
    keras3_only: bool = False
    sha: str = field(default="")

    def __post_init__(self) -> None:
        self.sha = digest(self.source)
        self.keras3_only = uses_plain_keras(self.source)

    def claimed(self, version: int) -> bool:
        return version in self.claims


def repo_root() -> Path:
    """The checkout this package lives in (src/lstmlint/oracle/ -> repo)."""
    return Path(__file__).resolve().parents[3]


def rule_snippets(rules=None) -> List[Snippet]:
    if rules is None:
        from ..rules import ALL_RULES as rules
    out = []
    for rule in rules:
        for kind, examples in (("invalid", rule.INVALID), ("valid", rule.VALID)):
            for index, example in enumerate(examples):
                out.append(
                    Snippet(
                        id=f"{rule.code}/{kind}/{index}",
                        kind=kind,
                        source=normalize(example.code),
                        claims=tuple(sorted(example.versions)),
                        rule=rule.code,
                        index=index,
                    )
                )
    return out


_FIXED: Dict[str, Tuple[str, int]] = {}  # sha of an invalid example -> its fixed source (fixing costs two lints)


def fixed_snippets(invalid: List[Snippet]) -> List[Snippet]:
    """Each invalid example that ``lstmlint --fix`` (safe fixes, Keras 3) changes,
    as fixed: the oracle must run it where the original failed."""
    from ..fix import fix_text
    from ..config.settings import Settings

    out = []
    for snippet in invalid:
        if snippet.sha not in _FIXED:
            _FIXED[snippet.sha] = fix_text(snippet.source, "example.py", Settings(keras_version=3))
        fixed, count = _FIXED[snippet.sha]
        if count and fixed != snippet.source:
            out.append(Snippet(id=f"{snippet.rule}/fixed/{snippet.index}", kind="fixed", source=fixed,
                               claims=snippet.claims, rule=snippet.rule, index=snippet.index))
    return out


def _file_snippets(folder: Path, kind: str, prefix: str) -> List[Snippet]:
    out = []
    for path in sorted(folder.glob("*.py")):
        source = normalize(path.read_text(encoding="utf-8"))
        snippet = Snippet(id=f"{prefix}/{path.name}", kind=kind, source=source, claims=KERAS_VERSIONS)
        if snippet.keras3_only:
            snippet.claims = (3,)
        out.append(snippet)
    return out


def example_snippets(root: Optional[Path] = None) -> List[Snippet]:
    return _file_snippets((root or repo_root()) / "examples", "example", "examples")


def regression_snippets(root: Optional[Path] = None) -> List[Snippet]:
    """Programs reduced from real public scripts where lstmlint was once wrong
    (a false error or a miss): judged like ``examples/`` files."""
    return _file_snippets((root or repo_root()) / "tests" / "regressions", "regression", "regressions")


def collect(root: Optional[Path] = None) -> List[Snippet]:
    """Every snippet the oracle runs: the rule table's examples, their fixed
    forms, examples/, then the reduced real-code regressions."""
    rules = rule_snippets()
    return rules + fixed_snippets([s for s in rules if s.kind == "invalid"]) + example_snippets(root) + regression_snippets(root)
