"""Command line: baithak run | migrate | check | backup PATH | invite | sandbox."""

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
    import os

    from bot.runner import run_bot

    # The options stand for their settings (and win over the environment and .env).
    for option, name in ((args.shards, "BAITHAK_SHARDS"), (args.shard_count, "BAITHAK_SHARD_COUNT")):
        if option is not None:
            os.environ[name] = option
    if args.telegram:
        os.environ["BAITHAK_TELEGRAM"] = "1"
    settings = _settings(require_token=True)
    _configure_logging(settings.log_level)
    return asyncio.run(run_bot(settings))


def cmd_migrate(args: argparse.Namespace) -> int:
    from bot.runner import migrate_database

    settings = _settings(require_token=False)
    applied = asyncio.run(migrate_database(settings))
    print(f"applied {len(applied)} migration(s)" + (f": {', '.join(applied)}" if applied else "; up to date"))
    return 0


def _platform_lines(settings: Settings) -> list[str]:
    """What `baithak run` would connect to: one line per platform whose token is set (each token's
    form is already checked by `load_settings`)."""
    lines = []
    if settings.token:
        lines.append(f"Discord: DISCORD_TOKEN is set (API {settings.api_base or 'https://discord.com/api'})")
    if settings.telegram_token:
        lines.append(f"Telegram: TELEGRAM_TOKEN is set (Bot API {settings.telegram_api_base or 'https://api.telegram.org'})")
    return lines


def cmd_check(args: argparse.Namespace) -> int:
    problems: list[str] = []
    try:
        settings = _settings(require_token=False)
    except SettingsError as exc:
        return _fail(str(exc))
    platforms = _platform_lines(settings)
    if not platforms:
        problems.append("neither DISCORD_TOKEN nor TELEGRAM_TOKEN is set: `baithak run` needs one of them, or "
                        "both (see .env.example)")
    if settings.database_url:
        from bot.storage.postgres.checks import run_checks as run_pg_checks

        lines, db_problems = asyncio.run(run_pg_checks(settings.database_url))
    else:
        from bot.storage.sqlite.checks import run_checks

        lines, db_problems = asyncio.run(run_checks(settings.database))
    problems += db_problems
    for line in platforms + lines:
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


def cmd_invite(args: argparse.Namespace) -> int:
    from bot.invite import NEEDS, InviteError, application_id, invite_url, permissions

    settings = _settings(require_token=True)
    try:
        app_id, source = asyncio.run(application_id(settings.token or "", settings.api_base))
    except InviteError as exc:
        return _fail(str(exc))
    print(invite_url(app_id))
    print(f"  for {source}; open it, pick your server, and keep every permission ticked.")
    print("  scopes: bot, applications.commands (slash commands, buttons, Report message)")
    print(f"  permissions ({permissions()}):")
    for need in NEEDS:
        print(f"    {need.name}: {need.why}")
    print("  Urgent reports ping the moderator role: make that role mentionable in the server settings.")
    return 0


def cmd_copy_db(args: argparse.Namespace) -> int:
    from bot.storage.copy import CopyError, copy_database
    from bot.storage.postgres.database import redact

    try:
        report = asyncio.run(copy_database(args.source, args.target))
    except CopyError as exc:
        return _fail(str(exc), 1)
    total = sum(report.tables.values())
    for problem in report.problems:
        print(f"problem: {problem}", file=sys.stderr)
    if report.problems:
        return _fail(f"the copy in {redact(args.target)} did not verify: see the problems above", 1)
    print(f"copied {total} row(s) in {len(report.tables)} tables from {redact(args.source)} to "
          f"{redact(args.target)} (row counts and a sample of rows verified)")
    return 0


def cmd_sandbox(args: argparse.Namespace) -> int:
    from bot.sandbox.app import main as sandbox_main

    return sandbox_main(host=args.host, port=args.port, keep=args.keep)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="baithak", description="Baithak community bot")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="connect to Discord and/or Telegram and serve")
    run.add_argument("--shards", metavar="IDS", help="serve these Discord shards only, e.g. 0,1 (PostgreSQL)")
    run.add_argument("--shard-count", metavar="N", help="how many shards there are in all, e.g. 4")
    run.add_argument("--telegram", action="store_true", help="this process polls Telegram (exactly one may)")
    run.set_defaults(fn=cmd_run)
    sub.add_parser("migrate", help="apply pending database migrations").set_defaults(fn=cmd_migrate)
    sub.add_parser("check", help="check configuration and database").set_defaults(fn=cmd_check)
    backup = sub.add_parser("backup", help="online backup of the database to PATH")
    backup.add_argument("path")
    backup.set_defaults(fn=cmd_backup)
    sub.add_parser("invite", help="print the URL that adds the bot to a server").set_defaults(fn=cmd_invite)
    copy = sub.add_parser("copy-db", help="copy a SQLite database into an empty PostgreSQL one, or back")
    copy.add_argument("source", help="a SQLite file or a postgresql:// URL")
    copy.add_argument("target", help="an empty PostgreSQL database (URL) or a new SQLite file")
    copy.set_defaults(fn=cmd_copy_db)
    sandbox = sub.add_parser("sandbox", help="try the bot in a browser with a local Discord-like server")
    sandbox.add_argument("--port", type=int, default=8080)
    sandbox.add_argument("--host", default="127.0.0.1")
    sandbox.add_argument("--keep", action="store_true", default=None,
                         help="keep the sandbox's state (database, channels, messages) between runs "
                              "(also BAITHAK_SANDBOX_KEEP=1)")
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
