"""`baithak sandbox --keep`: the local server's world (servers, channels, members, messages, files) and
the "what to try" ticks, saved beside the sandbox database when it stops and loaded when it starts.

The world's objects refer to the fake server they live in; they are pickled with that reference left
out (a persistent id) and attached to the new server when loaded. The file is the sandbox's own,
written by this code on this machine: it is never read from anywhere else.
"""

from __future__ import annotations

import logging
import os
import pickle
from pathlib import Path
from typing import Any

log = logging.getLogger("baithak.sandbox.keep")

VERSION = 1
_FAKE = "fake"


class _Pickler(pickle.Pickler):
    def __init__(self, file: Any, fake: Any) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.fake = fake

    def persistent_id(self, obj: Any) -> Any:
        return _FAKE if obj is self.fake else None


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: Any, fake: Any) -> None:
        super().__init__(file)
        self.fake = fake

    def persistent_load(self, pid: Any) -> Any:
        if pid == _FAKE:
            return self.fake
        raise pickle.UnpicklingError(f"unknown reference {pid!r}")


def state_path(database: Path) -> Path:
    return database.with_name(database.name + ".world")


def save(path: Path, fake: Any, world: Any, tried: dict[int, set[str]]) -> None:
    data = {
        "version": VERSION, "world": world, "tried": tried,
        "users": fake.users, "guilds": fake.guilds, "channels": fake.channels, "messages": fake.messages,
        "attachments": fake.attachments, "channel_log": fake._channel_log, "dm_channels": fake._dm_channels,
        "last_id": fake._ids._last, "bot_user": fake.bot_user, "owner_user": fake.owner_user,
        "application_id": fake.application_id,
    }
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as f:
        _Pickler(f, fake).dump(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def read_kept(path: Path, fake: Any, what: str, version: int) -> dict[str, Any] | None:
    """The saved state in `path` (a fake's objects re-attached to `fake`), or None when there is
    nothing usable: no file, an older version, or a damaged one (then one warning naming `what`)."""
    if not path.exists():
        return None
    try:
        with open(path, "rb") as f:
            data = _Unpickler(f, fake).load()
    except Exception as exc:  # an older or damaged file: start fresh rather than not at all
        log.warning("could not load the kept %s from %s (%s): starting fresh", what, path, exc)
        return None
    if not isinstance(data, dict) or data.get("version") != version:
        return None
    return data


def load(path: Path, fake: Any) -> tuple[Any, dict[int, set[str]]] | None:
    """Put the saved world into `fake` (not started yet); None when there is nothing usable."""
    data = read_kept(path, fake, "sandbox", VERSION)
    if data is None:
        return None
    fake.users = data["users"]
    fake.guilds = data["guilds"]
    fake.channels = data["channels"]
    fake.messages = data["messages"]
    fake.attachments = data["attachments"]
    fake._channel_log = data["channel_log"]
    fake._dm_channels = data["dm_channels"]
    fake._ids._last = max(fake._ids._last, data["last_id"])
    fake.bot_user = data["bot_user"]
    fake.owner_user = data["owner_user"]
    fake.application_id = data["application_id"]
    return data["world"], data["tried"]
