"""CSTA for Python: `callwire_csta.codec` (bytes to typed messages and back, no I/O) and `callwire_csta.link`
(an asyncio link with ECMA-354 sessions, keep-alive, invoke correlation and failover across endpoints).

The package itself imports neither, so that `import callwire_csta.codec` costs only the codec.
"""

from __future__ import annotations

__version__ = "0.1.0"
