"""callwire_server.crypto: the key (environment or 0600 key file), encryption, genpass and check_password."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from callwire_server.crypto import KEY_ENV, KEY_FILE_NAME, InvalidSecret, SecretBox, SecretKeyError


def test_round_trip_and_randomised_tokens() -> None:
    box = SecretBox(SecretBox.generate_key())
    first, second = box.encrypt("p@ssword"), box.encrypt("p@ssword")
    assert first != second
    assert box.decrypt(first) == box.decrypt(second) == "p@ssword"
    assert "p@ssword" not in first
    assert "key hidden" in repr(box)


def test_genpass_and_check_password() -> None:
    box = SecretBox(SecretBox.generate_key())
    token = box.encrypt_password("67890")
    assert box.check_password(token, "67890")
    assert not box.check_password(token, "67891")
    assert not box.check_password("R3NIw1yJMLlnPFzEQtuh2A==", "p@ssword")  # a legacy token: not ours
    assert not box.check_password(SecretBox(SecretBox.generate_key()).encrypt_password("67890"), "67890")


def test_wrong_key_or_tampered_token() -> None:
    box = SecretBox(SecretBox.generate_key())
    token = box.encrypt("x")
    with pytest.raises(InvalidSecret):
        SecretBox(SecretBox.generate_key()).decrypt(token)
    with pytest.raises(InvalidSecret):
        box.decrypt(token[:-2] + ("AA" if token[-2:] != "AA" else "BB"))
    with pytest.raises(InvalidSecret):
        box.decrypt("not a token ☃")


def test_key_rotation() -> None:
    old, new = SecretBox.generate_key(), SecretBox.generate_key()
    token = SecretBox(old).encrypt("x")
    rotated = SecretBox([new, old])
    assert rotated.decrypt(token) == "x"
    assert SecretBox(new).decrypt(rotated.encrypt("y")) == "y"


@pytest.mark.parametrize("bad", ["", "short", "!" * 44, []])
def test_malformed_keys(bad: str | list[str]) -> None:
    with pytest.raises(SecretKeyError):
        SecretBox(bad)


def test_key_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    old, new = SecretBox.generate_key(), SecretBox.generate_key()
    monkeypatch.setenv(KEY_ENV, f" {new} , {old} ")
    box = SecretBox.from_environment(tmp_path)
    assert box.decrypt(SecretBox(old).encrypt("x")) == "x"
    assert not (tmp_path / KEY_FILE_NAME).exists()


def test_key_file_is_created_0600_and_reused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(KEY_ENV, raising=False)
    data_dir = tmp_path / "new" / "dir"
    token = SecretBox.from_environment(data_dir).encrypt("x")
    key_file = data_dir / KEY_FILE_NAME
    assert os.stat(key_file).st_mode & 0o777 == 0o600
    assert SecretBox.from_environment(data_dir).decrypt(token) == "x"
    assert [p.name for p in data_dir.iterdir()] == [KEY_FILE_NAME]  # no temporary file left behind


def test_concurrent_key_file_creation_agrees(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(KEY_ENV, raising=False)
    boxes: list[SecretBox] = []
    threads = [threading.Thread(target=lambda: boxes.append(SecretBox.from_environment(tmp_path))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    token = boxes[0].encrypt("x")
    assert all(box.decrypt(token) == "x" for box in boxes)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_unsafe_or_empty_key_file_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(KEY_ENV, raising=False)
    key_file = tmp_path / KEY_FILE_NAME
    key_file.write_text(SecretBox.generate_key())
    key_file.chmod(0o644)
    with pytest.raises(SecretKeyError, match="chmod 600"):
        SecretBox.from_environment(tmp_path)
    key_file.write_text("")
    key_file.chmod(0o600)
    with pytest.raises(SecretKeyError, match="empty"):
        SecretBox.from_environment(tmp_path)


def test_no_key_and_no_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEY_ENV, raising=False)
    with pytest.raises(SecretKeyError, match=KEY_ENV):
        SecretBox.from_environment(None)
