"""The fake Telegram Bot API at the protocol level: raw HTTP requests, no aiogram."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import aiohttp
import pytest

from faketelegram import FakeTelegram


@pytest.fixture
async def fake():
    server = FakeTelegram()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def http():
    async with aiohttp.ClientSession() as session:
        yield session


class Api:
    def __init__(self, fake: FakeTelegram, session: aiohttp.ClientSession) -> None:
        self.fake, self.session = fake, session

    async def __call__(self, method: str, _form: bool = False, **params: Any) -> tuple[int, dict[str, Any]]:
        url = f"{self.fake.api_base}/bot{self.fake.token}/{method}"
        if _form:  # the way aiogram sends: strings, objects as JSON text
            data = {k: v if isinstance(v, str) else json.dumps(v) for k, v in params.items()}
            async with self.session.post(url, data=data) as resp:
                return resp.status, await resp.json()
        async with self.session.post(url, json=params) as resp:
            return resp.status, await resp.json()

    async def ok(self, method: str, **params: Any) -> Any:
        status, body = await self(method, **params)
        assert status == 200 and body["ok"] is True, body
        return body["result"]

    async def error(self, method: str, code: int, **params: Any) -> str:
        status, body = await self(method, **params)
        assert status == code, body
        assert body["ok"] is False and body["error_code"] == code and set(body) <= {"ok", "error_code", "description", "parameters"}
        return body["description"]


@pytest.fixture
def api(fake: FakeTelegram, http: aiohttp.ClientSession) -> Api:
    return Api(fake, http)


@pytest.fixture
def world(fake: FakeTelegram):
    ali = fake.create_user("Ali", started=True)
    sara = fake.create_user("Sara")
    owner = fake.create_user("Ayesha")
    group = fake.create_group("Lahore creators", owner=owner, members=(ali, sara))
    return ali, sara, owner, group


async def test_getme_token_and_unknown_method(fake, api, http):
    me = await api.ok("getMe")
    assert me["id"] == int(fake.token.split(":")[0]) == fake.bot_id and me["is_bot"] is True
    assert me["username"] == fake.bot_username and me["can_read_all_group_messages"] is False
    async with http.post(f"{fake.api_base}/bot123:wrong/getMe") as resp:
        assert resp.status == 401 and await resp.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}
    assert await api.error("sendSticker", 404, chat_id=1) == "Not Found"
    assert [r.method for r in fake.unknown_requests] == ["sendSticker"]
    async with http.get(f"{fake.api_base}/bot{fake.token}/getme") as resp:  # method names ignore case; GET works
        assert (await resp.json())["ok"] is True


async def test_send_message_shape_html_and_form_encoding(fake, api, world):
    ali, _, _, group = world
    msg = await api.ok("sendMessage", _form=True, chat_id=str(group.id), text="<b>Meetup</b> &amp; <i>chai</i> 🫖 <a href='https://x.org'>x</a>",
                       parse_mode="HTML", link_preview_options={"is_disabled": True})
    assert msg["chat"] == {"id": group.id, "type": "supergroup", "title": "Lahore creators"}
    assert msg["from"]["id"] == fake.bot_id and msg["message_id"] >= 1 and isinstance(msg["date"], int)
    assert msg["text"] == "Meetup & chai 🫖 x"
    assert msg["entities"] == [{"type": "bold", "offset": 0, "length": 6}, {"type": "italic", "offset": 9, "length": 4},
                               {"type": "text_link", "offset": 17, "length": 1, "url": "https://x.org"}]
    assert msg["link_preview_options"] == {"is_disabled": True}
    stored = fake.chat_messages(group)[-1]
    assert stored.entities_of("bold") == ["Meetup"] and stored.raw_text.startswith("<b>")
    # without parse_mode the text is taken literally
    plain = await api.ok("sendMessage", chat_id=group.id, text="<b>not bold</b>")
    assert plain["text"] == "<b>not bold</b>" and "entities" not in plain


@pytest.mark.parametrize("text, description", [
    ("<script>alert(1)</script>", 'Unsupported start tag "script" at byte offset 0'),
    ("<b>unclosed", 'Can\'t find end tag corresponding to start tag "b"'),
    ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
    ("5 < 6", 'Unsupported start tag "" at byte offset 2'),
    ("done</b>", "Unexpected end tag at byte offset 4"),
    ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
    ("ñ<a href=x>", "Unexpected end tag") ,
])
async def test_html_parse_errors(api, world, text, description):
    _, _, _, group = world
    got = await api.error("sendMessage", 400, chat_id=group.id, text=text, parse_mode="HTML")
    assert got.startswith("Bad Request: can't parse entities: ")
    if "ñ" in text:
        assert got.endswith("Can't find end tag corresponding to start tag \"a\"")
    else:
        assert got.endswith(description)


async def test_text_limits(api, world):
    ali, _, _, group = world
    assert await api.error("sendMessage", 400, chat_id=group.id, text="x" * 4097) == "Bad Request: message is too long"
    assert await api.error("sendMessage", 400, chat_id=group.id, text="   \n ") == "Bad Request: message text is empty"
    assert await api.error("sendMessage", 400, chat_id=group.id, text="<b></b>", parse_mode="HTML") == \
        "Bad Request: message text is empty"
    # the limit applies after entity parsing: 4096 characters of text wrapped in tags pass
    ok = await api.ok("sendMessage", chat_id=group.id, text="<b>" + "&lt;" * 4096 + "</b>", parse_mode="HTML")
    assert len(ok["text"]) == 4096
    assert await api.error("sendMessage", 400, chat_id=group.id, text="<b>" + "y" * 4097 + "</b>", parse_mode="HTML") == \
        "Bad Request: message is too long"
    # surrounding whitespace is trimmed, entities move with it
    trimmed = await api.ok("sendMessage", chat_id=group.id, text="\n  <b>hi</b>  ", parse_mode="HTML")
    assert trimmed["text"] == "hi" and trimmed["entities"] == [{"type": "bold", "offset": 0, "length": 2}]


async def test_inline_keyboard_limits(api, world):
    _, _, _, group = world

    def kb(*rows):
        return {"inline_keyboard": [list(r) for r in rows]}

    ok = await api.ok("sendMessage", chat_id=group.id, text="rsvp",
                      reply_markup=kb([{"text": "Going", "callback_data": "r:1:g"}, {"text": "Site", "url": "https://x.org"}]))
    assert ok["reply_markup"]["inline_keyboard"][0][0] == {"text": "Going", "callback_data": "r:1:g"}
    assert await api.error("sendMessage", 400, chat_id=group.id, text="x",
                           reply_markup=kb([{"text": "a", "callback_data": "é" * 33}])) == "Bad Request: BUTTON_DATA_INVALID"
    assert await api.error("sendMessage", 400, chat_id=group.id, text="x",
                           reply_markup=kb([{"text": "a", "callback_data": ""}])) == "Bad Request: BUTTON_DATA_INVALID"
    await api.ok("sendMessage", chat_id=group.id, text="x", reply_markup=kb([{"text": "a", "callback_data": "d" * 64}]))
    assert "Text buttons are unallowed" in await api.error("sendMessage", 400, chat_id=group.id, text="x",
                                                           reply_markup=kb([{"text": "a"}]))
    assert await api.error("sendMessage", 400, chat_id=group.id, text="x",
                           reply_markup=kb([{"text": str(i), "callback_data": str(i)} for i in range(9)])) == \
        "Bad Request: BUTTONS_TOO_MUCH"
    rows = [[{"text": f"{r}{c}", "callback_data": f"{r}{c}"} for c in range(8)] for r in range(13)]
    assert await api.error("sendMessage", 400, chat_id=group.id, text="x", reply_markup={"inline_keyboard": rows}) == \
        "Bad Request: BUTTONS_TOO_MUCH"
    assert await api.error("sendMessage", 400, chat_id=group.id, text="x",
                           reply_markup=kb([{"text": "a", "url": "javascript:alert(1)"}])) == "Bad Request: BUTTON_URL_INVALID"


async def test_private_chats_403_and_chat_not_found(fake, api, world):
    ali, sara, _, _ = world
    assert await api.error("sendMessage", 403, chat_id=sara.id, text="hi") == \
        "Forbidden: bot can't initiate conversation with a user"
    sara.start_bot()
    await api.ok("sendMessage", chat_id=sara.id, text="hi")
    sara.block_bot()
    assert await api.error("sendMessage", 403, chat_id=sara.id, text="hi") == "Forbidden: bot was blocked by the user"
    assert await api.error("sendMessage", 400, chat_id=123456, text="hi") == "Bad Request: chat not found"
    assert await api.error("sendMessage", 400, chat_id=-1009999999999, text="hi") == "Bad Request: chat not found"
    elsewhere = fake.create_group("Not ours", members=(ali,), bot_member=False)
    assert await api.error("sendMessage", 403, chat_id=elsewhere.id, text="hi") == \
        "Forbidden: bot is not a member of the supergroup chat"
    msg = await api.ok("sendMessage", chat_id=ali.id, text="salaam")
    assert msg["chat"]["type"] == "private" and msg["chat"]["id"] == ali.id and msg["chat"]["first_name"] == "Ali"


async def test_replies_force_reply_and_topics(fake, api, world):
    ali, _, _, group = world
    question = await api.ok("sendMessage", chat_id=group.id, text="Why?", reply_markup={"force_reply": True, "selective": True})
    assert "reply_markup" not in question  # only inline keyboards show in the message
    bot_msg = fake.message(group, question["message_id"])
    assert bot_msg.force_reply == {"force_reply": True, "selective": True}
    answer = ali.reply(bot_msg, "Because")
    reply = await api.ok("sendMessage", chat_id=group.id, text="ok", reply_parameters={"message_id": answer.message_id})
    assert reply["reply_to_message"]["text"] == "Because" and "reply_to_message" not in reply["reply_to_message"]
    legacy = await api.ok("sendMessage", chat_id=group.id, text="ok", reply_to_message_id=answer.message_id)
    assert legacy["reply_to_message"]["message_id"] == answer.message_id
    assert await api.error("sendMessage", 400, chat_id=group.id, text="x", reply_parameters={"message_id": 9999}) == \
        "Bad Request: message to be replied not found"
    gone = await api.ok("sendMessage", chat_id=group.id, text="x",
                        reply_parameters={"message_id": 9999, "allow_sending_without_reply": True})
    assert "reply_to_message" not in gone

    forum = fake.create_group("Forum", members=(ali,), forum=True)
    topic = forum.create_topic("Announcements")
    posted = await api.ok("sendMessage", chat_id=forum.id, text="news", message_thread_id=topic.id)
    assert posted["message_thread_id"] == topic.id and posted["is_topic_message"] is True
    assert posted["chat"]["is_forum"] is True
    assert posted["reply_to_message"]["forum_topic_created"]["name"] == "Announcements"
    assert await api.error("sendMessage", 400, chat_id=forum.id, text="x", message_thread_id=4242) == \
        "Bad Request: message thread not found"
    assert [m.text for m in fake.chat_messages(forum, topic="Announcements")] == ["news"]


async def test_edits_and_not_modified(fake, api, world):
    _, _, _, group = world
    kb = {"inline_keyboard": [[{"text": "Going", "callback_data": "g"}]]}
    sent = await api.ok("sendMessage", chat_id=group.id, text="Going: 0", reply_markup=kb)
    mid = sent["message_id"]
    edited = await api.ok("editMessageText", chat_id=group.id, message_id=mid, text="Going: 1", reply_markup=kb)
    assert edited["text"] == "Going: 1" and edited["edit_date"] >= sent["date"]
    assert (await api.error("editMessageText", 400, chat_id=group.id, message_id=mid, text="Going: 1", reply_markup=kb)
            ).startswith("Bad Request: message is not modified: specified new message content and reply markup are exactly the same")
    assert (await api.error("editMessageReplyMarkup", 400, chat_id=group.id, message_id=mid, reply_markup=kb)
            ).startswith("Bad Request: message is not modified")
    # editMessageText without reply_markup removes the keyboard, as on Telegram
    bare = await api.ok("editMessageText", chat_id=group.id, message_id=mid, text="Going: 1")
    assert "reply_markup" not in bare
    restored = await api.ok("editMessageReplyMarkup", chat_id=group.id, message_id=mid, reply_markup=kb)
    assert restored["reply_markup"] == kb
    msg = fake.message(group, mid)
    assert [r.text for r in msg.history] == ["Going: 0", "Going: 1", "Going: 1"] and msg.edit_count == 3
    assert await api.error("editMessageText", 400, chat_id=group.id, message_id=999, text="x") == \
        "Bad Request: message to edit not found"
    ali = world[0]
    theirs = ali.send(group, "mine")
    assert await api.error("editMessageText", 400, chat_id=group.id, message_id=theirs.message_id, text="x") == \
        "Bad Request: message can't be edited"
    assert await api.error("editMessageText", 400, chat_id=group.id, message_id=mid, text="x" * 4097) == \
        "Bad Request: message is too long"


async def test_delete_rules(fake, api, world):
    ali, _, _, group = world
    sent = await api.ok("sendMessage", chat_id=group.id, text="bye")
    assert await api.ok("deleteMessage", chat_id=group.id, message_id=sent["message_id"]) is True
    assert fake.message(group, sent["message_id"]).deleted and "bye" not in [m.text for m in fake.chat_messages(group)]
    assert await api.error("deleteMessage", 400, chat_id=group.id, message_id=sent["message_id"]) == \
        "Bad Request: message to delete not found"
    report = ali.send(group, "/report")
    assert await api.ok("deleteMessage", chat_id=group.id, message_id=report.message_id) is True  # the bot is admin
    fake.set_bot_status(group, "member")
    other = ali.send(group, "/report")
    assert await api.error("deleteMessage", 400, chat_id=group.id, message_id=other.message_id) == \
        "Bad Request: message can't be deleted"


async def test_callback_queries(fake, api, world):
    ali, _, _, group = world
    sent = await api.ok("sendMessage", chat_id=group.id, text="rsvp",
                        reply_markup={"inline_keyboard": [[{"text": "Going", "callback_data": "go"}]]})
    msg = fake.message(group, sent["message_id"])
    press = asyncio.ensure_future(ali.press(msg, "Going"))
    updates = await api.ok("getUpdates", timeout=1)
    cq = updates[-1]["callback_query"]
    assert cq["data"] == "go" and cq["from"]["id"] == ali.id and cq["message"]["message_id"] == msg.message_id
    assert isinstance(cq["id"], str) and isinstance(cq["chat_instance"], str)
    assert await api.error("answerCallbackQuery", 400, callback_query_id=cq["id"], text="x" * 201) == \
        "Bad Request: MESSAGE_TOO_LONG"
    assert await api.ok("answerCallbackQuery", callback_query_id=cq["id"], text="You're going", show_alert=True) is True
    answer = await press
    assert answer.text == "You're going" and answer.show_alert is True
    assert await api.error("answerCallbackQuery", 400, callback_query_id=cq["id"]) == \
        "Bad Request: query is too old and response timeout expired or query ID is invalid"
    late = ali.press_nowait(msg, data="go")
    fake.expire_callback_queries()
    assert (await api.error("answerCallbackQuery", 400, callback_query_id=late.id)).startswith("Bad Request: query is too old")
    with pytest.raises(LookupError):
        await ali.press(msg, "Maybe")


async def test_get_updates_offset_allowed_updates_and_conflict(fake, api, world):
    ali, sara, _, group = world
    ali.send(group, "/rsvp@" + fake.bot_username)
    ali.send(group, "just chatting")  # privacy mode: the bot is admin, so it sees it
    fake.set_bot_status(group, "member")
    ali.send(group, "chatter the bot does not see")
    ali.send(group, "/other@someone_else_bot")
    updates = await api.ok("getUpdates")
    texts = [u["message"]["text"] for u in updates]
    assert texts == ["/rsvp@" + fake.bot_username, "just chatting"]
    first = updates[0]["message"]
    assert first["entities"] == [{"type": "bot_command", "offset": 0, "length": len("/rsvp@" + fake.bot_username)}]
    assert first["from"] == {"id": ali.id, "is_bot": False, "first_name": "Ali", "username": ali.username, "language_code": "en"}
    # not confirmed: delivered again; confirmed: gone
    assert len(await api.ok("getUpdates")) == 2
    assert await api.ok("getUpdates", offset=updates[-1]["update_id"] + 1) == []
    # allowed_updates is remembered; other types are dropped
    await api.ok("getUpdates", allowed_updates=["callback_query"])
    ali.send(group, "/ignored")
    assert await api.ok("getUpdates") == []
    await api.ok("getUpdates", allowed_updates=[])
    # long polling: the call waits for the next update
    waiting = asyncio.ensure_future(api.ok("getUpdates", timeout=5))
    await fake.wait_until_polling()
    await asyncio.sleep(0.05)
    assert not waiting.done()
    sara.start_bot("ev_42")
    got = await asyncio.wait_for(waiting, 2)
    assert got[0]["message"]["text"] == "/start ev_42" and got[0]["message"]["chat"]["type"] == "private"
    # a second poller takes over: the one waiting gets 409 Conflict
    first_poll = asyncio.ensure_future(api("getUpdates", offset=got[-1]["update_id"] + 1, timeout=5))
    await fake.wait_until_polling()
    second = asyncio.ensure_future(api("getUpdates", timeout=0))
    status, body = await asyncio.wait_for(first_poll, 2)
    assert status == 409 and body["description"].startswith("Conflict: terminated by other getUpdates request")
    assert (await second)[0] == 200
    assert await api.ok("getUpdates", timeout=0) == []


async def test_rate_limits_and_forced_storm(fake, api, world):
    ali, _, _, group = world
    statuses = []
    for _ in range(5):
        status, body = await api("sendMessage", chat_id=ali.id, text="ping")
        statuses.append(status)
    assert statuses[:3] == [200, 200, 200] and 429 in statuses  # a burst of 3, then about 1 a second
    status, body = await api("sendMessage", chat_id=ali.id, text="ping")
    assert status == 429 and body["parameters"] == {"retry_after": 1}
    assert body["description"] == "Too Many Requests: retry after 1"
    for _ in range(20):
        await api.ok("sendMessage", chat_id=group.id, text="news")
    status, body = await api("sendMessage", chat_id=group.id, text="one too many")
    assert status == 429 and body["parameters"]["retry_after"] >= 2  # 20 a minute in a group
    fake.rate_limits.reset()
    fake.force_429(2, retry_after=3)
    assert (await api("sendMessage", chat_id=group.id, text="x"))[1]["parameters"] == {"retry_after": 3}
    assert (await api("editMessageText", chat_id=group.id, message_id=1, text="x"))[0] == 429
    await api.ok("sendMessage", chat_id=group.id, text="x")
    assert await api.ok("getMe")  # storms hit sending and editing only
    fake.force_429(1, chat=ali)
    await api.ok("sendMessage", chat_id=group.id, text="other chat passes")
    assert (await api("sendMessage", chat_id=ali.id, text="x"))[0] == 429
    assert fake.rate_limits.limited >= 5


async def test_documents_files_and_multipart(fake, api, http, world):
    ali, _, _, _ = world
    form = aiohttp.FormData()
    form.add_field("chat_id", str(ali.id))
    form.add_field("caption", "<b>Your</b> calendar")
    form.add_field("parse_mode", "HTML")
    form.add_field("document", "attach://f1")
    form.add_field("f1", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", filename="meetup.ics", content_type="text/calendar")
    async with http.post(f"{fake.api_base}/bot{fake.token}/sendDocument", data=form) as resp:
        body = await resp.json()
    assert resp.status == 200, body
    doc = body["result"]["document"]
    assert doc["file_name"] == "meetup.ics" and doc["mime_type"] == "text/calendar" and doc["file_size"] == 32
    assert body["result"]["caption"] == "Your calendar" and body["result"]["caption_entities"][0]["type"] == "bold"
    stored = fake.private_messages(ali)[-1].document
    assert stored.data.startswith(b"BEGIN:VCALENDAR") and stored.file_name == "meetup.ics"
    info = await api.ok("getFile", file_id=doc["file_id"])
    async with http.get(f"{fake.api_base}/file/bot{fake.token}/{info['file_path']}") as resp:
        assert await resp.read() == stored.data
    again = await api.ok("sendDocument", chat_id=ali.id, document=doc["file_id"])  # by file_id
    assert again["document"]["file_id"] == doc["file_id"]
    fake.rate_limits.enabled = False
    form = aiohttp.FormData()
    form.add_field("chat_id", str(ali.id))
    form.add_field("caption", "c" * 1025)
    form.add_field("document", b"x", filename="a.txt")
    async with http.post(f"{fake.api_base}/bot{fake.token}/sendDocument", data=form) as resp:
        assert (await resp.json())["description"] == "Bad Request: message caption is too long"
    assert await api.error("sendDocument", 400, chat_id=ali.id, document="nope") == \
        "Bad Request: wrong file identifier/HTTP URL specified"


async def test_commands_with_scopes(fake, api, world):
    _, _, owner, group = world
    await api.ok("setMyCommands", commands=[{"command": "event", "description": "Create an event"}])
    await api.ok("setMyCommands", commands=[{"command": "my", "description": "Your events"}],
                 scope={"type": "all_private_chats"})
    await api.ok("setMyCommands", commands=[{"command": "setup", "description": "Settings"}],
                 scope={"type": "chat_administrators", "chat_id": group.id}, language_code="ur")
    assert await api.ok("getMyCommands") == [{"command": "event", "description": "Create an event"}]
    assert await api.ok("getMyCommands", scope={"type": "all_private_chats"}) == [{"command": "my", "description": "Your events"}]
    assert await api.ok("getMyCommands", scope={"type": "chat_administrators", "chat_id": group.id}) == []
    assert fake.command_names("all_private_chats") == ["my"]
    assert [c["command"] for c in fake.commands_for(owner, group, language_code="ur")] == ["setup"]
    assert [c["command"] for c in fake.commands_for(owner, group, language_code="en")] == ["event"]
    assert [c["command"] for c in fake.commands_for(owner)] == ["my"]
    assert await api.error("setMyCommands", 400, commands=[{"command": "Bad Name!", "description": "x"}]) == \
        "Bad Request: BOT_COMMAND_INVALID"
    assert await api.error("setMyCommands", 400, commands=[{"command": "ok", "description": "x"}],
                           scope={"type": "chat", "chat_id": 42}) == "Bad Request: chat not found"
    await api.ok("deleteMyCommands")
    assert await api.ok("getMyCommands") == []


async def test_chats_and_members(fake, api, world):
    ali, sara, owner, group = world
    admin = fake.create_user("Bilal")
    group.add_admin(admin)
    chat = await api.ok("getChat", chat_id=group.id)
    assert chat["id"] == group.id and chat["type"] == "supergroup" and str(group.id).startswith("-100")
    assert (await api.ok("getChat", chat_id=ali.id))["first_name"] == "Ali"
    assert (await api.ok("getChatMember", chat_id=group.id, user_id=ali.id))["status"] == "member"
    assert (await api.ok("getChatMember", chat_id=group.id, user_id=owner.id)) == {
        "status": "creator", "user": owner.to_dict(), "is_anonymous": False}
    bilal = await api.ok("getChatMember", chat_id=group.id, user_id=admin.id)
    assert bilal["status"] == "administrator" and bilal["can_delete_messages"] is True
    stranger = fake.create_user("Stranger")
    assert (await api.ok("getChatMember", chat_id=group.id, user_id=stranger.id))["status"] == "left"
    assert await api.error("getChatMember", 400, chat_id=group.id, user_id=1) == "Bad Request: user not found"
    admins = await api.ok("getChatAdministrators", chat_id=group.id)
    assert {a["user"]["id"] for a in admins} == {owner.id, admin.id, fake.bot_id}
    assert await api.ok("getChatMember", chat_id=group.id, user_id=fake.bot_id) != {}
    assert await api.error("getChatAdministrators", 400, chat_id=ali.id) == \
        "Bad Request: there are no administrators in the private chat"


async def test_forwards_and_driver_reading(fake, api, world):
    ali, sara, owner, group = world
    post = sara.send(group, "Fake cure at https://scam.example/x #health")
    assert [e["type"] for e in post.entities] == ["url", "hashtag"]
    fwd = ali.forward(post, fake.bot)
    updates = await api.ok("getUpdates")
    forwarded = updates[-1]["message"]
    assert forwarded["chat"]["id"] == ali.id and forwarded["text"] == post.text
    assert forwarded["forward_origin"] == {"type": "user", "date": post.date, "sender_user": sara.to_dict()}
    hidden = fake.create_user("Hidden", hides_forwards=True)
    group.add_member(hidden)
    assert ali.forward(hidden.send(group, "x"), fake.bot).forward_origin["type"] == "hidden_user"
    news = fake.create_channel("News")
    from_channel = fake.forward_text_as(ali, "breaking", fake.bot, channel=news)
    assert from_channel.forward_origin["type"] == "channel" and from_channel.forward_origin["chat"]["title"] == "News"
    assert [m.content for m in fake.private_messages(ali)] == [fwd.text, "x", "breaking"]
    edited = ali.edit(fwd, "changed")
    updates = await api.ok("getUpdates", offset=updates[-1]["update_id"] + 1)
    assert updates[-1]["edited_message"]["text"] == "changed" and edited.history[0].text == post.text
