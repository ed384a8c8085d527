"""The repository's cache folder (.playbook-cache/): files only this machine can vouch for.

Content comes from pull requests, and so could a committed cache folder. Every
cache file is therefore signed with an HMAC whose key lives outside the
repository (in the user's cache directory, created at random on first use): a
cache file this machine did not write fails the check and is ignored, so a
pull request cannot smuggle in a layout or parsed data that differs from its
YAML. A cache that cannot be read or written only costs time.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from functools import lru_cache
from pathlib import Path

CACHE_DIR = ".playbook-cache"
_MAC_BYTES = 32


def cache_dir(root: Path) -> Path | None:
    """Where a repository's caches live: .playbook-cache/ in it, or PLAYBOOK_CACHE_DIR (a folder a
    CI runner keeps between runs; entries are keyed by content, so repositories may share one).
    PLAYBOOK_NO_CACHE=1 turns caching off."""
    if os.environ.get("PLAYBOOK_NO_CACHE") or _key() is None:
        return None
    elsewhere = os.environ.get("PLAYBOOK_CACHE_DIR")
    return Path(elsewhere).expanduser().absolute() if elsewhere else root / CACHE_DIR


@lru_cache(maxsize=1)
def _key() -> bytes | None:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "incident-playbooks"
    path = base / "cache-key"
    try:
        key = path.read_bytes()
        if len(key) == _MAC_BYTES:
            return key
    except OSError:
        pass
    try:
        base.mkdir(parents=True, exist_ok=True)
        key = secrets.token_bytes(_MAC_BYTES)
        temporary = base / f".cache-key.{os.getpid()}.tmp"
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(key)
        os.replace(temporary, path)
        return path.read_bytes()  # another process may have won the race: use its key
    except OSError:
        return None


def _mac(data: bytes) -> bytes:
    return hmac.new(_key() or b"", data, hashlib.sha256).digest()


def read(folder: Path | None, name: str) -> bytes | None:
    """The bytes of cache file ``name``, or None when absent or not signed by this machine."""
    if folder is None:
        return None
    try:
        raw = (folder / name).read_bytes()
    except OSError:
        return None
    mac, data = raw[:_MAC_BYTES], raw[_MAC_BYTES:]
    if len(mac) != _MAC_BYTES or not hmac.compare_digest(mac, _mac(data)):
        return None
    return data


def write(folder: Path | None, name: str, data: bytes) -> None:
    """Sign and store ``data`` as cache file ``name``, atomically."""
    if folder is None:
        return
    path = folder / name
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# created by playbook: a cache, safe to delete\n*\n", encoding="utf-8")
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_bytes(_mac(data) + data)
        os.replace(temporary, path)
    except OSError:
        pass


def digest(*parts: str | bytes) -> str:
    """A SHA-256 over the parts, each length-prefixed so that parts cannot run together."""
    hasher = hashlib.sha256()
    for part in parts:
        raw = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(raw).to_bytes(8, "big") + raw)
    return hasher.hexdigest()
