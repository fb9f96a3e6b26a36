"""A local Telegram Bot API server and a driver that acts as users, for testing aiogram bots.

    fake = FakeTelegram()
    await fake.start()                                   # http://127.0.0.1:<port>/bot<token>/<method>
    bot = Bot(fake.token, session=fake.aiogram_session())  # or TELEGRAM_API_BASE=fake.api_base
    ali = fake.create_user("Ali")
    group = fake.create_group("Lahore creators", members=(ali,))
    ali.send(group, "/event")
    reply = await fake.wait_for_message(group)

Modules: ``models`` (users, chats, messages), ``state`` (the world, updates, events), ``api``
(the Bot API methods), ``entities`` (HTML parse mode), ``limits`` (sizes and flood control),
``params`` (request parsing), ``driver`` (acting as users, waiting), ``server`` (FakeTelegram).
"""

from .errors import TelegramError
from .limits import RateLimits
from .models import CallbackAnswer, CallbackQuery, Chat, Message, Revision, StoredFile, Topic, User
from .server import FakeTelegram, RequestRecord
from .state import StateEvent, Update

__all__ = [
    "CallbackAnswer",
    "CallbackQuery",
    "Chat",
    "FakeTelegram",
    "Message",
    "RateLimits",
    "RequestRecord",
    "Revision",
    "StateEvent",
    "StoredFile",
    "TelegramError",
    "Topic",
    "Update",
    "User",
]
