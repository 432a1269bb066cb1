"""The rule base class: code, name, severity per Keras version, docs, examples.

A rule's docstring is its documentation (ruff's sections: What it does / Why
is this bad? / ...); its ``VALID`` and ``INVALID`` examples are complete,
runnable programs.  The unit tests assert that lstmlint is silent on every
valid example and reports the rule on every invalid one; the oracle suite
runs the same programs under real Keras.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from typing import Any, ClassVar, Dict, Iterable, List, Optional, Sequence, Tuple, Type

import libcst as cst

from ..diagnostics import Severity
from ..infer.shapes import Shape

KERAS_VERSIONS = (2, 3)


@dataclass(frozen=True)
class Valid:
    """A program Keras accepts (on ``versions``) and the rule must not report."""

    code: str
    versions: Tuple[int, ...] = KERAS_VERSIONS


@dataclass(frozen=True)
class Invalid:
    """A program the rule reports on ``versions``; with error severity, Keras raises there."""

    code: str
    versions: Tuple[int, ...] = KERAS_VERSIONS
    message_contains: Optional[str] = None


@dataclass
class Report:
    """A diagnostic before positions are known: nodes, not lines."""

    node: cst.CSTNode
    message: str
    fix: Optional[str] = None
    expected: Optional[Shape] = None
    actual: Optional[Shape] = None
    related: List[Tuple[cst.CSTNode, str]] = field(default_factory=list)
    severity: Optional[Severity] = None  # overrides the rule's own for this report
    fix_data: Dict[str, str] = field(default_factory=dict)  # what the rule knows that its fixer needs


@dataclass
class CheckContext:
    """What a rule may ask while checking a fact."""

    module: cst.Module
    keras_version: int

    def code(self, node: Optional[cst.CSTNode], limit: int = 60) -> str:
        """Source text of ``node`` on one line, shortened for messages."""
        if node is None:
            return "?"
        text = " ".join(self.module.code_for_node(node).split())
        return text if len(text) <= limit else text[: limit - 3] + "..."


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]
    severity: ClassVar[Dict[int, Severity]]  # Keras version -> severity; absent = not reported
    facts: ClassVar[Tuple[Type[Any], ...]]
    VALID: ClassVar[Sequence[Valid]] = ()
    INVALID: ClassVar[Sequence[Invalid]] = ()

    def check(self, fact: Any, ctx: CheckContext) -> Iterable[Report]:
        raise NotImplementedError

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def severity_for(cls, keras_version: int) -> Optional[Severity]:
        return cls.severity.get(keras_version)


def both(severity: Severity) -> Dict[int, Severity]:
    return {version: severity for version in KERAS_VERSIONS}


ERROR = both(Severity.ERROR)
WARNING = both(Severity.WARNING)
