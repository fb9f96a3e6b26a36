"""One error path for commands, buttons and modals.

Domain errors are expected: they become a localised ephemeral message. Anything else is logged with its
traceback and a short reference, and the user gets an ephemeral apology quoting that reference.
"""

from __future__ import annotations

import functools
import logging
import secrets
from typing import Any, Awaitable, Callable, TypeVar

import discord
from discord import app_commands

from bot.domain.errors import DomainError
from bot.i18n import t
from bot.storage.errors import not_saved, storage_full
from cogs._common.context import language_of
from cogs._common.reply import reply

log = logging.getLogger("baithak.errors")

F = TypeVar("F", bound=Callable[..., Awaitable[Any]])


def _unwrap(error: BaseException) -> BaseException:
    while isinstance(error, (app_commands.CommandInvokeError, app_commands.TransformerError)) and error.__cause__:
        error = error.__cause__
    original = getattr(error, "original", None)
    return original if isinstance(original, BaseException) else error


async def report_error(interaction: discord.Interaction, error: BaseException) -> None:
    """Tell the user what went wrong, in their guild's language; log what was unexpected."""
    error = _unwrap(error)
    if isinstance(error, discord.NotFound) and error.code == 10062:
        # The interaction expired before the answer reached Discord: nobody can be told any more,
        # and a traceback per click would only slow a busy bot down further.
        log.warning("interaction %s expired before it was answered (%s)", interaction.id,
                    str((interaction.data or {}).get("custom_id") or getattr(interaction.command, "qualified_name", "?"))[:100])
        return
    lang = await language_of(interaction)
    if isinstance(error, DomainError):
        text = t(lang, error.key, **error.params)
    elif isinstance(error, app_commands.CheckFailure):
        text = t(lang, "perm.need_admin")
    elif storage_full(error):  # logged once a minute by the database, not once per click
        text = t(lang, "common.not_saved_full")
    else:
        ref = secrets.token_hex(3).upper()
        log.error("unexpected error [ref %s] in %s by %s", ref,
                  getattr(interaction.command, "qualified_name", None) or interaction.data,
                  interaction.user.id if interaction.user else None, exc_info=error)
        # "Nothing you sent was lost" only when it is true: no change of theirs was rolled back.
        text = t(lang, "common.not_saved" if not_saved(error) else "common.error", ref=ref)
    try:
        await reply(interaction, text)
    except discord.HTTPException:
        log.warning("could not deliver an error message for interaction %s", interaction.id)


async def on_app_command_error(interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
    await report_error(interaction, error)


def guarded(fn: F) -> F:
    """Route a button/select/modal callback's errors through :func:`report_error`.

    The callback's interaction is the first argument after `self`.
    """

    @functools.wraps(fn)
    async def wrapper(self: Any, interaction: discord.Interaction, *args: Any, **kwargs: Any) -> Any:
        try:
            return await fn(self, interaction, *args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - this is the one place that handles them
            await report_error(interaction, exc)
            return None

    return wrapper  # type: ignore[return-value]
