"""JUnit XML for CI dashboards: one test suite per file, one failing test case
per diagnostic (a clean run is one passing case)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from itertools import groupby
from typing import List, TextIO

from ..diagnostics import Diagnostic
from . import location, message_with_fix


def write_junit(diagnostics: List[Diagnostic], files_checked: int, out: TextIO, options: dict) -> None:
    count = str(len(diagnostics))
    # the totals are the sums over the suites (a clean run is one passing case)
    root = ET.Element("testsuites", name="lstmlint", tests=count if diagnostics else "1", failures=count, errors="0")
    if not diagnostics:
        suite = ET.SubElement(root, "testsuite", name="lstmlint", tests="1", failures="0", errors="0")
        ET.SubElement(suite, "testcase", name="no problems found", classname="lstmlint")
    for filename, group in groupby(sorted(diagnostics, key=Diagnostic.sort_key), key=lambda d: d.filename):
        found = list(group)
        suite = ET.SubElement(root, "testsuite", name=filename, tests=str(len(found)), failures=str(len(found)), errors="0")
        for d in found:
            case = ET.SubElement(suite, "testcase", name=f"{d.code} {d.name} at {f'cell {d.cell}, ' if d.cell is not None else ''}line {d.line}, column {d.column}", classname=filename, file=filename, line=str(d.file_span()[0]))
            failure = ET.SubElement(case, "failure", message=message_with_fix(d), type=d.code)
            failure.text = f"{location(d)}: {d.severity.value}: {d.code} {message_with_fix(d)}" + (f"\nhelp: {d.fix}" if d.fix else "")
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
