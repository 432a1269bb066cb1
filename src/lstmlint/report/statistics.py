"""``--statistics``: how often each code was reported, instead of the diagnostics."""

from __future__ import annotations

import json
from collections import Counter
from typing import List, TextIO

from ..diagnostics import Diagnostic
from . import fixable_summary


def write_statistics(diagnostics: List[Diagnostic], out: TextIO, as_json: bool) -> None:
    counts = Counter(d.code for d in diagnostics)
    names = {d.code: d.name for d in diagnostics}
    fixable = {d.code for d in diagnostics if d.fixable}
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if as_json:
        records = [{"code": code, "name": names[code], "count": n, "fixable": code in fixable} for code, n in rows]
        json.dump(records, out, indent=2)
        out.write("\n")
        return
    width = max((len(str(n)) for _, n in rows), default=1)
    code_width = max((len(code) for code, _ in rows), default=0)
    for code, n in rows:
        marker = ("[*] " if code in fixable else "[ ] ") if fixable else ""  # as ruff: names stay aligned
        out.write(f"{n:>{width}}  {code:<{code_width}}  {marker}{names[code]}\n")
    if rows:
        total = len(diagnostics)
        out.write(f"Found {total} problem{'s' if total != 1 else ''}.{fixable_summary(diagnostics)}\n")
