"""Answering an interaction whether or not it was already acknowledged."""

from __future__ import annotations

from typing import Any

import discord

from bot.i18n.format import CONTENT, cut


async def send_embed(interaction: discord.Interaction, *, ephemeral: bool = True, **kwargs: Any) -> None:
    """Send as the initial response, or as a follow-up if the interaction was already answered."""
    if interaction.response.is_done():
        await interaction.followup.send(ephemeral=ephemeral, **kwargs)
    else:
        await interaction.response.send_message(ephemeral=ephemeral, **kwargs)


async def reply(interaction: discord.Interaction, text: str, *, ephemeral: bool = True, **kwargs: Any) -> None:
    """A plain text answer, cut to Discord's content limit."""
    await send_embed(interaction, ephemeral=ephemeral, content=cut(text, CONTENT), **kwargs)
