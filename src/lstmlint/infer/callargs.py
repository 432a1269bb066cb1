"""Evaluated call arguments, and binding them to parameter names."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Tuple

import libcst as cst

from .shapes import UNKNOWN


@dataclass
class CallArgs:
    node: cst.Call
    positional: List[Any] = field(default_factory=list)
    keywords: Dict[str, Any] = field(default_factory=dict)
    positional_nodes: List[cst.CSTNode] = field(default_factory=list)
    keyword_nodes: Dict[str, cst.CSTNode] = field(default_factory=dict)
    has_star: bool = False  # *args / **kwargs: binding is uncertain
    surely_runs: bool = True  # a method call on an object: not in a branch, loop or uncalled function

    def get(self, index: Optional[int], name: Optional[str], default: Any = UNKNOWN) -> Any:
        """The argument passed by position ``index`` or keyword ``name``."""
        if name is not None and name in self.keywords:
            return self.keywords[name]
        if index is not None and index < len(self.positional):
            return self.positional[index]
        return UNKNOWN if self.has_star else default

    def node_of(self, index: Optional[int], name: Optional[str]) -> Optional[cst.CSTNode]:
        if name is not None and name in self.keyword_nodes:
            return self.keyword_nodes[name]
        if index is not None and index < len(self.positional_nodes):
            return self.positional_nodes[index]
        return None

    def bind(self, params: Sequence[str]) -> Tuple[Dict[str, Any], Dict[str, cst.CSTNode]]:
        """Name every argument: positionals by ``params``, then the keywords."""
        values: Dict[str, Any] = {}
        nodes: Dict[str, cst.CSTNode] = {}
        for name, value, node in zip(params, self.positional, self.positional_nodes):
            values[name] = value
            nodes[name] = node
        values.update(self.keywords)
        nodes.update(self.keyword_nodes)
        return values, nodes
