from __future__ import annotations

import ast
from typing import Iterable, Optional

from ..infer.facts import KerasCall, ModelMethodCall
from ..infer.removed_api import KEYWORDS, METHODS, keyword_entry
from .base import ERROR, CheckContext, Report, Rule
from .removed_examples import catalogue_row, IMPORTS, MODEL, examples, report

_VALID, _INVALID = examples(KEYWORDS, lambda row: MODEL if row.example.startswith("model.") else IMPORTS)


class RemovedKeyword(Rule):
    """
    ## What it does
    Finds keyword arguments that today's Keras rejects or ignores: Keras 1
    names (`nb_epoch=`, `init=`, `output_dim=`, `border_mode=`, `subsample=`,
    `W_regularizer=`, `nb_filter=`, `dropout_W=`, `p=`, ...), which every
    Keras since 2 rejects; and Keras 2 names that Keras 3 removed (`lr=` on
    optimizers, `workers=` / `use_multiprocessing=` / `max_queue_size=` on
    `fit`/`evaluate`/`predict`, `sample_weight_mode=` on `compile`,
    `period=` on `ModelCheckpoint`). `decay=` on an optimizer is an error
    under Keras 2 (tf-keras 2.21 raises) and a warning under Keras 3, which
    accepts and ignores it.

    ## Why is this bad?
    The layer, optimizer or call raises: `ValueError: Unrecognized keyword
    arguments passed to Dense: {'init': 'uniform'}` (Keras 3), `TypeError:
    ('Keyword argument not understood:', 'init')` (Keras 2),
    `TypeError: fit() got an unexpected keyword argument 'nb_epoch'`,
    `ValueError: Argument(s) not recognized: {'lr': 0.01}`. The message
    quotes the values the code passes, as Keras prints them; for a value
    that is not a literal it names the keyword.

    ## Use instead
    The modern keyword given in the message (`epochs=`, `learning_rate=`,
    `kernel_initializer=`, `units=`, `padding=`, `strides=`, ...).

    ## Fix safety
    A rename to a keyword with the same meaning is safe, and so is dropping
    `workers=`/`use_multiprocessing=`/`max_queue_size=` (they change only
    loading speed). Keywords whose replacement counts something else
    (`samples_per_epoch=` is samples, `steps_per_epoch=` batches) or takes
    other values (`dim_ordering='tf'`) are not fixed.

    The old `*_generator` methods are read as `fit`/`evaluate`/`predict`, so
    `model.fit_generator(g, workers=2)` is reported here as well under Keras 3.
    """

    code = "LS602"
    name = "removed-keyword-argument"
    summary = "Keyword argument removed or renamed (nb_epoch, lr, init, border_mode, ...)"
    severity = ERROR
    facts = (KerasCall, ModelMethodCall)

    VALID = _VALID
    INVALID = _INVALID

    @classmethod
    def catalogue(cls):
        return [catalogue_row(f"{row.keyword}= on {_callees(row.callees)}", row) for row in KEYWORDS]

    def check(self, fact, ctx: CheckContext) -> Iterable[Report]:
        if isinstance(fact, ModelMethodCall):
            removed = METHODS.get(fact.method)
            callee = removed.modern if removed is not None else fact.method
        elif fact.qualname.count(".") == 2:  # keras.layers.Dense, keras.optimizers.Adam (not optimizers.legacy.Adam)
            callee = fact.qualname.rpartition(".")[2]
        else:
            return
        nodes = fact.args.keyword_nodes
        for keyword, node in nodes.items():
            row = keyword_entry(callee, keyword)
            if row is None:
                continue
            raised = row.raises.get(ctx.keras_version, "")
            # Keras prints every keyword its check rejects, in call order, with its value
            naming = [k for k in nodes if (other := keyword_entry(callee, k)) is not None and other.raises.get(ctx.keras_version) == raised]
            values = [literal_repr(ctx, nodes[k]) for k in naming]
            kwargs = "{" + ", ".join(f"{k!r}: {v}" for k, v in zip(naming, values)) + "}" if None not in values else None
            yield from report(row, ctx.keras_version, node, f"`{keyword}=` on `{callee}`", callee, kwargs, naming)


def literal_repr(ctx: CheckContext, node) -> Optional[str]:
    """How Python prints the value of a literal argument (``1e-3`` -> ``0.001``); None for anything else."""
    text = ctx.module.code_for_node(node).strip()
    if len(text) > 200:
        return None
    try:
        return repr(ast.literal_eval(text))
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return None


def _callees(names) -> str:
    shown = sorted(names)
    return ", ".join(shown[:3]) + (", ..." if len(shown) > 3 else "")
