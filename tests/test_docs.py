"""The generated docs and the oracle's recorded observations match the rule table.

No TensorFlow needed: these read docs/oracle-results.json (written by
`python -m lstmlint.oracle`) and lint the same snippets live.

* a rule example or examples/ file that is new or changed since the oracle
  last ran fails ``test_every_snippet_observed``: run
  `python -m lstmlint.oracle --changed` (needs the oracle extra);
* stale docs/rules.md or docs/conformance.md fail ``test_generated_docs_current``:
  run `python -m lstmlint.oracle.docs`;
* lstmlint disagreeing with what Keras was observed to do fails
  ``test_recorded_conformance`` (the oracle suite's own checks, on the record).
"""

import functools

import pytest

from lstmlint.oracle.compare import coverage_problems
from lstmlint.oracle.docs import expected
from lstmlint.oracle.snippets import repo_root
from lstmlint.oracle.suite import summary

ROOT = repo_root()


@functools.lru_cache(maxsize=None)
def generated():
    return expected(ROOT)


def test_every_snippet_observed():
    data, _, _ = generated()
    problems = coverage_problems(data, root=ROOT)
    assert not problems, "oracle results are missing or outdated; run `python -m lstmlint.oracle --changed`:\n" + "\n".join(problems)


@pytest.mark.parametrize("relative", ["docs/rules.md", "docs/conformance.md"])
def test_generated_docs_current(relative):
    _, _, docs = generated()
    text = {path.as_posix(): body for path, body in docs.items()}[relative]
    path = ROOT / relative
    assert path.exists() and path.read_text(encoding="utf-8") == text, f"{relative} is stale; run `python -m lstmlint.oracle.docs`"


def test_recorded_conformance():
    _, report, _ = generated()
    if report.failures:
        pytest.fail(summary(report), pytrace=False)
