"""Loss names: every spelling of a Keras loss mapped to one canonical name."""

from __future__ import annotations

import re
from typing import Any, Optional

from .values import Instance, Ref

_ALIASES = {
    "mse": "mean_squared_error",
    "mae": "mean_absolute_error",
    "mape": "mean_absolute_percentage_error",
    "msle": "mean_squared_logarithmic_error",
}


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def loss_name(value: Any) -> Optional[str]:
    """The canonical loss name for a string, a loss function, or a loss object."""
    if isinstance(value, str):
        name = value
    elif isinstance(value, Ref) and value.qualname.startswith("keras.losses."):
        name = value.qualname.rsplit(".", 1)[1]
    elif isinstance(value, Instance) and value.type_name.startswith("keras.losses."):
        name = _snake(value.type_name.rsplit(".", 1)[1])
    else:
        return None
    name = name.lower() if name.isupper() else name
    return _ALIASES.get(name, name)

