"""lstmlint: find Keras tensor-shape and dtype bugs without running the code."""

__version__ = "0.1.0"
