"""Benchmarks of hoinghi (not run by the test suite): `python -m bench.run_store`, `python -m bench.run_ui`."""
