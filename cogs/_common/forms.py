"""Forms held only in memory (a select waiting for a choice, an open modal) are forgotten by a
restart or a timeout, and Discord would then show "This interaction failed". Features register the
custom_id prefixes of such forms; a late use of one gets a clear "this form has expired" instead."""

from __future__ import annotations

import weakref
from typing import Any

import discord

from bot.i18n import t
from cogs._common.context import language_of
from cogs._common.reply import reply

_prefixes: dict[str, str] = {}


def expiring(prefix: str, message_key: str = "common.form_expired") -> None:
    """Answer late uses of forms whose custom_id starts with `prefix` with `message_key`."""
    _prefixes[prefix] = message_key


def _open_forms(client: discord.Client) -> "weakref.WeakSet[Any]":
    # Kept on the client: a form belongs to the connection that showed it, not to the process.
    forms = getattr(client, "_baithak_open_forms", None)
    if forms is None:
        forms = weakref.WeakSet()
        client._baithak_open_forms = forms  # type: ignore[attr-defined]
    return forms


def remember(client: discord.Client, form: discord.ui.View | discord.ui.Modal, custom_id: str) -> None:
    """Record that `form` (answering to `custom_id`) is open on this client."""
    form._baithak_form_id = custom_id  # type: ignore[union-attr]
    _open_forms(client).add(form)


async def open_modal(interaction: discord.Interaction, modal: discord.ui.Modal) -> None:
    """Show `modal` as the answer to `interaction`, remembered as open."""
    remember(interaction.client, modal, modal.custom_id)
    await interaction.response.send_modal(modal)


def is_live(client: discord.Client, custom_id: str) -> bool:
    return any(getattr(f, "_baithak_form_id", None) == custom_id and not f.is_finished()
               for f in list(_open_forms(client)))


async def answer_if_expired(interaction: discord.Interaction) -> bool:
    """Tell the member a form they used is gone; True when this interaction was answered here."""
    if interaction.type not in (discord.InteractionType.component, discord.InteractionType.modal_submit):
        return False
    custom_id = str((interaction.data or {}).get("custom_id", ""))
    key = next((k for p, k in _prefixes.items() if custom_id.startswith(p)), None)
    if key is None or is_live(interaction.client, custom_id):
        return False
    await reply(interaction, t(await language_of(interaction), key))
    return True
