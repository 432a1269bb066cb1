"""GitLab code quality report (``artifacts:reports:codequality``): a JSON array
of issues that GitLab shows in merge requests and on the changed lines."""

from __future__ import annotations

import json
from typing import List, TextIO

from ..diagnostics import Diagnostic, Severity
from . import fingerprints, message_with_fix, report_path

# GitLab's levels are info, minor, major, critical, blocker
_LEVELS = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def write_gitlab(diagnostics: List[Diagnostic], files_checked: int, out: TextIO, options: dict) -> None:
    issues = [
        {
            "type": "issue",
            "check_name": d.code,
            "description": f"{d.code} {message_with_fix(d)}",
            "categories": ["Bug Risk"],
            "severity": _LEVELS[d.severity],
            "fingerprint": fingerprint,
            "location": {"path": report_path(d.filename), "lines": {"begin": span[0], "end": max(span[2], span[0])}},
        }
        for d, fingerprint in zip(diagnostics, fingerprints(diagnostics))
        for span in [d.file_span()]  # a notebook: its JSON lines
    ]
    json.dump(issues, out, indent=2)
    out.write("\n")
