"""Helpers shared by the test suite (importable as ``support.*``; see pyproject's pythonpath)."""
