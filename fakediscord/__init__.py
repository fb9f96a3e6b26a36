"""A local Discord-compatible server and a driver that acts as users, for testing discord.py bots.

    fake = FakeDiscord()
    await fake.start()                       # REST at fake.api_base, gateway at fake.gateway_url
    point_client_at(fake)                    # or DISCORD_API_BASE / DISCORD_GATEWAY_URL in another process
    guild = fake.create_guild("Test")
    admin = guild.add_member("Ayesha", admin=True)
    await fake.wait_until_ready(commands=True)
    r = await fake.slash(admin, "setup", timezone="Asia/Karachi")
    assert r.ephemeral and "saved" in r.text

Modules: ``models`` (users, guilds, channels, members, messages), ``state`` (the world and the
message operations), ``limits`` (Discord's payload limits), ``permissions``, ``gateway``,
``rest``, ``interactions`` (3-second rule, tokens, follow-ups), ``driver`` (acting as users),
``server`` (FakeDiscord itself).
"""

from .driver import Choices, InteractionResult, ModalInfo
from .errors import APIError
from .interactions import InteractionRecord
from .models import Attachment, Channel, Guild, Member, Message, Role, User
from .permissions import ADMINISTRATOR, DEFAULT_BOT, DEFAULT_EVERYONE, MANAGE_GUILD
from .rest import RequestRecord
from .server import FakeDiscord, point_client_at
from .state import StateEvent
from . import permissions

__all__ = [
    "APIError",
    "ADMINISTRATOR",
    "Attachment",
    "Channel",
    "Choices",
    "DEFAULT_BOT",
    "DEFAULT_EVERYONE",
    "FakeDiscord",
    "Guild",
    "InteractionRecord",
    "InteractionResult",
    "MANAGE_GUILD",
    "Member",
    "Message",
    "ModalInfo",
    "RequestRecord",
    "Role",
    "StateEvent",
    "User",
    "permissions",
    "point_client_at",
]
