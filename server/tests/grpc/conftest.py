"""Fixtures of the gRPC tests; the helpers live in grpc_stack.py (import them from there, not from here)."""

from grpc_stack import stack

__all__ = ["stack"]
