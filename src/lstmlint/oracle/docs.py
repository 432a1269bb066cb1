"""Generated docs: ``docs/rules.md`` and ``docs/conformance.md``.

    python -m lstmlint.oracle.docs          # rewrite them
    python -m lstmlint.oracle.docs --check  # exit 1 if they are stale

Both are written from the rule table, lstmlint's own verdicts (computed live)
and the oracle's recorded observations in ``docs/oracle-results.json``, so
this needs no TensorFlow.  Re-running the oracle itself (``python -m
lstmlint.oracle``) is needed only when an example changes.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path
from typing import Dict, List, Optional

from ..diagnostics import Diagnostic
from .compare import Report, Row, coverage_problems, evaluate, load_results
from .snippets import KERAS_VERSIONS, collect, repo_root

RULES_PATH = Path("docs") / "rules.md"
CONFORMANCE_PATH = Path("docs") / "conformance.md"
VERSIONS_DESC = tuple(sorted(KERAS_VERSIONS, reverse=True))  # Keras 3 first


def code_span(text: str, table: bool = False) -> str:
    text = " ".join(str(text).split())
    if not text:
        return ""
    ticks = max((len(m) for m in re.findall(r"`+", text)), default=0) + 1
    fence = "`" * ticks
    pad = " " if ticks > 1 or text.startswith("`") or text.endswith("`") else ""
    span = f"{fence}{pad}{text}{pad}{fence}"
    return span.replace("|", "\\|") if table else span


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9 -]", "", title.lower()).replace(" ", "-")


def versions_text(versions) -> str:
    versions = sorted(versions, reverse=True)
    if len(versions) == 1:
        return f"Keras {versions[0]}"
    return "Keras " + " and ".join(str(v) for v in versions)


def keras_outcome(observation: Optional[dict], table: bool = False, limit: Optional[int] = None) -> str:
    if not observation:
        return "not observed"
    status = observation["status"]
    if status == "ran":
        return "runs"
    if status == "n/a":
        return "n/a (plain `import keras`)"
    if status != "raised":
        return f"**{status}**"
    message = observation.get("message", "")
    if limit and len(message) > limit:
        message = message[: limit - 3] + "..."
    where = f" (line {observation['line']})" if observation.get("line") else ""
    return f"raises **{observation['type']}**{where}: {code_span(message, table)}"


def lint_outcome(diagnostics: List[Diagnostic]) -> str:
    if not diagnostics:
        return "clean"
    return ", ".join(f"{d.code} {d.severity.value} (line {d.line})" for d in diagnostics)


# --------------------------------------------------------------- rules.md


def _rule_section(rule, rows: List[Row], data: dict) -> List[str]:
    from ..rules.registry_view import severity_label

    title = f"{rule.code} {rule.name}"
    out = [f"## {title}", "", f"*{rule.summary}*", ""]
    out += ["| | " + " | ".join(f"Keras {v}" for v in VERSIONS_DESC) + " |", "|---|" + "---|" * len(VERSIONS_DESC)]
    out.append("| Severity | " + " | ".join((rule.severity_for(v).value if rule.severity_for(v) else "not reported") for v in VERSIONS_DESC) + " |")
    out.append("")
    note = getattr(rule, "severity_note", None)
    if note:
        out += [f"Severity note: {severity_label(rule)}.", ""]
    doc = re.sub(r"^(#+) ", lambda m: "#" * (len(m.group(1)) + 1) + " ", rule.doc(), flags=re.M)
    out += [doc, ""]
    for kind, label in (("invalid", "Invalid"), ("valid", "Valid"), ("fixed", "Fixed by `--fix`")):
        mine = [row for row in rows if row.snippet.kind == kind]
        for number, row in enumerate(mine, 1):
            snippet = row.snippet
            out += [f"### {label} example {number} ({versions_text(snippet.claims)})", ""]
            out += ["```python", snippet.source.rstrip("\n"), "```", ""]
            out += ["Real Keras (observed by the oracle):", ""]
            for version in VERSIONS_DESC:
                cell = row.cells[version]
                claim = "" if cell.claimed else " (not claimed by this example)"
                out.append(f"- Keras {version}{claim}: {keras_outcome(cell.observation)}")
            out += ["", "lstmlint:", ""]
            said = {}
            for version in VERSIONS_DESC:
                cell = row.cells[version]
                mine_diags = [d for d in cell.diagnostics if d.code == rule.code]
                if mine_diags:
                    text = "; ".join(
                        f"line {d.line}, {d.severity.value}: {d.message}" + (f" (fix: {d.fix})" if d.fix else "") for d in mine_diags
                    )
                else:
                    others = [d for d in cell.diagnostics if d.severity.value != "info"]
                    text = "silent" if not others else "silent for this rule (" + lint_outcome(others) + ")"
                said.setdefault(text, []).append(version)
            for text, versions in said.items():
                out.append(f"- {versions_text(versions)}: {text}")
            out.append("")
    return out


def render_rules(data: dict, report: Report) -> str:
    from ..rules import ALL_RULES
    from ..rules.registry_view import severity_label
    from ..system_codes import SYSTEM_CODES

    env = data.get("environment", {})
    out = [
        "# Rules",
        "",
        "<!-- Generated by `python -m lstmlint.oracle.docs` from the rule table and docs/oracle-results.json. Do not edit. -->",
        "",
        "Every rule with its severity per Keras version, its documentation, its examples, what lstmlint says",
        "about them, and what real Keras does with them, as observed by the oracle suite",
        f"({_environment_text(env)}). `lstmlint explain CODE` shows the same page in a terminal.",
        "",
        "| Code | Name | Severity | Summary |",
        "|---|---|---|---|",
    ]
    for rule in ALL_RULES:
        out.append(f"| [{rule.code}](#{slug(rule.code + ' ' + rule.name)}) | {rule.name} | {severity_label(rule)} | {rule.summary} |")
    for system in SYSTEM_CODES:
        out.append(f"| [{system.code}](#{slug('file diagnostics')}) | {system.name} | {system.severity.value} | {system.summary} |")
    out.append("")
    by_rule: Dict[str, List[Row]] = {}
    for row in report.rows:
        if row.snippet.rule:
            by_rule.setdefault(row.snippet.rule, []).append(row)
    for rule in ALL_RULES:
        out += _rule_section(rule, by_rule.get(rule.code, []), data)
    out += ["## File diagnostics", "", "Not shape rules: lstmlint reports these about the file itself (no Keras program produces them).", ""]
    for system in SYSTEM_CODES:
        out += [f"- **{system.code} {system.name}** ({system.severity.value}): {system.doc}"]
    return "\n".join(out).rstrip("\n") + "\n"


# ---------------------------------------------------------- conformance.md


def _environment_text(env: dict) -> str:
    parts = [f"Keras {v}: {env[f'keras{v}']}" for v in VERSIONS_DESC if f"keras{v}" in env]
    if "tensorflow" in env:
        parts.append(f"TensorFlow {env['tensorflow']}, CPU")
    return "; ".join(parts) or "no oracle run recorded"


def _percent(agree: int, total: int) -> str:
    return f"{agree}/{total} ({100 * agree / total:.0f}%)" if total else "0/0"


def _agree_cell(row: Row) -> str:
    parts = []
    for version in VERSIONS_DESC:
        cell = row.cells[version]
        if not cell.counted:
            mark = "–"
        else:
            mark = "yes" if cell.agrees else "**NO**"
        parts.append(f"K{version} {mark}")
    return ", ".join(parts)


def render_conformance(data: dict, report: Report, root: Optional[Path] = None) -> str:
    agree, total = report.counts()
    out = [
        "# Conformance: lstmlint against real Keras",
        "",
        "<!-- Generated by `python -m lstmlint.oracle` (observations) and `python -m lstmlint.oracle.docs` (verdicts). Do not edit. -->",
        "",
        f"Oracle: {_environment_text(data.get('environment', {}))}.",
        "",
        f"**Agreement: {_percent(agree, total)}** of the verdicts the rule table, `examples/` and the real-code regressions claim"
        + " (" + ", ".join(f"Keras {v}: {_percent(*report.counts(version=v))}" for v in VERSIONS_DESC) + ").",
        "",
        "| snippets | claimed verdicts | agree |",
        "|---|---|---|",
    ]
    for kind, label in (("invalid", "rule invalid examples"), ("valid", "rule valid examples"),
                        ("fixed", "invalid examples after `--fix`"), ("example", "`examples/` files"),
                        ("regression", "real-code regressions (`tests/regressions/`)")):
        a, t = report.counts(kind=kind)
        n = sum(1 for row in report.rows if row.snippet.kind == kind)
        out.append(f"| {n} {label} | {t} | {_percent(a, t)} |")
    out += [
        "",
        "A verdict is one snippet under one Keras version. It is *claimed* when the snippet is a rule example on a",
        "Keras version the example names, or an `examples/` or `tests/regressions/` file (scripts that `import keras` directly are Keras 3",
        "only). It agrees when lstmlint reports an error exactly where Keras raises, every valid example runs, and",
        "every invalid example raises when its rule is an error there (and runs when it is a warning).",
        "Snippets run with their `try`/`except` statements removed, so errors a script catches still count.",
        "",
    ]
    out += _real_code_section(root)
    failures = report.failures
    if failures:
        out += ["## Disagreements", ""] + [f"- {code_span(f)}" for f in failures] + [""]
    else:
        out += ["No disagreements.", ""]
    out += [
        "## Every snippet",
        "",
        "| snippet | Keras 3 | Keras 2 | lstmlint (Keras 3) | lstmlint (Keras 2) | agrees |",
        "|---|---|---|---|---|---|",
    ]
    for row in report.rows:
        cells = [row.cells[v] for v in VERSIONS_DESC]
        keras = [keras_outcome(c.observation, table=True, limit=140) for c in cells]
        lint = [lint_outcome(c.diagnostics) for c in cells]
        out.append(f"| {code_span(row.snippet.id, True)} | " + " | ".join(keras + lint) + f" | {_agree_cell(row)} |")
    return "\n".join(out) + "\n"


def _real_code_section(root: Optional[Path]) -> List[str]:
    """Per-code precision of the newest pass on the development corpus
    (``benchmarks/precision-verdicts*.tsv``, judged by reducing each sampled
    error to a program and running it under both versions: docs/precision.md)."""
    passes = sorted((root or repo_root()).glob("benchmarks/precision-verdicts*.tsv"), key=lambda p: (len(p.name), p.name))
    if not passes:
        return []
    with passes[-1].open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    counts: Dict[tuple, Dict[str, int]] = {}
    for row in rows:
        tally = counts.setdefault((row["code"], row["keras"]), {"TRUE": 0, "FALSE": 0, "WRONG-CAUSE": 0})
        tally[row["verdict"]] = tally.get(row["verdict"], 0) + 1
    out = [
        "## On real code",
        "",
        f"Errors sampled on the development corpus of public Keras code and judged under real Keras ({passes[-1].name};",
        "method, seeds and every pass in [precision.md](precision.md)):",
        "",
        "| code | Keras | sampled | true | false | wrong cause |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for (code, version), tally in sorted(counts.items()):
        out.append(f"| {code} | {version} | {sum(tally.values())} | {tally['TRUE']} | {tally['FALSE']} | {tally['WRONG-CAUSE']} |")
    return out + [""]


# ----------------------------------------------------------------- driver


def render_all(data: dict, report: Report, root: Optional[Path] = None) -> Dict[Path, str]:
    return {RULES_PATH: render_rules(data, report), CONFORMANCE_PATH: render_conformance(data, report, root)}


def expected(root: Optional[Path] = None):
    """(results data, report, {path: generated text}) from the recorded observations."""
    root = root or repo_root()
    data = load_results(root)
    report = evaluate(data, collect(root), root)
    return data, report, render_all(data, report, root)


def stale(root: Optional[Path] = None) -> List[str]:
    """Why the committed docs/results do not match the working tree (empty: up to date)."""
    root = root or repo_root()
    data, _, docs = expected(root)
    problems = coverage_problems(data, root=root)
    for relative, text in docs.items():
        path = root / relative
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            problems.append(f"{relative.as_posix()} is stale")
    return problems


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lstmlint.oracle.docs", description="Regenerate docs/rules.md and docs/conformance.md.")
    parser.add_argument("--root", type=Path, default=None)
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if the docs are stale")
    args = parser.parse_args(argv)
    root = args.root or repo_root()
    if args.check:
        problems = stale(root)
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    data, report, docs = expected(root)
    for relative, text in docs.items():
        (root / relative).write_text(text, encoding="utf-8")
        print(f"wrote {relative.as_posix()}")
    missing = coverage_problems(data, root=root)
    for problem in missing:
        print(problem)
    if missing:
        print("run `python -m lstmlint.oracle --changed` (needs the oracle extra) to observe these")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
