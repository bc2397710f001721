"""Secrets at rest: Fernet encryption of AES link passwords, secret settings and the console's ``genpass``.

The key comes from, in order:

1. the ``CALLWIRE_SECRET_KEY`` environment variable: one Fernet key (url-safe base64 of 32 bytes, as made by
   ``SecretBox.generate_key()``), or several separated by commas for rotation: the first encrypts, every one of
   them decrypts (``cryptography.fernet.MultiFernet``);
2. the key file ``secret.key`` in the data directory (beside the SQLite database by default). It is created on
   first use with mode 0600 and refused when group or others may read it.

Several instances sharing one PostgreSQL must share the key: give them the same ``CALLWIRE_SECRET_KEY``.

The legacy ``genpass`` made a deterministic token from the AES password, and the legacy gateway's
``addextension``/``delextension`` compare their ``passwd`` field with it. Fernet tokens are randomised (each call
gives a different token), so ``check_password`` decrypts the token and compares the clear text in constant time
instead of comparing tokens. Tokens are never logged: nothing here formats a token or a clear text into a message.
"""

from __future__ import annotations

import contextlib
import hmac
import os
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

__all__ = ["KEY_ENV", "KEY_FILE_NAME", "InvalidSecret", "SecretBox", "SecretKeyError"]

KEY_ENV = "CALLWIRE_SECRET_KEY"
KEY_FILE_NAME = "secret.key"


class SecretKeyError(Exception):
    """The encryption key is missing, malformed, or its file is unsafe."""


class InvalidSecret(Exception):
    """A token was not made with this key (or was altered)."""


class SecretBox:
    """Encrypts and decrypts short secrets (passwords, secret settings) with Fernet (AES-128-CBC + HMAC-SHA256)."""

    __slots__ = ("_fernet",)

    def __init__(self, keys: str | bytes | Sequence[str | bytes]) -> None:
        if isinstance(keys, str | bytes):
            keys = [keys]
        if not keys:
            raise SecretKeyError("no encryption key given")
        try:
            fernets = [Fernet(k.strip() if isinstance(k, bytes) else k.strip().encode("ascii")) for k in keys]
        except (ValueError, UnicodeEncodeError):
            raise SecretKeyError("malformed encryption key: expected url-safe base64 of 32 bytes") from None
        self._fernet = MultiFernet(fernets)

    def __repr__(self) -> str:
        return "SecretBox(<key hidden>)"

    @staticmethod
    def generate_key() -> str:
        """A new random key, in the form ``CALLWIRE_SECRET_KEY`` and the key file hold."""
        return Fernet.generate_key().decode("ascii")

    @classmethod
    def from_environment(cls, data_dir: str | os.PathLike[str] | None = None) -> SecretBox:
        """The key from ``CALLWIRE_SECRET_KEY``, else from (or newly into) ``<data_dir>/secret.key``."""
        env = os.environ.get(KEY_ENV, "").strip()
        if env:
            return cls([part for part in env.split(",") if part.strip()])
        if data_dir is None:
            raise SecretKeyError(f"no encryption key: set {KEY_ENV} or configure a data directory for {KEY_FILE_NAME}")
        return cls(load_or_create_key_file(Path(data_dir) / KEY_FILE_NAME))

    def encrypt(self, plain: str) -> str:
        return self._fernet.encrypt(plain.encode("utf-8")).decode("ascii")

    def decrypt(self, token: str) -> str:
        try:
            return self._fernet.decrypt(token.encode("ascii")).decode("utf-8")
        except (InvalidToken, UnicodeError):
            raise InvalidSecret("token was not made with this key") from None

    def encrypt_password(self, plain: str) -> str:
        """The console's ``genpass``: the token to paste where an encrypted password is expected."""
        return self.encrypt(plain)

    def check_password(self, token: str, plain: str) -> bool:
        """Whether ``token`` (from ``genpass``) encrypts ``plain``; False for a token this key did not make."""
        try:
            expected = self.decrypt(token)
        except InvalidSecret:
            return False
        return hmac.compare_digest(expected.encode("utf-8"), plain.encode("utf-8"))


def load_or_create_key_file(path: Path) -> str:
    """Read the key file, or create it atomically with mode 0600 (safe when several processes start at once)."""
    try:
        return _read_key_file(path)
    except FileNotFoundError:
        pass
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".secret-", dir=path.parent)  # mkstemp creates the file with mode 0600
    try:
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(SecretBox.generate_key() + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileExistsError):  # another process won the race: use its key
            os.link(tmp, path)
    finally:
        os.unlink(tmp)
    return _read_key_file(path)


def _read_key_file(path: Path) -> str:
    info = path.stat()
    if os.name == "posix" and stat.S_IMODE(info.st_mode) & 0o077:
        raise SecretKeyError(f"key file {path} is readable by group or others: chmod 600 it")
    key = path.read_text(encoding="ascii").strip()
    if not key:
        raise SecretKeyError(f"key file {path} is empty")
    return key
