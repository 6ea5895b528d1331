"""Benchmarks: scripts that print figures beside a baseline measured in the same run.

Each one runs with one command (``.venv/bin/python -m benchmarks.<name>``), prints a table and
writes JSON under ``benchmarks/results/``. They never fail on time; see ``README.md``.
"""
