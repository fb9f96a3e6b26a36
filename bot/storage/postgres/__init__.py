"""The PostgreSQL store (asyncpg): several bot processes on one database, with row locks,
constraints and leases instead of a single writer. Numbered migrations in `migrations/`."""
