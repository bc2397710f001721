"""Callwire Python SDK."""
