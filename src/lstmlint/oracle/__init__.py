"""The oracle: real Keras judges lstmlint.

Every rule's VALID/INVALID examples and every ``examples/*.py`` script run
under Keras 3 and Keras 2 (``python -m lstmlint.oracle``, needs the ``oracle``
extra); the observations go to ``docs/oracle-results.json``, from which the
generated docs (``docs/rules.md``, ``docs/conformance.md``) are written
without TensorFlow (``python -m lstmlint.oracle.docs``).

Nothing here is imported by the linter itself.
"""
