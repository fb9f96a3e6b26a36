"""Benchmarks, run by `make bench` (python -m bench); each prints beside a baseline of the same run."""
