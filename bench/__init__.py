"""Benchmarks: `python -m bench` prints a table of figures, each with its method."""
