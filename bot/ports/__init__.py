"""The ports: the Protocols through which the app layer (`bot.app`) reaches the world.

- `messaging`: the Messenger and the neutral message model every front end renders;
- `runtime`: the Clock and the Scheduler;
- `store`, `settings`, `events`, `resources`, `reports`: the storage driver and one repository
  protocol per feature, implemented by `bot.storage.sqlite` (and every other driver), checked by the
  contract suite in `tests/contract`.
"""
