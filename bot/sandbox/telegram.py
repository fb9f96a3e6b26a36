"""The sandbox's Telegram side: the local Bot API server (:class:`faketelegram.FakeTelegram`), the
real aiogram front end (:mod:`routers`) polling it over the sandbox's one App, and a Telegram world
linked to the seeded Discord server, so one community shows on both platforms.

The world: a group "Sandbox creators" (its admin is Ayesha, who also runs the Discord server), a
private moderators' group "Sandbox moderators" (Mehreen, the Discord moderator, is there too) and
three members: Ali Raza and نادیہ حسن, who have started the bot, and Kamran Shah, who has not (the
bot cannot write to him privately until he does).

Linking uses the real paths: a one-time code from the Discord server's community
(`app.communities.code`, what `/setup link:True` shows), sent by the group's admin as `/link CODE`
in the group; then the group's `/setup` code, sent as `/link CODE` in the moderators' group. After
that the seeded events are announced in the group as well, RSVPs from both platforms fill one list,
and report cases stand in #moderation and in the moderators' group.

With ``--keep`` the Telegram world (users, groups, messages, files) is saved beside the database as
the Discord one is (:func:`save` / :func:`load`).
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from faketelegram import FakeTelegram

log = logging.getLogger("baithak.sandbox.telegram")

BOT_USERNAME = "baithak_sandbox_bot"
# Local only (the fake checks it; nothing leaves this machine). Fixed, so that a kept (--keep) world and
# database name the same bot: its id is the token's number.
TOKEN = "7700000001:AAsandbox_local_only_not_a_real_token"
VERSION = 1
REPLY_TIMEOUT = 15.0


@dataclass
class TgPerson:
    """A seeded Telegram user and what they are for (shown in the page's picker)."""

    key: str
    kind: str  # admin | moderator | creator
    user: Any


@dataclass
class TgWorld:
    group: Any
    mods: Any
    people: list[TgPerson] = field(default_factory=list)

    def person(self, key: str) -> Any:
        return next(p.user for p in self.people if p.key == key)

    def key_of(self, user: Any) -> Optional[str]:
        return next((p.key for p in self.people if p.user is user), None)

    def chats(self) -> list[Any]:
        return [self.group, self.mods]


PEOPLE = (
    # key, kind, first name, last name, language, started the bot
    ("tg-admin", "admin", "Ayesha", "Khan", "en", True),
    ("tg-moderator", "moderator", "مہرین", "اختر", "ur", True),
    ("tg-ali", "creator", "Ali", "Raza", "en", True),
    ("tg-nadia", "creator", "نادیہ", "حسن", "ur", True),
    ("tg-kamran", "creator", "Kamran", "Shah", "en", False),
)


def build_world(fake: FakeTelegram) -> TgWorld:
    """The users and the two groups (nothing sent yet)."""
    people = []
    for key, kind, first, last, lang, started in PEOPLE:
        username = None if not first.isascii() else f"{first.lower()}_{last.lower()}"
        people.append(TgPerson(key, kind, fake.create_user(first, last, username=username, language_code=lang,
                                                           started=started)))
    by = {p.key: p.user for p in people}
    group = fake.create_group("Sandbox creators", owner=by["tg-admin"],
                              members=(by["tg-moderator"], by["tg-ali"], by["tg-nadia"], by["tg-kamran"]),
                              description="The Sandbox community on Telegram (linked to the Discord server)")
    mods = fake.create_group("Sandbox moderators", owner=by["tg-admin"], members=(by["tg-moderator"],),
                             description="Report cases (moderators only)")
    return TgWorld(group, mods, people)


def _import_front_end() -> None:
    """aiogram builds its few hundred pydantic models when first imported (seconds of CPU): done in
    a thread, so the page and the Discord side keep answering meanwhile."""
    import routers.front  # noqa: F401


class TelegramSide:
    """The fake Bot API, the Telegram world and the real front end, started and stopped together."""

    def __init__(self) -> None:
        self._imported: Optional[asyncio.Future[None]] = None
        self.ready = False  # started, linked and seeded: the page's Telegram view may show it
        self.error: Optional[str] = None  # why it could not start (shown on the page)
        # Telegram's flood limits stay on: the front end's send queue paces itself to them.
        self.fake = FakeTelegram(bot_name="Baithak", bot_username=BOT_USERNAME, token=TOKEN)
        self.world: Optional[TgWorld] = None
        self.front: Any = None
        self.tried: dict[int, set[str]] = {}  # Telegram user id -> "what to try" steps done
        self.restored = False

    def preload(self) -> None:
        """Start importing the front end in a thread (inside the event loop)."""
        if self._imported is None:
            self._imported = asyncio.get_running_loop().run_in_executor(None, _import_front_end)

    async def start(self, app: Any, *, restore_from: Optional[Path] = None) -> None:
        """Serve the Bot API, build (or restore) the world, connect the front end and start polling."""
        self.preload()
        assert self._imported is not None
        await self._imported
        from routers.front import TelegramFrontEnd

        if restore_from is not None:
            kept = load(restore_from, self.fake)
            if kept is not None:
                self.world, self.tried = kept
                self.restored = True
        await self.fake.start()
        if self.world is None:
            self.world = build_world(self.fake)
        self.front = TelegramFrontEnd(app, self.fake.token, session=self.fake.aiogram_session())
        await self.front.start()
        await self.fake.wait_until_polling(timeout=30)

    async def stop(self, *, save_to: Optional[Path] = None) -> None:
        if self.front is not None:
            try:
                await self.front.close()
            except Exception:  # pragma: no cover - best effort on the way out
                log.exception("closing the Telegram front end")
        await self.fake.stop()
        if save_to is not None and self.world is not None:
            try:
                save(save_to, self.fake, self.world, self.tried)
            except Exception:
                log.exception("could not save the sandbox's Telegram world; the next --keep start begins fresh")

    # acting through the real front end ----------------------------------------------------------------
    async def say(self, user: Any, chat: Any, text: str, *, reply_to: Any = None) -> Any:
        """`user` sends `text`; the bot's reply to it (a message replying to theirs)."""
        sent: list[Any] = []
        waiter = asyncio.ensure_future(self.fake.wait_for_message(
            chat, lambda m: bool(sent) and m.reply_to is sent[0], timeout=REPLY_TIMEOUT))
        sent.append(user.send(chat, text, reply_to=reply_to))
        return await waiter

    async def link(self, app: Any, discord_admin: Any) -> None:
        """Join the group to the Discord server's community and link its moderators' group, as their
        admins would: `/link CODE` (from the Discord side's `/setup link`), then `/setup` and
        `/link CODE` in the moderators' group."""
        w = self.world
        assert w is not None
        admin = w.person("tg-admin")
        shown = await app.communities.code(discord_admin)
        code = _code(shown.text)
        joined = await self.say(admin, w.group, f"/link {code}")
        if "Linked" not in joined.text and "جڑ گیا" not in joined.text:
            raise RuntimeError(f"the sandbox's Telegram group did not join the community: {joined.text}")
        panel = await self.say(admin, w.group, "/setup")
        done = await self.say(admin, w.mods, f"/link {_code(panel.text)}")
        if "Linked" not in done.text and "جڑ گیا" not in done.text:
            raise RuntimeError(f"the sandbox's moderators' group was not linked: {done.text}")


def _code(text: str) -> str:
    found = re.search(r"/link ([A-Z0-9]+)", text or "")
    if found is None:
        raise RuntimeError(f"no /link code in {text!r}")
    return found.group(1)


# --keep --------------------------------------------------------------------------------------------------
def state_path(database: Path) -> Path:
    return database.with_name(database.name + ".telegram")


def save(path: Path, fake: FakeTelegram, world: TgWorld, tried: dict[int, set[str]]) -> None:
    """The Telegram world as it stands (users, chats, messages, files, the id counters)."""
    from bot.sandbox.keep import _Pickler

    data = {"version": VERSION, "world": world, "tried": tried, "users": fake.users, "chats": fake.chats,
            "messages": fake.messages, "files": fake.files, "files_by_path": fake._files_by_path,
            "user_ids": fake._user_ids, "supergroup_ids": fake._supergroup_ids, "group_ids": fake._group_ids}
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as f:
        _Pickler(f, fake).dump(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def load(path: Path, fake: FakeTelegram) -> Optional[tuple[TgWorld, dict[int, set[str]]]]:
    """Put a saved Telegram world into `fake` (not started yet); None when there is nothing usable."""
    from bot.sandbox.keep import read_kept

    data = read_kept(path, fake, "Telegram world", VERSION)
    if data is None:
        return None
    fake.users = data["users"]
    fake.bot = fake.users.get(fake.bot.id, fake.bot)  # the same bot: the token is fixed
    fake.chats = data["chats"]
    fake.messages = data["messages"]
    fake.files = data["files"]
    fake._files_by_path = data["files_by_path"]
    fake._user_ids = data["user_ids"]
    fake._supergroup_ids = data["supergroup_ids"]
    fake._group_ids = data["group_ids"]
    return data["world"], data["tried"]
