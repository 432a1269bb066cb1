"""Word ids from a Keras Tokenizer against Embedding(input_dim) (LS403, issue 11).

Each program here was run under real Keras 3 and tf-keras 2.21 (CPU); the
comment says what they did. The error cases raise `InvalidArgumentError:
indices[...] = V is not in [0, V)` at predict/fit."""

import pytest

from lstmlint.diagnostics import Severity
from lstmlint.testing import lint_snippet

HEAD = """import numpy as np
from tensorflow import keras
from tensorflow.keras import layers
from tensorflow.keras.preprocessing.sequence import pad_sequences
from tensorflow.keras.preprocessing.text import Tokenizer
"""
TEXTS = 'raw = ["The cat sat", "The dog ran fast", "A bird flew", "zebra"]\ntexts = [t.lower() for t in raw]\n'
MODEL = "model = keras.Sequential([layers.Embedding({dim}, 8), layers.LSTM(4), layers.Dense(1)])\nmodel.predict(X, verbose=0)\n"


def ls403(body: str, version: int = 3):
    return [d for d in lint_snippet(HEAD + body, version) if d.code == "LS403"]


def severities(body: str):
    return {v: sorted(d.severity.value for d in ls403(body, v)) for v in (3, 2)}


@pytest.mark.parametrize("version", (3, 2))
def test_sequences_of_the_fitted_texts_reach_len_word_index(version):
    # Keras raises: every word of the fitted texts occurs, the one with id len(word_index) too.
    body = TEXTS + "tok = Tokenizer()\ntok.fit_on_texts(texts)\nX = pad_sequences(tok.texts_to_sequences(texts))\n"
    found = ls403(body + MODEL.format(dim="len(tok.word_index)"), version)
    assert [d.severity for d in found] == [Severity.ERROR]
    assert "input_dim=len(tok.word_index) + 1" in found[0].fix
    assert any("tok.word_index" in note.message for note in found[0].related)
    assert ls403(body + MODEL.format(dim="len(tok.word_index) + 1"), version) == []  # runs


def test_the_largest_id_may_not_occur_is_a_warning():
    fit = TEXTS + "tok = Tokenizer()\ntok.fit_on_texts(texts)\n"
    # Keras runs each of these ("zebra", the last id, is not in the data), but a batch holding it raises.
    other_texts = fit + "X = pad_sequences(tok.texts_to_sequences(texts[:2]), maxlen=3)\n"
    some_rows = fit + "X = pad_sequences(tok.texts_to_sequences(texts))[:3]\n"
    two_fits = TEXTS + "tok = Tokenizer()\ntok.fit_on_texts(texts)\ntok.fit_on_texts([t.upper() for t in ['yak']])\nX = pad_sequences(tok.texts_to_sequences(texts))\n"
    for body in (other_texts, some_rows, two_fits):
        assert severities(body + MODEL.format(dim="len(tok.word_index)")) == {3: ["warning"], 2: ["warning"]}, body


def test_cut_to_maxlen_is_a_warning_unless_the_texts_are_literal():
    fit = TEXTS + "tok = Tokenizer()\ntok.fit_on_texts(texts)\n"
    # maxlen may cut the largest id off (here it does not: Keras raises), so this is only a warning
    assert severities(fit + "X = pad_sequences(tok.texts_to_sequences(texts), maxlen=4)\n" + MODEL.format(dim="len(tok.word_index)")) == {3: ["warning"], 2: ["warning"]}
    literal = 'docs = ["a b c d e f"]\ntok = Tokenizer()\ntok.fit_on_texts(docs)\n'
    # maxlen=2 keeps "e f" (ids 5, 6): Keras raises; truncating="post" keeps "a b": Keras runs.
    assert severities(literal + "X = pad_sequences(tok.texts_to_sequences(docs), maxlen=2)\n" + MODEL.format(dim="len(tok.word_index)")) == {3: ["error"], 2: ["error"]}
    assert ls403(literal + "X = pad_sequences(tok.texts_to_sequences(docs), maxlen=2, truncating='post')\n" + MODEL.format(dim="len(tok.word_index)")) == []


def test_literal_texts_are_numbered_as_keras_numbers_them():
    # A public study script: 27 words, Embedding(27, 10) (Keras raises: indices[7,4] = 27 is not in [0, 27)).
    body = """
docs = ['너무 재밌어요', '참 최고에요','참 잘 만든 영화에요', '추천하고 싶은 영화입니다.','한 번 더 보고 싶네요', '글쎄요',
        '별로에요', '생각보다 지루해요', '연기가 어색해요',' 재미없어요', '너무 재미없다', '참 재밌네요', '선생님이 잘 생기긴 했어요']
token = Tokenizer()
token.fit_on_texts(docs)
X = pad_sequences(token.texts_to_sequences(docs), padding='pre', maxlen=5)
"""
    found = ls403(body + MODEL.format(dim="27"))
    assert [d.severity for d in found] == [Severity.ERROR] and "ids up to 27" in found[0].message
    assert ls403(body + MODEL.format(dim="28")) == []
    # oov_token takes id 1: len(word_index) is 10 for 9 words (Keras raises on Embedding(10)).
    oov = 'docs = ["the cat sat", "the dog ran fast", "a bird flew"]\ntok = Tokenizer(oov_token="<OOV>")\ntok.fit_on_texts(docs)\nX = pad_sequences(tok.texts_to_sequences(docs))\n'
    assert severities(oov + MODEL.format(dim="len(tok.word_index)")) == {3: ["error"], 2: ["error"]}
    assert ls403(oov + MODEL.format(dim="10 + 1")) == []
    chars = 'docs = ["hello", "world"]\ntok = Tokenizer(char_level=True)\ntok.fit_on_texts(docs)\nX = pad_sequences(tok.texts_to_sequences(docs))\n'
    assert severities(chars + MODEL.format(dim="7")) == {3: ["error"], 2: ["error"]}  # h e l o w r d
    assert ls403(chars + MODEL.format(dim="8")) == []


def test_num_words_bounds_the_ids():
    fit = TEXTS + "tok = Tokenizer(num_words={n})\ntok.fit_on_texts(texts)\nX = pad_sequences(tok.texts_to_sequences(texts))\n"
    assert ls403(fit.format(n=100) + MODEL.format(dim="len(tok.word_index) + 1")) == []  # runs
    assert ls403(fit.format(n=100) + MODEL.format(dim="len(tok.word_index)")) == []  # raises only if num_words > the vocabulary: unknown
    assert ls403(fit.format(n=6) + MODEL.format(dim="6")) == []  # ids < num_words: runs
    # ids up to 5 unless the texts hold fewer than 5 words (these hold 9: Keras raises).
    found = ls403(fit.format(n=6) + MODEL.format(dim="5"))
    assert [d.severity for d in found] == [Severity.WARNING] and "input_dim=6" in found[0].fix
    literal = 'docs = ["the cat sat", "the dog ran fast", "a bird flew"]\ntok = Tokenizer(num_words=100)\ntok.fit_on_texts(docs)\nX = pad_sequences(tok.texts_to_sequences(docs))\n'
    assert severities(literal + MODEL.format(dim="len(tok.word_index)")) == {3: ["error"], 2: ["error"]}  # 9 words, all below 100: Keras raises


def test_what_the_linter_cannot_follow_is_unknown():
    fit = TEXTS + "tok = Tokenizer()\n"
    seqs = "X = pad_sequences(tok.texts_to_sequences(texts))\n"
    model = MODEL.format(dim="len(tok.word_index)")
    assert ls403(fit + "import sys\nif len(sys.argv) < 5:\n    tok.fit_on_texts(texts)\n" + seqs + model) == []  # raises, but the fit may not run
    assert ls403(fit + "for t in texts:\n    tok.fit_on_texts([t])\n" + seqs + model) == []
    assert ls403(fit + "tok.fit_on_texts(texts)\nprepare(tok)\n" + seqs + model) == []  # unknown code may fit it again
    # word_index["<pad>"] = 0 makes len(word_index) one larger: Keras runs.
    assert ls403(fit + "tok.fit_on_texts(texts)\nword_index = tok.word_index\nword_index['<pad>'] = 0\n" + seqs + MODEL.format(dim="len(word_index)")) == []
    assert ls403(fit + "tok.fit_on_texts(texts)\ntok.word_index.update({'<pad>': 0})\n" + seqs + model) == []
    assert ls403(fit + "tok.fit_on_texts(texts)\n" + seqs + "X = X - 1\n" + model) == []
    # Saving the tokenizer changes nothing (Keras raises).
    saved = fit + "import pickle\ntok.fit_on_texts(texts)\npickle.dump(tok, open('tok.pickle', 'wb'))\n" + seqs + model
    assert [d.severity for d in ls403(saved)] == [Severity.ERROR]


def test_a_slice_of_a_loop_filled_list_is_a_part_of_it():
    fit = TEXTS + "tok = Tokenizer()\ntok.fit_on_texts(texts)\nseqs = tok.texts_to_sequences(texts)\n"
    assert severities(fit + "X = pad_sequences(seqs[:2])\n" + MODEL.format(dim="len(tok.word_index)")) == {3: ["warning"], 2: ["warning"]}
