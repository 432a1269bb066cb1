"""The habits ruff users bring, end to end: option spellings, rule selection
layered over the config, statistics, noqa on multi-line statements, SARIF
fingerprints, junit totals, the rules table and the top-level help."""

import json
import xml.etree.ElementTree as ET

from cli_helpers import BUGGY, run


def codes(*args: str):
    return [d["code"] for d in json.loads(run("--format", "json", *args).output)]


def test_output_format_is_an_alias_of_format(tree):
    assert run("--output-format", "concise", ".").output == run("--format", "concise", ".").output
    assert "--output-format" in run("check", "--help").output


def test_cli_select_overrides_config_ignore(tree):
    (tree / "pyproject.toml").write_text('[tool.lstmlint]\nignore = ["LS2"]\n')
    assert codes(".") == ["LS101"]
    assert codes("--select", "LS203", ".") == ["LS203"]  # the command line's select starts afresh
    assert codes("--select", "LS", ".") == ["LS203", "LS101"]
    assert codes("--extend-select", "LS203", ".") == ["LS203", "LS101"]  # a later layer re-enables it
    assert codes("--select", "LS203", "--ignore", "LS2", ".") == ["LS203"]  # the more specific prefix wins
    assert codes("--select", "LS2", "--ignore", "LS203", ".") == []


def test_config_select_and_ignore_by_specificity(tree):
    (tree / ".lstmlint.yaml").write_text("select: [LS203]\nignore: [LS2]\nper-file-ignores:\n  buggy.py: [LS2]\n")
    assert codes(".") == []  # per-file ignores apply whatever is selected
    (tree / ".lstmlint.yaml").write_text("select: [LS203]\nignore: [LS2]\n")
    assert codes(".") == ["LS203"]


def test_statistics_counts_per_code(tree):
    (tree / "again.py").write_text(BUGGY)
    lines = run("--statistics", ".").output.splitlines()
    assert lines == [
        "2  LS203  [ ] feature-count-mismatch",
        "1  LS101  [*] recurrent-input-rank",
        "Found 3 problems. 1 fixable with `lstmlint --fix`.",
    ]
    assert [(r["code"], r["count"]) for r in json.loads(run("--statistics", "--format", "json", ".").output)] == [("LS203", 2), ("LS101", 1)]


MULTI_LINE = """\
from tensorflow import keras
from tensorflow.keras import layers

first = keras.Sequential([  # noqa: LS101
    layers.LSTM(8, input_shape=(5, 3)),
    layers.LSTM(4),
])
last = keras.Sequential([
    layers.LSTM(8, input_shape=(5, 3)),
    layers.LSTM(4),
])  # noqa: LS101
other_code = keras.Sequential([  # noqa: LS203
    layers.LSTM(8, input_shape=(5, 3)),
    layers.LSTM(4),
])
"""


def test_noqa_on_first_or_last_line_of_a_statement(tree):
    (tree / "multi.py").write_text(MULTI_LINE)
    found = json.loads(run("--format", "json", "--report-unused-noqa", "multi.py").output)
    assert [(d["code"], d["line"]) for d in found] == [("LS904", 12), ("LS101", 14)]


def test_sarif_fingerprints_and_source_root(tree):
    log = json.loads(run("--format", "sarif", ".").output)
    run_ = log["runs"][0]
    assert run_["originalUriBaseIds"] == {"%SRCROOT%": {"uri": tree.resolve().as_uri() + "/"}}
    prints = [r["partialFingerprints"]["lstmlint/v1"] for r in run_["results"]]
    assert len(set(prints)) == 2
    (tree / "buggy.py").write_text("# a comment moves the bug down a line\n" + BUGGY)
    moved = json.loads(run("--format", "sarif", ".").output)["runs"][0]["results"]
    assert moved[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 9
    assert [r["partialFingerprints"]["lstmlint/v1"] for r in moved] == prints  # same alerts, not new ones


def test_junit_totals_are_the_sums_of_the_suites(tree):
    (tree / "again.py").write_text(BUGGY)
    for args in ((".",), ("--isolated", "--ignore", "LS", ".")):
        root = ET.fromstring(run("--format", "junit", *args).output)
        suites = root.findall("testsuite")
        for key in ("tests", "failures", "errors"):
            assert int(root.get(key)) == sum(int(s.get(key)) for s in suites)
        assert all(int(s.get("tests")) == len(s.findall("testcase")) for s in suites)


def test_rules_table_is_aligned():
    lines = run("rules").output.splitlines()
    rows = [line for line in lines if line.startswith("LS")]
    columns = {len(line) - len(line.lstrip()) for line in lines if not line.startswith("LS")}
    assert len(columns) == 1  # wrapped severities continue in the severity column
    short = next(row for row in rows if row.startswith("LS101"))
    long = next(row for row in rows if row.startswith("LS106"))
    assert short.index("Recurrent layer") == long.index("Layer argument")  # summaries start in one column
    assert max(len(row) for row in rows) < 140


def test_help_says_check_is_the_default():
    text = run("--help").output
    assert "`lstmlint PATH...` is short for `lstmlint check PATH...`" in text
    assert "[check] [PATH]..." in text


def test_path_without_check(tree):
    assert run("stacked.py").output == run("check", "stacked.py").output
