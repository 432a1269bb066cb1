"""The accepted-keyword data covers the layer table (the data itself is checked
against real Keras by tests/oracle/test_layer_keywords_current.py)."""

import pytest

from lstmlint.infer import layer_keywords
from lstmlint.infer.layer_table import ALIASES, LAYERS, accepted_keywords, lookup, unknown_keyword_message

NAMES = sorted(set(LAYERS) | set(ALIASES))
# Layers that take any keyword under a version (nothing to check there).
ANY = {(name, v) for name, row in layer_keywords.LAYERS.items() for v, spelled in zip((3, 2), row) if spelled == "*"}


@pytest.mark.parametrize("name", NAMES)
def test_every_layer_name_has_an_entry(name):
    assert name in layer_keywords.LAYERS or ALIASES.get(name) in layer_keywords.LAYERS
    for version in lookup(name).versions:
        if (ALIASES.get(name, name), version) not in ANY:
            assert accepted_keywords(name, version), (name, version)


@pytest.mark.parametrize("name", sorted(LAYERS))
def test_the_tables_parameters_are_accepted(name):
    """The positional names the layer table binds are keywords real Keras takes."""
    for version in LAYERS[name].versions:
        accepted = accepted_keywords(name, version)
        if accepted is not None:
            assert set(LAYERS[name].params) <= accepted, (name, version, set(LAYERS[name].params) - accepted)


def test_versions_agree_with_the_table():
    for name, entry in LAYERS.items():
        row = layer_keywords.LAYERS[name]
        assert {v for v, spelled in zip((3, 2), row) if spelled is not None} == set(entry.versions), name


def test_lookup_examples():
    assert "return_sequences" in accepted_keywords("LSTM", 3) and "return_sequence" not in accepted_keywords("LSTM", 3)
    assert "weights" in accepted_keywords("Dense", 2) and "weights" not in accepted_keywords("Dense", 3)
    assert accepted_keywords("Convolution2D", 3) == accepted_keywords("Conv2D", 3)
    assert accepted_keywords("NoSuchLayer", 3) is None
    assert unknown_keyword_message("Convolution2D", "foo", 3) == "ValueError: Unrecognized keyword arguments passed to Conv2D: {'foo': ...}"
    assert unknown_keyword_message("LSTM", "foo", 2) == "TypeError: ('Keyword argument not understood:', 'foo')"


@pytest.mark.parametrize("name", sorted(layer_keywords.REQUIRED))
def test_required_parameters_are_accepted_keywords(name):
    for version, spelled in zip((3, 2), layer_keywords.REQUIRED[name]):
        if spelled:
            assert set(spelled.split()) <= accepted_keywords(name, version), (name, version)
