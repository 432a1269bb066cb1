"""SARIF 2.1.0, the format GitHub code scanning (and most CI dashboards) import.

Every rule goes into ``tool.driver.rules`` with its documentation as help
text, so a code-scanning alert explains itself.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List, TextIO
from urllib.parse import quote

from .. import __version__
from ..diagnostics import Diagnostic, Severity
from . import fingerprints, message_with_fix

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
# Where each rule's page lives (``lstmlint explain CODE`` shows the same text).
RULE_HELP_URI = "https://github.com/lstmlint/lstmlint/blob/main/docs/rules.md#{code}"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def write_sarif(diagnostics: List[Diagnostic], files_checked: int, out: TextIO, options: dict) -> None:
    rules = _rules()
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "lstmlint", "version": __version__, "semanticVersion": __version__, "rules": rules}},
                "columnKind": "unicodeCodePoints",
                # where %SRCROOT% points: relative URIs resolve against the directory lstmlint ran in
                "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().absolute().as_uri() + "/"}},
                "results": [_result(d, index, print_) for d, print_ in zip(diagnostics, fingerprints(diagnostics))],
            }
        ],
    }
    json.dump(log, out, indent=2)
    out.write("\n")


def _rules() -> List[Dict[str, Any]]:
    from ..rules import ALL_RULES
    from ..rules.registry_view import rule_page, severity_label
    from ..system_codes import SYSTEM_CODES

    described = []
    for rule in ALL_RULES:
        level = rule.severity_for(3) or rule.severity_for(2) or Severity.ERROR
        described.append(_rule(rule.code, rule.name, rule.summary, rule_page(rule), level, severity_label(rule)))
    for system in SYSTEM_CODES:
        described.append(_rule(system.code, system.name, system.summary, system.doc, system.severity, system.severity.value))
    return described


def _rule(code: str, name: str, summary: str, page: str, level: Severity, label: str) -> Dict[str, Any]:
    return {
        "id": code,
        "name": name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": summary},
        "help": {"text": page, "markdown": page},
        "helpUri": RULE_HELP_URI.format(code=code.lower()),
        "defaultConfiguration": {"level": _LEVELS[level]},
        "properties": {"severity": label, "tags": ["keras", "shapes"]},
    }


def _result(d: Diagnostic, index: Dict[str, int], fingerprint: str) -> Dict[str, Any]:
    result: Dict[str, Any] = {
        "ruleId": d.code,
        "level": _LEVELS[d.severity],
        "message": {"text": message_with_fix(d)},
        "locations": [_location(d.filename, *d.file_span())],  # a notebook: its JSON, as code scanning shows it
        "partialFingerprints": {"lstmlint/v1": fingerprint},
        "properties": {"fixable": d.fixable},
    }
    if d.code in index:
        result["ruleIndex"] = index[d.code]
    if d.related:
        result["relatedLocations"] = [
            dict(_location(r.filename, *r.file_position()), id=i, message={"text": r.message}) for i, r in enumerate(d.related)
        ]
    if d.fix:
        result["properties"]["help"] = d.fix
    return result


def _location(filename: str, line: int, column: int, end_line: int = 0, end_column: int = 0) -> Dict[str, Any]:
    region = {"startLine": max(line, 1), "startColumn": max(column, 1)}
    if end_line >= line and (end_line, end_column) > (line, column):
        region.update(endLine=end_line, endColumn=end_column)
    return {"physicalLocation": {"artifactLocation": _artifact(filename), "region": region}}


def _artifact(filename: str) -> Dict[str, Any]:
    """Paths under the working directory stay relative (code scanning matches them
    to the repository); others become ``file://`` URIs."""
    path = Path(filename)
    absolute = path.absolute()
    try:
        relative = absolute.relative_to(Path.cwd())
    except ValueError:
        return {"uri": absolute.as_uri()}
    return {"uri": quote(relative.as_posix()), "uriBaseId": "%SRCROOT%"}
