"""The oracle conformance suite: every rule example and examples/ file under real Keras 3 and 2.

Needs the oracle extra (`pip install -e ".[oracle,test]"`); skipped without
TensorFlow.  Takes a few minutes: both Keras versions run in parallel, one
interpreter each.
"""

import importlib.util

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        importlib.util.find_spec("tensorflow") is None or importlib.util.find_spec("tf_keras") is None,
        reason="the oracle needs TensorFlow and tf-keras: pip install -e '.[oracle,test]'",
    ),
]


@pytest.fixture(scope="module")
def outcome():
    from lstmlint.oracle.suite import run

    return run(write=False, echo=lambda *_: None)


def test_lstmlint_agrees_with_keras(outcome):
    from lstmlint.oracle.suite import summary

    _, report, _ = outcome
    if report.failures:
        pytest.fail(summary(report), pytrace=False)


def test_recorded_results_current(outcome):
    from lstmlint.oracle.compare import RESULTS_PATH, dump_results
    from lstmlint.oracle.snippets import repo_root

    data, _, _ = outcome
    path = repo_root() / RESULTS_PATH
    recorded = path.read_text(encoding="utf-8") if path.exists() else ""
    assert recorded == dump_results(data), "docs/oracle-results.json differs from what Keras did now; run `python -m lstmlint.oracle`"


def test_generated_docs_current(outcome):
    from lstmlint.oracle.snippets import repo_root

    _, _, docs = outcome
    for relative, text in docs.items():
        path = repo_root() / relative
        assert path.exists() and path.read_text(encoding="utf-8") == text, f"{relative} is stale; run `python -m lstmlint.oracle`"
