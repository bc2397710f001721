"""Callwire CTI server."""

from importlib.metadata import version as _distribution_version

#: The installed distribution's version: `callwire --version`, GetServerInfo and the legacy `svrinfo` all
#: read it here, so pyproject.toml is the only place it is written.
__version__ = _distribution_version("callwire-server")
