"""benchmarks/precision.py: a stratified, seeded sample of errors and the per-code precision table."""

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("precision", ROOT / "benchmarks" / "precision.py")
precision = importlib.util.module_from_spec(spec)
sys.modules["precision"] = precision
spec.loader.exec_module(precision)


def diag(code, line, filename="f.py", severity="error"):
    return {"code": code, "line": line, "filename": filename, "severity": severity, "message": code}


def test_sample_takes_codes_in_turn_and_repeats_with_the_seed():
    many = [diag("LS404", i) for i in range(20)] + [diag("LS101", 1), diag("LS900", 2)]
    picked = precision.stratified(precision.errors(many + [diag("LS303", 3, severity="warning")]), 3, 7, ["LS900"])
    assert sorted(d["code"] for d in picked) == ["LS101", "LS404", "LS404"]
    assert picked == precision.stratified(many, 3, 7, ["LS900"])
    assert len(precision.stratified(many, 50, 7, [])) == 22  # never more than there are


def test_work_item_excerpt_marks_the_line(tmp_path):
    source = tmp_path / "corpus" / "someone__course" / "a.py"
    source.parent.mkdir(parents=True)
    source.write_text("".join(f"line{i}\n" for i in range(1, 21)))
    item = precision.work_item(diag("LS203", 10, str(source)), tmp_path / "corpus", 3)
    assert item["file"] == "someone__course/a.py" and item["line"] == "10"
    marked = [row for row in item["excerpt"].splitlines() if " > " in row]
    assert marked == ["   10 > line10"]
    assert len(item["excerpt"].splitlines()) == 2 * precision.CONTEXT + 1


def test_notebook_lines_are_counted_per_cell(tmp_path):
    nb = tmp_path / "n.ipynb"
    nb.write_text('{"cells": [{"cell_type": "markdown", "source": "x"},'
                  ' {"cell_type": "code", "source": ["a = 1\\n", "b = 2"]},'
                  ' {"cell_type": "code", "source": ["c = 3\\n", "fit(c)"]}]}')
    d = dict(diag("LS201", 2, str(nb)), cell=3)
    at = precision.program_line(nb, d)
    assert precision.program_text(nb).splitlines()[at - 1] == "fit(c)"
    assert precision.location(d) == "cell 3:2"


def test_report_counts_verdicts_per_code_and_version(tmp_path):
    tsv = tmp_path / "v.tsv"
    tsv.write_text("file\tline\tcode\tkeras\tverdict\tnote\n"
                   "a.py\t1\tLS101\t3\tTRUE\t\n"
                   "b.py\t2\tLS101\t3\tFALSE\truns\n"
                   "b.py\t2\tLS101\t2\tWRONG-CAUSE\t\n")
    table = precision.precision_table(precision.read_verdicts(tsv))
    assert "| LS101 | 3 | 2 | 1 | 1 | 0 | 0.50 |" in table
    assert "| LS101 | 2 | 1 | 0 | 0 | 1 | 0.00 |" in table
    assert "| all | | 3 | 1 | 1 | 1 | 0.33 |" in table


def test_report_rejects_an_unknown_verdict(tmp_path):
    tsv = tmp_path / "v.tsv"
    tsv.write_text("file\tline\tcode\tkeras\tverdict\tnote\na.py\t1\tLS101\t3\tMAYBE\t\n")
    with pytest.raises(SystemExit):
        precision.read_verdicts(tsv)
