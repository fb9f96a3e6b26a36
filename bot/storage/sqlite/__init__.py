"""The embedded SQLite store: one file, one writer, numbered migrations in
`bot/storage/sqlite/migrations/` (shipped in the wheel as package data)."""
