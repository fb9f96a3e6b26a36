"""Configuration from the environment and `.env`, validated at start-up.

Every problem is reported as one :class:`SettingsError` whose message names the variable and the fix,
so the CLI can print one line and exit with code 2 instead of a traceback.
"""

from __future__ import annotations

import functools
import re

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from dotenv import load_dotenv

from bot.i18n import LANGUAGES

DEFAULT_DATABASE = "data/baithak.sqlite3"
DEFAULT_TIMEZONE = "Asia/Karachi"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class SettingsError(Exception):
    """A setting is missing or malformed; the message is one line for the operator."""


@dataclass(frozen=True)
class Settings:
    token: str | None
    database: Path
    dev_guild: int | None
    timezone: str
    language: str
    log_level: str
    api_base: str | None
    gateway_url: str | None
    # A `postgresql://` URL when BAITHAK_DATABASE names a PostgreSQL server; `database` (the SQLite
    # file) is then unused.
    database_url: str | None = None
    # The Discord shards this process serves (BAITHAK_SHARDS / `run --shards`) out of `shard_count`
    # (BAITHAK_SHARD_COUNT); None: one process serving every shard Discord asks for.
    shards: tuple[int, ...] | None = None
    shard_count: int | None = None
    # Whether this process polls Telegram (BAITHAK_TELEGRAM=1 / `run --telegram`): exactly one may.
    telegram: bool = False
    # Telegram: the bot token from @BotFather and, for a local Bot API server, its base URL.
    telegram_token: str | None = None
    telegram_api_base: str | None = None

    @property
    def uses_postgres(self) -> bool:
        return self.database_url is not None


def valid_timezone(name: str) -> bool:
    """True when `name` is an IANA zone this machine knows (tzdata is a dependency). Checked against
    the list of zones, not by opening a file: `Asia` (a folder) or a 300-character name would
    otherwise raise an OSError instead of being refused."""
    if not name or len(name) > 64 or name != name.strip():
        return False
    if name not in _known_zones():
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


@functools.lru_cache(maxsize=1)
def _known_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def _url(name: str, value: str | None, schemes: tuple[str, ...]) -> str | None:
    if not value:
        return None
    parsed = urlparse(value)
    if parsed.scheme not in schemes or not parsed.netloc:
        raise SettingsError(
            f"{name}={value!r} is not a valid URL: use {schemes[0]}://host[:port]/... or unset it"
        )
    return value.rstrip("/") if name in ("DISCORD_API_BASE", "TELEGRAM_API_BASE") else value


POSTGRES_SCHEMES = ("postgresql", "postgres")
# `scheme:/...`: a URL (or a mistyped one), never a file path.
_URL_LIKE = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]+):/")


def parse_database(value: str) -> tuple[Path, str | None]:
    """(SQLite path, PostgreSQL URL or None) from BAITHAK_DATABASE.

    `postgresql://user:password@host:port/dbname` (or `postgres://`) selects PostgreSQL; a plain path
    is a SQLite file. Anything else that looks like a URL (`mysql://`, `sqlite:///x`, a misspelt
    scheme) is refused: taken as a path it would quietly create a folder named after the scheme.
    """
    if not value:
        return Path(DEFAULT_DATABASE), None
    url_like = _URL_LIKE.match(value)
    if not url_like:
        return Path(value), None
    scheme = url_like.group(1)
    if scheme.lower() not in POSTGRES_SCHEMES or not value[len(scheme):].startswith("://"):
        raise SettingsError(
            f"BAITHAK_DATABASE={_redacted(value)!r} is not supported: use a file path for SQLite "
            "(e.g. data/baithak.sqlite3) or postgresql://user:password@host:port/dbname"
        )
    parsed = urlparse(value)
    try:
        parsed.port
    except ValueError:
        raise SettingsError(
            f"BAITHAK_DATABASE={_redacted(value)!r} has a bad port: use postgresql://user:password@host:5432/dbname"
        ) from None
    if not parsed.path.strip("/"):
        raise SettingsError(
            f"BAITHAK_DATABASE={_redacted(value)!r} names no database: use postgresql://user:password@host:port/dbname"
        )
    # asyncpg understands both spellings; keep the operator's URL as given (scheme lower-cased).
    return Path(DEFAULT_DATABASE), scheme.lower() + value[len(scheme):]


def _redacted(value: str) -> str:
    """`value` with a password in its user-info replaced by ***, for messages."""
    scheme, sep, rest = value.partition("://")
    userinfo, at, host = rest.rpartition("@")
    if not sep or not at or ":" not in userinfo:
        return value
    return f"{scheme}://{userinfo.split(':', 1)[0]}:***@{host}"


def load_settings(env: dict[str, str] | None = None, *, require_token: bool = True,
                  dotenv_path: str | os.PathLike[str] | None = ".env") -> Settings:
    """Read and validate settings; `.env` fills in what the environment does not set."""
    if env is None:
        if dotenv_path and Path(dotenv_path).is_file():
            try:
                Path(dotenv_path).read_bytes().decode("utf-8")
            except UnicodeDecodeError as exc:
                raise SettingsError(f"{dotenv_path} is not UTF-8 text (byte {exc.start}): "
                                    "save it again as UTF-8") from None
            load_dotenv(dotenv_path, override=False, encoding="utf-8")
        env = dict(os.environ)

    token = (env.get("DISCORD_TOKEN") or "").strip() or None
    telegram_token = (env.get("TELEGRAM_TOKEN") or "").strip() or None
    if require_token and not token and not telegram_token:
        raise SettingsError(
            "neither DISCORD_TOKEN nor TELEGRAM_TOKEN is set: put a bot token for Discord, Telegram or "
            "both in .env (see .env.example) or export DISCORD_TOKEN=... / TELEGRAM_TOKEN=..."
        )
    if telegram_token and not re.fullmatch(r"[0-9]{1,20}:[A-Za-z0-9_-]{1,100}", telegram_token):
        raise SettingsError("TELEGRAM_TOKEN is not a bot token: copy it again from @BotFather (it looks like 123456:ABC-...)")
    if token and any(c.isspace() for c in token):
        raise SettingsError("DISCORD_TOKEN contains spaces: copy the token again from the Developer Portal")

    database, database_url = parse_database((env.get("BAITHAK_DATABASE") or "").strip())

    dev_guild_raw = (env.get("BAITHAK_DEV_GUILD") or "").strip()
    dev_guild = None
    if dev_guild_raw:
        if not dev_guild_raw.isdigit():
            raise SettingsError(
                f"BAITHAK_DEV_GUILD={dev_guild_raw!r} is not a server id: use the numeric id "
                "(Developer Mode > Copy Server ID) or leave it empty"
            )
        dev_guild = int(dev_guild_raw)

    timezone = (env.get("BAITHAK_TIMEZONE") or DEFAULT_TIMEZONE).strip()
    if not valid_timezone(timezone):
        raise SettingsError(
            f"BAITHAK_TIMEZONE={timezone!r} is not a known time zone: use an IANA name such as Asia/Karachi"
        )

    language = (env.get("BAITHAK_LANGUAGE") or "en").strip().lower()
    if language not in LANGUAGES:
        raise SettingsError(
            f"BAITHAK_LANGUAGE={language!r} is not supported: use one of {', '.join(LANGUAGES)}"
        )

    log_level = (env.get("LOG_LEVEL") or "INFO").strip().upper()
    if log_level not in LOG_LEVELS:
        raise SettingsError(f"LOG_LEVEL={log_level!r} is not a level: use one of {', '.join(LOG_LEVELS)}")

    shards, shard_count = parse_shards(env.get("BAITHAK_SHARDS"), env.get("BAITHAK_SHARD_COUNT"),
                                       postgres=database_url is not None)
    telegram_raw = (env.get("BAITHAK_TELEGRAM") or "").strip().lower()
    if telegram_raw not in ("", "0", "1", "true", "false", "yes", "no"):
        raise SettingsError(f"BAITHAK_TELEGRAM={telegram_raw!r} is not a yes/no value: use 1 or 0")

    return Settings(
        token=token,
        database=database,
        database_url=database_url,
        shards=shards,
        shard_count=shard_count,
        telegram=telegram_raw in ("1", "true", "yes"),
        dev_guild=dev_guild,
        timezone=timezone,
        language=language,
        log_level=log_level,
        api_base=_url("DISCORD_API_BASE", env.get("DISCORD_API_BASE"), ("https", "http")),
        gateway_url=_url("DISCORD_GATEWAY_URL", env.get("DISCORD_GATEWAY_URL"), ("wss", "ws")),
        telegram_token=telegram_token,
        telegram_api_base=_url("TELEGRAM_API_BASE", (env.get("TELEGRAM_API_BASE") or "").strip(), ("https", "http")),
    )


def parse_shards(shards_raw: str | None, count_raw: str | None, *,
                 postgres: bool) -> tuple[tuple[int, ...] | None, int | None]:
    """(shard ids, shard count) from BAITHAK_SHARDS ('0,1') and BAITHAK_SHARD_COUNT ('4'); both
    or neither, ids distinct and below the count, and only on PostgreSQL (SQLite has one writer in
    one process, so several processes cannot share it)."""
    shards_raw, count_raw = (shards_raw or "").strip(), (count_raw or "").strip()
    if not shards_raw and not count_raw:
        return None, None
    if not shards_raw or not count_raw:
        raise SettingsError("BAITHAK_SHARDS and BAITHAK_SHARD_COUNT go together: e.g. --shards 0,1 --shard-count 4")
    if not count_raw.isdigit() or int(count_raw) < 1:
        raise SettingsError(f"BAITHAK_SHARD_COUNT={count_raw!r} is not a positive number of shards")
    count = int(count_raw)
    parts = [p.strip() for p in shards_raw.split(",")]
    if not all(p.isdigit() for p in parts):
        raise SettingsError(f"BAITHAK_SHARDS={shards_raw!r} is not a list of shard numbers: e.g. 0,1")
    ids = tuple(int(p) for p in parts)
    if len(set(ids)) != len(ids) or any(i >= count for i in ids):
        raise SettingsError(f"BAITHAK_SHARDS={shards_raw!r}: each shard once, numbered 0 to {count - 1}")
    if not postgres:
        raise SettingsError("sharding runs several processes on one database, which needs PostgreSQL: "
                            "SQLite serves one process only (set BAITHAK_DATABASE=postgresql://...)")
    return tuple(sorted(ids)), count


def check_database_path(path: Path) -> None:
    """Refuse a database path whose folder cannot be created or written."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SettingsError(
            f"BAITHAK_DATABASE={str(path)!r}: cannot create folder {str(folder)!r} ({exc.strerror}); "
            "choose a writable path"
        ) from None
    if path.is_dir():
        raise SettingsError(f"BAITHAK_DATABASE={str(path)!r} is a folder: give a file path such as data/baithak.sqlite3")
    target = path if path.exists() else folder
    if not os.access(target, os.W_OK):
        raise SettingsError(f"BAITHAK_DATABASE={str(path)!r} is not writable: fix its permissions or choose another path")
