"""Keras' ``Tokenizer`` (``keras.preprocessing.text``), as far as word ids go.

``fit_on_texts`` numbers the words it saw 1..len(word_index) (0 is left for
padding); ``texts_to_sequences`` turns texts into lists of those ids, and only
ids below ``num_words`` when that is set. So the sequences of the texts the
tokenizer was fitted on hold every id up to ``len(word_index)``, the largest
included: an ``Embedding(input_dim=len(word_index))`` is one row short.

Two precisions:

* When every fitted text is a literal (and the tokenizer's settings are),
  the vocabulary is computed exactly as Keras computes it, and so are the
  sequences of literal texts: ``len(word_index)`` is a number and the ids are
  Python lists of numbers (:class:`TokenSequences`).
* Otherwise ``len(word_index)`` is a symbol. The sequences' ids are bounded
  by it; they surely reach it only for the very texts of the only fit, which
  surely ran, without ``num_words`` (``Repeated.int_bound`` False).

Anything the linter cannot follow (a fit in a branch or loop, the tokenizer
handed to unknown code, ``word_index`` changed in place) leaves the
vocabulary unknown, and the ids unbounded.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

import libcst as cst

from .callargs import CallArgs
from .shapes import UNKNOWN, Shape, fresh_sym, is_known
from .values import Array, IdSource, Instance, Repeated, length_of

TOKENIZER = "keras.preprocessing.text.Tokenizer"
DICT = "builtins.dict"
_STATE = "<vocabulary>"  # not an attribute name code can spell

# Tokenizer(num_words=None, filters=..., lower=True, split=" ", char_level=False, oov_token=None, analyzer=None)
_PARAMS = ("num_words", "filters", "lower", "split", "char_level", "oov_token", "analyzer")
_DEFAULTS: Dict[str, Any] = {
    "num_words": None,
    "filters": '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n',
    "lower": True,
    "split": " ",
    "char_level": False,
    "oov_token": None,
    "analyzer": None,
}


@dataclass
class _Vocabulary:
    """What the linter knows of a tokenizer's fits."""

    fits: int = 0
    counts: Optional["OrderedDict[str, int]"] = field(default_factory=OrderedDict)  # word counts, when every fitted text is known
    word_index: Optional[Dict[str, int]] = None  # the exact word_index, when the counts are known
    texts: Any = None  # the texts of the only fit
    index: Optional[Instance] = None  # the word_index dict the last fit made
    length: Any = UNKNOWN  # its length then
    fitted: Optional[cst.CSTNode] = None  # the last fit_on_texts call


class TokenSequences(list):
    """``texts_to_sequences`` of literal texts: the id lists, and where the ids came from."""

    ids: Optional[IdSource] = None


def tokenizer(a: CallArgs) -> Instance:
    """A new tokenizer, not fitted yet (its settings are its attributes)."""
    obj = Instance(TOKENIZER, dict(a.keywords))
    for name, value in zip(_PARAMS, a.positional):
        obj.attrs[name] = value
    if a.has_star:
        obj.attrs["num_words"] = UNKNOWN
    obj.attrs["word_index"] = Instance(DICT, {"length": fresh_sym("len(word_index)")})
    obj.attrs[_STATE] = None if a.has_star else _Vocabulary()
    return obj


def _name(a: CallArgs) -> str:
    """The tokenizer as the method call names it (``tok`` in ``tok.fit_on_texts(x)``)."""
    func = a.node.func
    parts: List[str] = []
    node = func.value if isinstance(func, cst.Attribute) else None
    while isinstance(node, cst.Attribute):
        parts.append(node.attr.value)
        node = node.value
    if not isinstance(node, cst.Name):
        return "tokenizer"
    return ".".join([node.value, *reversed(parts)])


def _setting(obj: Instance, name: str) -> Any:
    return obj.attrs.get(name, _DEFAULTS[name])


def _literal_settings(obj: Instance) -> bool:
    """Whether the settings that decide how texts split are all known."""
    filters, lower, split, char_level = (_setting(obj, n) for n in ("filters", "lower", "split", "char_level"))
    oov = _setting(obj, "oov_token")
    return (
        isinstance(filters, str)
        and isinstance(lower, bool)
        and isinstance(split, str)
        and split != ""
        and isinstance(char_level, bool)
        and (oov is None or isinstance(oov, str))
        and _setting(obj, "analyzer") is None
    )


def _words(obj: Instance, texts: Any) -> Optional[List[List[str]]]:
    """Each text's words, as Keras splits them; None unless all are literal."""
    if not _literal_settings(obj):
        return None
    if isinstance(texts, str):
        texts = list(texts)  # a string is iterated: each character is a text
    if not isinstance(texts, (list, tuple)) or isinstance(texts, TokenSequences):
        return None
    lower, char_level = _setting(obj, "lower"), _setting(obj, "char_level")
    out = []
    for text in texts:
        if isinstance(text, list):
            if not all(isinstance(w, str) for w in text):
                return None
            out.append([w.lower() for w in text] if lower else list(text))
        elif isinstance(text, str):
            out.append(list(text.lower() if lower else text) if char_level else _text_to_words(obj, text))
        else:
            return None
    return out


def _text_to_words(obj: Instance, text: str) -> List[str]:
    """``text_to_word_sequence`` with the tokenizer's filters, lower and split."""
    split = _setting(obj, "split")
    if _setting(obj, "lower"):
        text = text.lower()
    text = text.translate(str.maketrans({c: split for c in _setting(obj, "filters")}))
    return [w for w in text.split(split) if w]


def fit_on_texts(obj: Instance, a: CallArgs) -> Any:
    """A fit makes a new ``word_index``; its size is exact when every fitted text is known."""
    texts = a.get(0, "texts")
    index = Instance(DICT, {"length": fresh_sym(f"len({_name(a)}.word_index)")})
    obj.attrs["word_index"] = index
    state = obj.attrs.get(_STATE)
    if not isinstance(state, _Vocabulary) or not a.surely_runs:
        obj.attrs[_STATE] = None  # fitted in a branch or loop: on what, unknown
        return None
    words = _words(obj, texts) if state.counts is not None else None
    if words is None:
        state.counts = state.word_index = None
    else:
        for text in words:
            for word in text:
                state.counts[word] = state.counts.get(word, 0) + 1  # type: ignore[index]
        ranked = sorted(state.counts.items(), key=lambda item: item[1], reverse=True)  # type: ignore[union-attr]
        oov = _setting(obj, "oov_token")
        vocabulary = ([oov] if oov is not None else []) + [word for word, _ in ranked]
        state.word_index = dict(zip(vocabulary, range(1, len(vocabulary) + 1)))
        index.attrs["length"] = len(state.word_index)
    state.fits += 1
    state.texts = texts if state.fits == 1 and isinstance(texts, (list, tuple, Array, Instance)) else None
    state.index, state.length, state.fitted = index, index.attrs["length"], a.node
    return None


def forget(obj: Instance) -> None:
    """The tokenizer went to code the linter cannot see: it may have been fitted there."""
    if obj.type_name == TOKENIZER:
        obj.attrs[_STATE] = None
        obj.attrs["word_index"] = Instance(DICT, {"length": fresh_sym("len(word_index)")})
    elif obj.type_name == DICT and "length" in obj.attrs:
        obj.attrs["length"] = UNKNOWN


def _current(obj: Instance) -> Optional[_Vocabulary]:
    """The fits, if ``word_index`` is still the one the last fit made, unchanged."""
    state = obj.attrs.get(_STATE)
    if not isinstance(state, _Vocabulary) or not state.fits or state.index is None:
        return None
    if obj.attrs.get("word_index") is not state.index or state.index.attrs.get("length") is not state.length:
        return None
    return state


def texts_to_sequences(obj: Instance, a: CallArgs) -> Any:
    """One list of ids per text: computed for literal texts; else a list of
    unknown length whose ids are bounded by ``len(word_index)`` (or ``num_words - 1``)."""
    texts = a.get(0, "texts")
    state = _current(obj)
    num_words = _setting(obj, "num_words")
    generic = [Repeated(Array(Shape((UNKNOWN,)), "int64", a.node, kind="list"), length_of(texts))]
    if state is None or not (num_words is None or is_known(num_words)):
        return generic
    limit = num_words if is_known(num_words) and num_words > 0 else None
    source = IdSource(_name(a), state.fitted, limit)
    words = _words(obj, texts) if state.word_index is not None else None
    if words is not None:
        return _sequences(obj, state.word_index, words, limit, source)  # type: ignore[arg-type]
    high = state.length if limit is None else limit - 1
    if limit is not None and is_known(state.length):
        high = min(high, state.length)
    exact = limit is None and texts is state.texts and texts is not None
    item = Array(Shape((UNKNOWN,)), "int64", a.node, kind="list", int_range=(None, high), int_bound=True, ids=source)
    return [Repeated(item, length_of(texts), int_range=(None, high), int_bound=not exact, ids=source)]


def _sequences(obj: Instance, word_index: Dict[str, int], words: List[List[str]], limit: Optional[int], source: IdSource) -> TokenSequences:
    oov = _setting(obj, "oov_token")
    oov_id = word_index.get(oov) if oov is not None else None
    out = TokenSequences()
    for text in words:
        ids: List[int] = []
        for word in text:
            i = word_index.get(word)
            if i is not None and not (limit and i >= limit):
                ids.append(i)
            elif oov_id is not None:
                ids.append(oov_id)
        out.append(ids)
    out.ids = source
    return out


def to_matrix(obj: Instance, a: CallArgs) -> Any:
    """``texts_to_matrix`` / ``sequences_to_matrix``: (n, num_words) floats; without
    ``num_words`` the width is the vocabulary size plus one (unknown)."""
    words = _setting(obj, "num_words")
    width = words if is_known(words) and words > 0 else UNKNOWN
    if a.get(1, "mode", "binary") not in ("binary", "count", "tfidf", "freq"):
        return UNKNOWN
    return Array(Shape((length_of(a.get(0, None)), width)), "float64", a.node)


TOKENIZER_METHODS = {
    (TOKENIZER, "fit_on_texts"): fit_on_texts,
    (TOKENIZER, "texts_to_sequences"): texts_to_sequences,
    (TOKENIZER, "texts_to_matrix"): to_matrix,
    (TOKENIZER, "sequences_to_matrix"): to_matrix,
}
