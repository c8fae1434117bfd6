"""Benchmarks and load tools, run as modules from the project root (`python -m bench`).

Scripts, not tests: they print figures beside a baseline measured in the same run. The tests
import a few of them (the synthetic registers, the FTS5 baseline, the load generator, the
server helper in `bench/servers.py`) to check that the tools themselves are right.
"""
