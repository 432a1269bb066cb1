"""Source text to libcst trees: reading, guarded parsing, positions, suppressions, incremental re-parsing."""
