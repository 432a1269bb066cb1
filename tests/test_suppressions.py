"""Suppression comments end to end: noqa, lstmlint: ignore[...], skip-file,
malformed directives (LS903, never widened) and --report-unused-noqa (LS904)."""

import json

import pytest

from cli_helpers import BUGGY, run

FIT = "model.fit(X, np.random.rand(10, 1))"


def check(tmp_path, source, *args):
    (tmp_path / "t.py").write_text(source)
    result = run("--format", "json", *args, str(tmp_path / "t.py"))
    return [(d["code"], d["line"]) for d in json.loads(result.output)]


@pytest.mark.parametrize(
    "comment",
    ["# noqa", "# noqa: LS203", "# NOQA:LS203", "# noqa: LS101, LS203", "# noqa: LS2", "# noqa: E501,LS203 because", "# lstmlint: ignore[LS203]", "# lstmlint: ignore[LS101, LS203]"],
)
def test_suppressed(tmp_path, comment):
    assert check(tmp_path, BUGGY.replace(FIT, f"{FIT}  {comment}")) == []


@pytest.mark.parametrize("comment", ["# noqa: LS101", "# lstmlint: ignore[LS2O3]", "# something noqa-ish"])
def test_other_codes_do_not_suppress(tmp_path, comment):
    found = check(tmp_path, BUGGY.replace(FIT, f"{FIT}  {comment}"))
    assert ("LS203", 8) in found


@pytest.mark.parametrize(
    "comment, message",
    [
        ("# noqa LS203", "`# noqa LS203` lacks a colon (write `# noqa: LS203`)"),
        ("# noqa:", "`# noqa:` names no code"),
        ("# lstmlint: ignore", "unknown `# lstmlint:` directive 'ignore'"),
        ("# lstmlint: ignore[]", "unknown `# lstmlint:` directive"),
        ("# lstmlint: disable=LS203", "unknown `# lstmlint:` directive"),
    ],
)
def test_malformed_is_reported_and_never_widened(tmp_path, comment, message):
    (tmp_path / "t.py").write_text(BUGGY.replace(FIT, f"{FIT}  {comment}"))
    found = json.loads(run("--format", "json", str(tmp_path)).output)
    assert sorted((d["code"], d["line"]) for d in found) == [("LS203", 8), ("LS903", 8)]
    invalid = next(d for d in found if d["code"] == "LS903")
    assert message in invalid["message"] and invalid["severity"] == "warning"
    assert invalid["column"] == len(FIT) + 3


def test_skip_file(tmp_path):
    assert check(tmp_path, "#!/usr/bin/env python\n# lstmlint: skip-file\n" + BUGGY) == []


def test_skip_file_after_code_is_reported(tmp_path):
    found = check(tmp_path, BUGGY + "# lstmlint: skip-file\n")
    assert found == [("LS203", 8), ("LS903", 9)]


def test_noqa_inside_a_string_is_not_a_comment(tmp_path):
    assert check(tmp_path, BUGGY.replace(FIT, f"{FIT}; s = '# noqa'")) == [("LS203", 8)]


def test_report_unused_noqa(tmp_path):
    source = BUGGY.replace(FIT, f"{FIT}  # noqa: LS203, LS101, E501").replace("import numpy as np", "import numpy as np  # lstmlint: ignore[LS301]")
    assert check(tmp_path, source) == []
    found = json.loads(run("--format", "json", "--report-unused-noqa", str(tmp_path / "t.py")).output)
    assert [(d["code"], d["line"]) for d in found] == [("LS904", 1), ("LS904", 8)]
    assert "unused `# lstmlint: ignore` for LS301" in found[0]["message"]
    assert "unused `# noqa` for LS101:" in found[1]["message"]  # E501 belongs to another linter
    assert run("--report-unused-noqa", "--ignore", "LS1,LS3", str(tmp_path / "t.py")).exit_code == 0  # disabled codes are not "unused"


def test_system_codes_listed():
    listing = run("rules").output
    assert "LS903" in listing and "invalid-suppression" in listing and "LS904" in listing
    assert "never widens" in run("explain", "LS903").output
