"""The fake Discord server used by the tests (re-exported from ``bot.sandbox.fakediscord``)."""

from bot.sandbox.fakediscord import *  # noqa: F401,F403 - the package's __all__ is the API
from bot.sandbox.fakediscord import __all__  # noqa: F401
