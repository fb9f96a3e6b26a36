"""The embedded SQLite store: one file, one writer, numbered migrations in `migrations/`."""
