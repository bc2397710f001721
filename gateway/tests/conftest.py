"""Fixtures of the gateway tests; the helpers live in gwstack.py (import them from there, not from here)."""

from gwstack import stack

__all__ = ["stack"]
