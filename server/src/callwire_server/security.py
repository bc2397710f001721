"""Who may call what: API key verification with a bounded cache.

The interceptor (interceptors.py) calls into this module; it holds no policy of its own.

Key cache: a request's bearer token is looked up by its SHA-256, never by the token itself, so a cache entry
costs the same whatever a client sends. Only keys that verified are cached (for `KEY_CACHE_SECONDS`, and at most
`KEY_CACHE_SIZE` of them, least recently used first out): a stranger's made-up tokens cost a store lookup each,
never memory.
"""

from __future__ import annotations

import hashlib
import time
from collections import OrderedDict

from .store import ApiKey

#: Seconds a verified key is trusted without asking the store again; a key revoked on another instance is ended
#: by the key watch (see `KeyWatch`), and RevokeApiKey on this instance evicts it at once.
KEY_CACHE_SECONDS = 5.0
#: Verified keys held at most; a deployment has far fewer keys than this, so eviction only bounds abuse.
KEY_CACHE_SIZE = 10_000


def token_digest(token: str) -> bytes:
    """What the cache is keyed by: a fixed-size digest instead of a token of any length."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).digest()


class KeyCache:
    """Verified API keys by token digest: bounded (LRU) and short-lived. Failed lookups are never stored.

    An OrderedDict is all an LRU with a deadline needs here; one small class rather than a new dependency.
    """

    def __init__(self, *, size: int = KEY_CACHE_SIZE, seconds: float = KEY_CACHE_SECONDS) -> None:
        self.size = size
        self.seconds = seconds
        self._entries: OrderedDict[bytes, tuple[ApiKey, float]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, token: str) -> ApiKey | None:
        """The cached key of `token`, or None when not cached (or its time is up)."""
        digest = token_digest(token)
        found = self._entries.get(digest)
        if found is None:
            return None
        key, until = found
        if until <= time.monotonic():
            del self._entries[digest]
            return None
        self._entries.move_to_end(digest)
        return key

    def put(self, token: str, key: ApiKey) -> None:
        digest = token_digest(token)
        self._entries[digest] = (key, time.monotonic() + self.seconds)
        self._entries.move_to_end(digest)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)

    def evict(self, key_id: str) -> None:
        """Forget every token of the key `key_id` (revoked or changed)."""
        for digest in [d for d, (key, _) in self._entries.items() if key.key_id == key_id]:
            del self._entries[digest]

    def clear(self) -> None:
        self._entries.clear()
