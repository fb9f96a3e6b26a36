"""Storage behind the repository protocols of `bot.ports`: `sqlite/` is the embedded default."""
