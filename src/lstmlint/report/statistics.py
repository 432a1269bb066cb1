"""``--statistics``: how often each code was reported, instead of the diagnostics."""

from __future__ import annotations

import json
from collections import Counter
from typing import List, TextIO

from ..diagnostics import Diagnostic


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
    for code, n in rows:
        out.write(f"{n:>{width}}  {code}  {'[*] ' if code in fixable else ''}{names[code]}\n")
