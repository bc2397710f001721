"""Callwire legacy gateway (REST :9001, WebSocket :9003)."""
