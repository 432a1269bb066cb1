"""Rules as the CLI and docs show them: severity labels, rows, full pages."""

from __future__ import annotations

import re
from typing import List, Optional, Tuple

from . import ALL_RULES, BY_CODE, BY_NAME
from .base import KERAS_VERSIONS, Rule
from ..system_codes import SYSTEM_CODES

_CODE = re.compile(r"^[A-Z]{1,3}[0-9]{0,3}$")


def all_codes() -> List[str]:
    return [r.code for r in ALL_RULES] + [s.code for s in SYSTEM_CODES]


def is_code_prefix(code: str) -> bool:
    """Whether ``code`` names a rule or a group of them (``LS101``, ``LS2``, ``LS``)."""
    return bool(_CODE.match(code)) and any(known.startswith(code) for known in all_codes())


def severity_label(rule: type) -> str:
    note = getattr(rule, "severity_note", None)
    if note:
        return note
    levels = {v: rule.severity_for(v) for v in KERAS_VERSIONS}
    values = {s.value if s else "-" for s in levels.values()}
    if len(values) == 1:
        return values.pop()
    return ", ".join(f"Keras {v}: {s.value if s else 'not reported'}" for v, s in levels.items())


def rule_rows() -> List[Tuple[str, str, str, str]]:
    rows = [(r.code, r.name, severity_label(r), r.summary) for r in ALL_RULES]
    rows += [(s.code, s.name, s.severity.value, s.summary) for s in SYSTEM_CODES]
    return rows


def catalogue_lines(code: str) -> List[str]:
    """What a table-driven rule covers, one line each: the old spelling, the
    Keras versions that reject it, and what to write instead."""
    rule = BY_CODE.get(code)
    catalogue = getattr(rule, "catalogue", None)
    if catalogue is None:
        return []
    return [f"{old:<44} {versions:<16} -> {replacement}" for old, versions, replacement in catalogue()]


def explain_text(key: str) -> Optional[str]:
    rule = BY_CODE.get(key.upper()) or BY_NAME.get(key)
    if rule is None:
        system = next((s for s in SYSTEM_CODES if key.upper() == s.code or key == s.name), None)
        return None if system is None else f"{system.code} {system.name} ({system.severity.value})\n\n{system.doc}"
    return rule_page(rule)


def rule_page(rule: type) -> str:
    """The rule's page: header, its docstring, then its examples."""
    parts = [f"# {rule.code} {rule.name}", "", f"Severity: {severity_label(rule)}", "", rule.doc(), ""]
    for title, examples in (("Invalid", rule.INVALID), ("Valid", rule.VALID)):
        for example in examples:
            versions = " and ".join(f"Keras {v}" for v in example.versions)
            parts += [f"## {title} example ({versions})", "", "```python", example.code.strip("\n"), "```", ""]
    return "\n".join(parts)


__all__ = ["Rule", "all_codes", "is_code_prefix", "rule_rows", "explain_text", "rule_page", "severity_label"]
