"""Every rule's embedded examples, as tests (the style of Fixit's VALID/INVALID).

Valid examples must produce no error at all (real Keras runs them), and not
the rule itself at any severity; invalid ones must produce the rule on every
Keras version they name, and no error from it on the others.
"""

import pytest

from lstmlint.diagnostics import Severity
from lstmlint.rules import ALL_RULES
from lstmlint.rules.base import KERAS_VERSIONS

from lstmlint.testing import lint_snippet as lint

CASES = [
    pytest.param(rule, kind, index, example, version, id=f"{rule.code}-{kind}{index}-keras{version}")
    for rule in ALL_RULES
    for kind, examples in (("valid", rule.VALID), ("invalid", rule.INVALID))
    for index, example in enumerate(examples)
    for version in KERAS_VERSIONS
]


def test_every_rule_has_examples():
    for rule in ALL_RULES:
        assert rule.INVALID, f"{rule.code} has no invalid example"
        assert rule.VALID, f"{rule.code} has no valid example"
        assert rule.__doc__ and "## What it does" in rule.__doc__, rule.code


@pytest.mark.parametrize("rule, kind, index, example, version", CASES)
def test_example(rule, kind, index, example, version):
    found = lint(example.code, keras_version=version)
    mine = [d for d in found if d.code == rule.code]
    if kind == "valid":
        if version in example.versions:
            assert not mine, mine
            assert not [d for d in found if d.severity is Severity.ERROR], found
        return
    if version in example.versions:
        assert mine, f"{rule.code} not reported; found {found}"
        if example.message_contains:
            assert any(example.message_contains in d.message or example.message_contains in (d.fix or "") for d in mine), mine
        if rule.severity_for(version) is Severity.ERROR:
            assert any(d.severity is Severity.ERROR for d in mine), mine
    else:
        assert not [d for d in mine if d.severity is Severity.ERROR], mine
