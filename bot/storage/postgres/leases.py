"""Leases are shared by both drivers (PostgreSQL keeps them in rows, SQLite in its one process):
`bot.storage.leases`."""

from bot.storage.leases import DEFAULT_SECONDS, Lease, default_seconds, new_owner

__all__ = ["DEFAULT_SECONDS", "Lease", "default_seconds", "new_owner"]
