"""Answering an interaction whether or not it was already acknowledged."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord

from bot.i18n.format import CONTENT, cut

if TYPE_CHECKING:
    from bot.ports.messaging import Message


async def send_embed(interaction: discord.Interaction, *, ephemeral: bool = True, **kwargs: Any) -> None:
    """Send as the initial response, or as a follow-up if the interaction was already answered."""
    if interaction.response.is_done():
        await interaction.followup.send(ephemeral=ephemeral, **kwargs)
    else:
        await interaction.response.send_message(ephemeral=ephemeral, **kwargs)


async def reply(interaction: discord.Interaction, text: str, *, ephemeral: bool = True, **kwargs: Any) -> None:
    """A plain text answer, cut to Discord's content limit."""
    await send_embed(interaction, ephemeral=ephemeral, content=cut(text, CONTENT), **kwargs)


async def answer(interaction: discord.Interaction, message: "Message", *, ephemeral: bool = True) -> None:
    """Answer with a neutral `Message` rendered for Discord (embeds, buttons, files)."""
    from cogs._common.render import send_kwargs

    kwargs = send_kwargs(message)
    if kwargs.get("content") is None:
        kwargs.pop("content")
    await send_embed(interaction, ephemeral=ephemeral, **kwargs)
