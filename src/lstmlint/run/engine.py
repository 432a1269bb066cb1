"""One file's analysis: run inference once, let every rule read its facts,
then turn the reports into positioned diagnostics."""

from __future__ import annotations

from collections import defaultdict
from typing import Dict, List, Optional, Tuple, Type

import libcst as cst
from libcst.metadata import CodeRange

from ..diagnostics import Diagnostic, Related, Severity, raise_rank
from ..infer.interpreter import Interpreter
from ..parse.positions import Positions
from ..rules import ALL_RULES
from ..rules.base import CheckContext, Report, Rule
from ..config.settings import Settings


def check_module(module: cst.Module, filename: str, settings: Settings, text: Optional[str] = None) -> List[Diagnostic]:
    """Diagnostics for a parsed module (``text``: the source it was parsed from)."""
    version = settings.keras_version
    rules = [cls() for cls in ALL_RULES if settings.enabled(cls.code) and cls.severity_for(version)]
    by_fact: Dict[type, List[Rule]] = defaultdict(list)
    for rule in rules:
        for fact_type in rule.facts:
            by_fact[fact_type].append(rule)
    ctx = CheckContext(module, version)
    found: List[Tuple[Rule, Report]] = []

    def sink(fact: object) -> None:
        for rule in by_fact.get(type(fact), ()):
            found.extend((rule, report) for report in rule.check(fact, ctx))

    interpreter = Interpreter(module, version, sink)
    interpreter.run()
    if not found:
        return []
    positions = Positions(module, text, interpreter.statement_of)
    diagnostics: Dict[tuple, Diagnostic] = {}
    for rule, report in found:
        diagnostic = _diagnostic(type(rule), report, positions, filename, version)
        if diagnostic is not None:
            diagnostics.setdefault((diagnostic.code, diagnostic.line, diagnostic.column), diagnostic)
    return _state_what_comes_next(list(diagnostics.values()))


def _state_what_comes_next(diagnostics: List[Diagnostic]) -> List[Diagnostic]:
    """Errors that share a line: every one after the first Keras raises says so."""
    by_line: Dict[int, List[Diagnostic]] = defaultdict(list)
    for d in diagnostics:
        if d.severity is Severity.ERROR:
            by_line[d.line].append(d)
    for group in by_line.values():
        group.sort(key=Diagnostic.sort_key)
        first = group[0]
        for later in group[1:]:
            if raise_rank(later.code) > raise_rank(first.code):
                later.message += f" (Keras raises {first.code} on this line first; this comes next)"
    return diagnostics


def _diagnostic(rule: Type[Rule], report: Report, positions, filename: str, version: int) -> Optional[Diagnostic]:
    where: Optional[CodeRange] = positions.get(report.node)
    if where is None:
        return None
    severity = report.severity or rule.severity_for(version) or Severity.ERROR
    related = []
    for node, message in report.related:
        at = positions.get(node)
        if at is not None and node is not report.node:
            related.append(Related(filename, at.start.line, at.start.column + 1, message))
    return Diagnostic(
        code=rule.code,
        name=rule.name,
        severity=severity,
        message=report.message,
        filename=filename,
        line=where.start.line,
        column=where.start.column + 1,
        end_line=where.end.line,
        end_column=where.end.column + 1,
        expected=report.expected.to_json() if report.expected is not None else None,
        actual=report.actual.to_json() if report.actual is not None else None,
        related=related,
        fix=report.fix,
        fix_data=report.fix_data,
    )
