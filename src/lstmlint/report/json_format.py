"""JSON: a stable contract for other tools (an array of diagnostics on stdout);
JSON Lines: the same records, one per line, for streaming."""

from __future__ import annotations

import json
from typing import List, TextIO

from ..diagnostics import Diagnostic


def write_json(diagnostics: List[Diagnostic], files_checked: int, out: TextIO, options: dict) -> None:
    json.dump([d.to_json() for d in diagnostics], out, indent=2)
    out.write("\n")


def write_json_lines(diagnostics: List[Diagnostic], files_checked: int, out: TextIO, options: dict) -> None:
    for d in diagnostics:
        out.write(json.dumps(d.to_json()) + "\n")
