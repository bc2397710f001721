"""Callwire CTI server."""
