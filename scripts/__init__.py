"""Operator commands, run as modules from the project root: `python -m scripts.<name>`.

Benchmarks and load tools live in `bench/`.
"""
