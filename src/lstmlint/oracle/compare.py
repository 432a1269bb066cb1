"""lstmlint's verdicts against the oracle's observations (no TensorFlow needed).

The observations come from ``docs/oracle-results.json``; lstmlint runs live on
the same source.  :func:`evaluate` applies the suite's failure conditions:

* a valid example (on a Keras version it names) raises, or an invalid one
  still raises after ``lstmlint --fix``;
* an invalid example of an error-severity rule does not raise on a version it
  names; one of a warning-severity rule raises (the rule should be an error);
* lstmlint reports an error where Keras runs (any snippet, any version);
* Keras raises on a snippet the rule table claims (an invalid example on a
  version it names, or any ``examples/`` or regression file) and lstmlint reports no error;
* an error-severity rule lacks an invalid example that raises or a valid
  example that runs.

The severity of an invalid example is the one lstmlint gives it (a rule may
lower its own severity for one report, e.g. LS204 on Keras 3 Sequential
models), or the rule table's when lstmlint does not report it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

from ..diagnostics import Diagnostic, Severity
from .snippets import KERAS_VERSIONS, Snippet, collect, repo_root

RESULTS_PATH = Path("docs") / "oracle-results.json"


def load_results(root: Optional[Path] = None) -> dict:
    path = (root or repo_root()) / RESULTS_PATH
    if not path.exists():
        return {"environment": {}, "snippets": {}}
    return json.loads(path.read_text(encoding="utf-8"))


def dump_results(data: dict) -> str:
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


@dataclass
class Cell:
    """One snippet under one Keras version."""

    version: int
    claimed: bool
    observation: Optional[dict]
    diagnostics: List[Diagnostic]
    problems: List[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        return self.observation["status"] if self.observation else "missing"

    @property
    def raised(self) -> bool:
        return self.status == "raised"

    @property
    def errors(self) -> List[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def verdict(self) -> str:
        if self.errors:
            return "error"
        if any(d.severity is Severity.WARNING for d in self.diagnostics):
            return "warning"
        return "clean" if not self.diagnostics else "info"

    @property
    def counted(self) -> bool:
        """Part of the agreement count: claimed, and Keras has a verdict for it."""
        return self.claimed and self.status != "n/a"

    @property
    def agrees(self) -> bool:
        return not self.problems


@dataclass
class Row:
    snippet: Snippet
    cells: Dict[int, Cell]

    @property
    def problems(self) -> List[str]:
        return [f"Keras {v}: {p}" for v in sorted(self.cells, reverse=True) for p in self.cells[v].problems]


@dataclass
class Report:
    rows: List[Row]
    rule_problems: List[str]

    @property
    def failures(self) -> List[str]:
        out = [f"{row.snippet.id}: {p}" for row in self.rows for p in row.problems]
        return out + self.rule_problems

    def counts(self, kind: Optional[str] = None, version: Optional[int] = None):
        cells = [
            cell
            for row in self.rows
            if kind is None or row.snippet.kind == kind
            for v, cell in row.cells.items()
            if (version is None or v == version) and cell.counted
        ]
        return sum(cell.agrees for cell in cells), len(cells)


def describe(observation: Optional[dict]) -> str:
    if not observation:
        return "no observation"
    status = observation["status"]
    if status != "raised":
        return {"ran": "runs", "n/a": "not run (imports plain `keras`: Keras 3 only)"}.get(status, status)
    where = f" at line {observation['line']}" if observation.get("line") else ""
    return f"raises {observation['type']}{where}: {observation.get('message', '')}"


def judge(snippet: Snippet, version: int, observation: Optional[dict], diagnostics: List[Diagnostic], rule=None) -> Cell:
    cell = Cell(version, snippet.claimed(version), observation, diagnostics)
    problems = cell.problems
    if observation is None:
        problems.append("no oracle observation (re-run `python -m lstmlint.oracle`)")
        return cell
    status = observation["status"]
    if status == "n/a":
        if cell.claimed:
            problems.append("claims Keras 2, but the snippet imports plain `keras`, which is always Keras 3")
        return cell
    if status not in ("ran", "raised"):
        problems.append(f"the Keras run did not finish ({status}: {observation.get('message', '')})")
        return cell
    keras_says = describe(observation)
    codes = ", ".join(sorted({f"{d.code} (line {d.line})" for d in cell.errors}))
    if cell.errors and not cell.raised:
        problems.append(f"lstmlint reports an error ({codes}) but Keras runs it")
    if snippet.kind == "valid" and cell.claimed and cell.raised:
        problems.append(f"valid example, but Keras {keras_says}")
    if snippet.kind == "fixed" and cell.claimed and cell.raised:
        problems.append(f"`lstmlint --fix` output of the invalid example, but Keras {keras_says}")
    if snippet.kind in ("invalid", "example", "regression") and cell.claimed and cell.raised and not cell.errors:
        found = ", ".join(f"{d.code} {d.severity.value}" for d in diagnostics) or "nothing"
        problems.append(f"Keras {keras_says}; lstmlint reports no error (found: {found})")
    if snippet.kind == "invalid" and cell.claimed and rule is not None:
        mine = [d for d in diagnostics if d.code == rule.code]
        if mine:
            severity = Severity.ERROR if any(d.severity is Severity.ERROR for d in mine) else Severity.WARNING
        else:
            severity = rule.severity_for(version)
        if severity is Severity.ERROR and not cell.raised:
            problems.append(f"{rule.code} is an error here, but Keras runs this invalid example")
        elif severity is not None and severity is not Severity.ERROR and cell.raised:
            problems.append(f"{rule.code} is a {severity.value} here, but Keras {keras_says} (make it an error)")
    return cell


def lint(snippet: Snippet, version: int) -> List[Diagnostic]:
    from ..testing import lint_snippet

    return lint_snippet(snippet.source, keras_version=version)


def evaluate(data: dict, snippets: Optional[List[Snippet]] = None, root: Optional[Path] = None) -> Report:
    from ..rules import ALL_RULES, BY_CODE

    snippets = collect(root) if snippets is None else snippets
    recorded = data.get("snippets", {})
    rows = []
    for snippet in snippets:
        entry = recorded.get(snippet.id)
        current = entry is not None and entry.get("sha256") == snippet.sha
        rule = BY_CODE.get(snippet.rule) if snippet.rule else None
        cells = {}
        for version in KERAS_VERSIONS:
            observation = entry["keras"].get(str(version)) if current else None
            cells[version] = judge(snippet, version, observation, lint(snippet, version), rule)
        rows.append(Row(snippet, cells))

    rule_problems = []
    by_rule: Dict[str, List[Row]] = {}
    for row in rows:
        if row.snippet.rule:
            by_rule.setdefault(row.snippet.rule, []).append(row)
    for rule in ALL_RULES:
        if not any(rule.severity_for(v) is Severity.ERROR for v in KERAS_VERSIONS):
            continue
        mine = by_rule.get(rule.code, [])
        if not any(r.snippet.kind == "invalid" and any(c.claimed and c.raised for c in r.cells.values()) for r in mine):
            rule_problems.append(f"{rule.code}: error-severity rule without an invalid example that raises under real Keras")
        if not any(r.snippet.kind == "valid" and any(c.claimed and c.status == "ran" for c in r.cells.values()) for r in mine):
            rule_problems.append(f"{rule.code}: error-severity rule without a valid example that runs under real Keras")
    return Report(rows, rule_problems)


def coverage_problems(data: dict, snippets: Optional[List[Snippet]] = None, root: Optional[Path] = None) -> List[str]:
    """Snippets without a current observation, and observations of snippets that no longer exist."""
    snippets = collect(root) if snippets is None else snippets
    recorded = data.get("snippets", {})
    problems = []
    for snippet in snippets:
        entry = recorded.get(snippet.id)
        if entry is None:
            problems.append(f"{snippet.id}: not in {RESULTS_PATH.as_posix()}")
        elif entry.get("sha256") != snippet.sha:
            problems.append(f"{snippet.id}: changed since the oracle ran it")
        elif set(entry.get("keras", {})) != {str(v) for v in KERAS_VERSIONS}:
            problems.append(f"{snippet.id}: observed on Keras {sorted(entry.get('keras', {}))} only")
    current = {s.id for s in snippets}
    problems += [f"{key}: observed, but no longer a rule example, examples/ or regression file" for key in sorted(set(recorded) - current)]
    return problems
