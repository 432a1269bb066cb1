"""Settings of one run (from the command line; config files layer on top)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Tuple

DEFAULT_KERAS_VERSION = 3


@dataclass(frozen=True)
class Settings:
    keras_version: int = DEFAULT_KERAS_VERSION
    select: Tuple[str, ...] = ()  # code prefixes; empty means every rule
    ignore: Tuple[str, ...] = ()

    def enabled(self, code: str) -> bool:
        if self.select and not any(code.startswith(p) for p in self.select):
            return False
        return not any(code.startswith(p) for p in self.ignore)
