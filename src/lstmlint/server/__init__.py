"""The language server (``lstmlint server``, ``pip install "lstmlint[server]"``).

- ``documents``: open files and notebooks as the programs ``check`` reads;
- ``protocol``: diagnostics and positions as LSP types;
- ``analysis`` and ``hover``: what hovers and inlay hints show;
- ``actions``: quick fixes, fix-all and ``# noqa`` suppressions;
- ``features``: the pygls server that wires them to LSP requests.
"""
