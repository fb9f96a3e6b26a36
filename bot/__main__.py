"""Command line: baithak run | migrate | check | backup PATH."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sqlite3
import sys
from pathlib import Path

from bot.settings import Settings, SettingsError, check_database_path, load_settings
from bot.storage.errors import DatabaseUnavailable
from bot.storage.sqlite.migrations import MigrationError

EXIT_CONFIG = 2


def _configure_logging(level: str) -> None:
    logging.basicConfig(level=getattr(logging, level, logging.INFO),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("discord").setLevel(max(logging.INFO, getattr(logging, level, logging.INFO)))


def _fail(message: str, code: int = EXIT_CONFIG) -> int:
    print(f"baithak: {message}", file=sys.stderr)
    return code


def _settings(require_token: bool) -> Settings:
    settings = load_settings(require_token=require_token)
    if not settings.uses_postgres:
        check_database_path(settings.database)
    return settings


def cmd_run(args: argparse.Namespace) -> int:
    from bot.runner import run_bot

    settings = _settings(require_token=True)
    _configure_logging(settings.log_level)
    return asyncio.run(run_bot(settings))


def cmd_migrate(args: argparse.Namespace) -> int:
    from bot.runner import migrate_database

    settings = _settings(require_token=False)
    applied = asyncio.run(migrate_database(settings))
    print(f"applied {len(applied)} migration(s)" + (f": {', '.join(applied)}" if applied else "; up to date"))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    problems: list[str] = []
    try:
        settings = _settings(require_token=False)
    except SettingsError as exc:
        return _fail(str(exc))
    if not settings.token and not settings.telegram_token:
        problems.append("DISCORD_TOKEN is not set: `baithak run` needs it (see .env.example)")
    if settings.database_url:
        from bot.storage.postgres.checks import run_checks as run_pg_checks

        lines, db_problems = asyncio.run(run_pg_checks(settings.database_url))
    else:
        from bot.storage.sqlite.checks import run_checks

        lines, db_problems = asyncio.run(run_checks(settings.database))
    problems += db_problems
    for line in lines:
        print(f"ok: {line}")
    for line in problems:
        print(f"problem: {line}")
    return 1 if problems else 0


def cmd_backup(args: argparse.Namespace) -> int:
    from bot.storage.sqlite.backup import BackupError, backup

    settings = _settings(require_token=False)
    if settings.database_url:
        from bot.storage.postgres.backup import BackupError as PgBackupError, backup as pg_backup
        from bot.storage.postgres.database import redact

        try:
            tool = pg_backup(settings.database_url, Path(args.path))
        except (PgBackupError, OSError) as exc:
            return _fail(str(exc), 1)
        print(f"backed up {redact(settings.database_url)} to {args.path} with {tool} "
              "(custom format: restore with pg_restore)")
        return 0
    try:
        tables = backup(settings.database, Path(args.path))
    except (BackupError, sqlite3.Error, OSError) as exc:
        return _fail(f"backup failed: {exc}", 1)
    print(f"backed up {settings.database} to {args.path} ({tables} tables, integrity ok)")
    return 0


def cmd_sandbox(args: argparse.Namespace) -> int:
    from bot.sandbox.app import main as sandbox_main

    return sandbox_main(host=args.host, port=args.port)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="baithak", description="Baithak community bot")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="connect to Discord and/or Telegram and serve").set_defaults(fn=cmd_run)
    sub.add_parser("migrate", help="apply pending database migrations").set_defaults(fn=cmd_migrate)
    sub.add_parser("check", help="check configuration and database").set_defaults(fn=cmd_check)
    backup = sub.add_parser("backup", help="online backup of the database to PATH")
    backup.add_argument("path")
    backup.set_defaults(fn=cmd_backup)
    sandbox = sub.add_parser("sandbox", help="try the bot in a browser with a local Discord-like server")
    sandbox.add_argument("--port", type=int, default=8080)
    sandbox.add_argument("--host", default="127.0.0.1")
    sandbox.set_defaults(fn=cmd_sandbox)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.fn(args)
    except SettingsError as exc:
        return _fail(str(exc))
    except MigrationError as exc:
        return _fail(str(exc))
    except DatabaseUnavailable as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
