"""Every component and modal interaction gets an answer.

discord.py drops a click silently when nothing handles it: an unknown or malformed custom_id, a
custom_id sent as the wrong component type, a modal the bot never opened or has forgotten. Discord
then shows "This interaction failed". The client's `on_interaction` calls :func:`answer_unhandled`:
such interactions get a localised "this button no longer works" (or "this form has expired") at
once. An interaction a handler took but has not answered just before Discord's 3-second window
closes (a loop held up under load) is deferred for it: the handler's own answer then follows as a
follow-up, instead of the member seeing "This interaction failed" or a wrong "no longer works".
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import discord

from bot.i18n import t
from cogs._common.context import language_of
from cogs._common.forms import answer_if_expired
from cogs._common.reply import reply

log = logging.getLogger(__name__)

# A handler that has not answered by then never will in time (Discord allows 3 seconds).
SAFETY_NET = 2.6
_HANDLED = (discord.InteractionType.component, discord.InteractionType.modal_submit)


def _will_be_handled(interaction: discord.Interaction) -> bool:
    """Whether discord.py's view store will pass this interaction to a handler, decided as it does."""
    store = interaction.client._connection._view_store  # type: ignore[attr-defined]
    data: dict[str, Any] = dict(interaction.data or {})  # type: ignore[arg-type]
    custom_id = data.get("custom_id")
    if not isinstance(custom_id, str):
        return False
    if interaction.type is discord.InteractionType.modal_submit:
        return custom_id in store._modals
    kind = data.get("component_type")
    key = (kind, custom_id)
    message = interaction.message
    if message is not None and store._views.get(message.id, {}).get(key) is not None:
        return True
    if store._views.get(None, {}).get(key) is not None:
        return True
    if message is None or not any(p.fullmatch(custom_id) for p in store._dynamic_items):
        return False
    # A persistent item is only called when the message really has that component, of that type
    # (discord.py checks by building a View from the message; the parsed components say the same,
    # for a fraction of the work done on the event loop for every click).
    return any(c.type.value == kind and getattr(c, "custom_id", None) == custom_id
               for c in _walk(message.components))


def _walk(components: Any) -> Any:
    for component in components:
        yield component
        children = getattr(component, "children", None) or ()
        if children:
            yield from _walk(children)
        accessory = getattr(component, "accessory", None)
        if accessory is not None:
            yield accessory


async def _say_gone(interaction: discord.Interaction) -> None:
    key = "common.form_expired" if interaction.type is discord.InteractionType.modal_submit else "common.button_gone"
    try:
        await reply(interaction, t(await language_of(interaction), key))
    except (discord.InteractionResponded, discord.HTTPException):
        pass  # a handler answered after all


async def answer_unhandled(interaction: discord.Interaction) -> None:
    """Answer a component or modal interaction that nothing else will answer."""
    if interaction.type not in _HANDLED:
        return
    if await answer_if_expired(interaction):
        return
    if not _will_be_handled(interaction):
        log.info("answered an interaction no handler takes: %r", str((interaction.data or {}).get("custom_id"))[:120])
        if not interaction.response.is_done():
            await _say_gone(interaction)
        return
    await asyncio.sleep(max(0.0, SAFETY_NET - (discord.utils.utcnow() - interaction.created_at).total_seconds()))
    if not interaction.response.is_done():
        log.warning("a handler had not answered interaction %s (%r) in time: deferred for it", interaction.id,
                    str((interaction.data or {}).get("custom_id"))[:120])
        try:
            await interaction.response.defer(ephemeral=True, thinking=True)
        except (discord.InteractionResponded, discord.HTTPException):
            pass  # the handler answered meanwhile
