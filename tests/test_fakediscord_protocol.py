"""The fake Discord server at the protocol level: raw HTTP and websocket clients, no discord.py."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any, Optional

import aiohttp

from fakediscord import limits
from fakediscord.errors import FormErrors
from fakediscord import FakeDiscord, StateEvent
from tests.fakediscord_http import fake, http  # noqa: F401 (fixtures)

GUILDS, GUILD_MEMBERS, GUILD_MESSAGES, MESSAGE_CONTENT = 1, 2, 1 << 9, 1 << 15


class RawBot:
    """A hand-written gateway client: enough to see exactly what the server sends."""

    def __init__(self, fake: FakeDiscord, session: aiohttp.ClientSession) -> None:
        self.fake = fake
        self.session = session
        self.ws: Optional[aiohttp.ClientWebSocketResponse] = None

    async def connect(self, *, query: str = "?v=10&encoding=json&compress=zlib-stream") -> dict[str, Any]:
        self.ws = await self.session.ws_connect(self.fake.gateway_url + query)
        return await self.recv()

    async def recv(self, timeout: float = 2) -> dict[str, Any]:
        assert self.ws is not None
        msg = await self.ws.receive(timeout=timeout)
        assert msg.type == aiohttp.WSMsgType.TEXT, msg  # plain text frames, even when compression was asked for
        return json.loads(msg.data)

    async def until(self, event: str, timeout: float = 2) -> dict[str, Any]:
        while True:
            frame = await self.recv(timeout)
            if frame.get("t") == event:
                return frame

    async def send(self, op: int, d: Any) -> None:
        assert self.ws is not None
        await self.ws.send_str(json.dumps({"op": op, "d": d}))

    async def identify(self, intents: int = GUILDS | GUILD_MEMBERS | GUILD_MESSAGES | MESSAGE_CONTENT,
                       token: Optional[str] = None) -> dict[str, Any]:
        await self.send(2, {"token": token or self.fake.token, "intents": intents,
                            "properties": {"os": "linux", "browser": "raw", "device": "raw"}})
        return await self.recv()


# -------------------------------------------------------------------------------------------------
# limits, without a server


def errors_of(fn, *args, **kwargs) -> list[str]:
    errors = FormErrors()
    fn(errors, *args, **kwargs)
    return [f"{path} {code}" for path, code, _ in errors.flat]


def button(label: str = "Go", custom_id: str = "go", **kw: Any) -> dict[str, Any]:
    return {"type": 2, "style": 1, "label": label, "custom_id": custom_id, **kw}


def test_message_limits() -> None:
    assert errors_of(limits.validate_message, {"content": "x" * 2000}) == []
    assert errors_of(limits.validate_message, {"content": "x" * 2001}) == ["content BASE_TYPE_MAX_LENGTH"]
    assert errors_of(limits.validate_message, {"embeds": [{"title": "t"}] * 11}) == ["embeds BASE_TYPE_MAX_LENGTH"]
    big = {"title": "t" * 257, "description": "d" * 4097, "fields": [{"name": "n" * 257, "value": "v" * 1025}],
           "footer": {"text": "f" * 2049}, "author": {"name": "a" * 257}}
    found = errors_of(limits.validate_message, {"embeds": [big]})
    assert set(found) == {"embeds.0.title BASE_TYPE_MAX_LENGTH", "embeds.0.description BASE_TYPE_MAX_LENGTH",
                          "embeds.0.fields.0.name BASE_TYPE_MAX_LENGTH", "embeds.0.fields.0.value BASE_TYPE_MAX_LENGTH",
                          "embeds.0.footer.text BASE_TYPE_MAX_LENGTH", "embeds.0.author.name BASE_TYPE_MAX_LENGTH",
                          "embeds MAX_EMBED_SIZE_EXCEEDED"}
    many_fields = {"fields": [{"name": "n", "value": "v"}] * 26}
    assert errors_of(limits.validate_message, {"embeds": [many_fields]}) == ["embeds.0.fields BASE_TYPE_MAX_LENGTH"]
    assert errors_of(limits.validate_message, {"embeds": [{"fields": [{"name": "n", "value": ""}]}]}) == \
        ["embeds.0.fields.0.value BASE_TYPE_REQUIRED"]
    total = [{"description": "d" * 4000}, {"description": "d" * 2001}]
    assert errors_of(limits.validate_message, {"embeds": total}) == ["embeds MAX_EMBED_SIZE_EXCEEDED"]
    assert errors_of(limits.validate_message, {"embeds": [{"url": "ftp://x"}]}) == ["embeds.0.url URL_TYPE_INVALID_SCHEME"]
    assert errors_of(limits.validate_message, {"attachments": [{"id": i} for i in range(11)]}) == \
        ["attachments BASE_TYPE_MAX_LENGTH"]
    assert errors_of(limits.validate_message, {"allowed_mentions": {"parse": ["users"], "users": ["1"]}}) == \
        ["allowed_mentions.parse ALLOWED_MENTIONS_PARSE_EXCLUSIVE"]


def test_component_limits() -> None:
    row = lambda *items: {"type": 1, "components": list(items)}  # noqa: E731
    ok = [row(*(button(custom_id=f"b{i}") for i in range(5)))]
    assert errors_of(limits.validate_message_components, ok, 0) == []
    six_rows = [row(button(custom_id=f"r{i}")) for i in range(6)]
    assert errors_of(limits.validate_message_components, six_rows, 0) == ["components BASE_TYPE_MAX_LENGTH"]
    six_buttons = [row(*(button(custom_id=f"b{i}") for i in range(6)))]
    assert errors_of(limits.validate_message_components, six_buttons, 0) == \
        ["components.0.components BASE_TYPE_MAX_LENGTH"]
    assert errors_of(limits.validate_message_components, [row(button(custom_id="x" * 101))], 0) == \
        ["components.0.components.0.custom_id BASE_TYPE_BAD_LENGTH"]
    assert errors_of(limits.validate_message_components, [row(button(label="l" * 81))], 0) == \
        ["components.0.components.0.label BASE_TYPE_MAX_LENGTH"]
    assert errors_of(limits.validate_message_components, [row(button(), button())], 0) == \
        ["components.0.components.1.custom_id COMPONENT_CUSTOM_ID_DUPLICATED"]
    options = [{"label": f"o{i}", "value": f"v{i}"} for i in range(26)]
    select = {"type": 3, "custom_id": "s", "options": options, "placeholder": "p" * 151}
    assert set(errors_of(limits.validate_message_components, [row(select)], 0)) == \
        {"components.0.components.0.options BASE_TYPE_BAD_LENGTH",
         "components.0.components.0.placeholder BASE_TYPE_MAX_LENGTH"}
    mixed = [row(button(), {"type": 3, "custom_id": "s", "options": options[:2]})]
    assert errors_of(limits.validate_message_components, mixed, 0) == \
        ["components.0.components COMPONENT_LAYOUT_WIDTH_EXCEEDED"]
    link = [row({"type": 2, "style": 5, "label": "Docs", "url": "https://example.org"})]
    assert errors_of(limits.validate_message_components, link, 0) == []


def test_modal_and_choice_limits() -> None:
    def text_input(label: str, cid: str) -> dict[str, Any]:
        return {"type": 1, "components": [{"type": 4, "custom_id": cid, "style": 1, "label": label}]}

    good = {"title": "Report", "custom_id": "m", "components": [text_input("Reason", "r")]}
    assert errors_of(limits.validate_modal, good) == []
    bad = {"title": "t" * 46, "custom_id": "m", "components": [text_input("l" * 46, f"c{i}") for i in range(6)]}
    found = errors_of(limits.validate_modal, bad)
    assert "data.title BASE_TYPE_BAD_LENGTH" in found and "data.components BASE_TYPE_BAD_LENGTH" in found
    assert "data.components.0.components.0.label BASE_TYPE_BAD_LENGTH" in found
    choices = {"choices": [{"name": f"c{i}", "value": str(i)} for i in range(26)]}
    assert errors_of(limits.validate_choices, choices) == ["data.choices BASE_TYPE_MAX_LENGTH"]
    assert errors_of(limits.validate_choices, {"choices": [{"name": "n" * 101, "value": "v"}]}) == \
        ["data.choices.0.name BASE_TYPE_BAD_LENGTH"]


def test_command_schema_limits() -> None:
    good = [{"name": "setup", "description": "Set up", "type": 1,
             "options": [{"type": 3, "name": "tz", "description": "zone", "required": True}]}]
    assert errors_of(limits.validate_commands, good) == []
    bad = [{"name": "Setup", "description": "d" * 101, "type": 1,
            "options": [{"type": 3, "name": "a", "description": "x"},
                        {"type": 3, "name": "b", "description": "x", "required": True}]}]
    assert set(errors_of(limits.validate_commands, bad)) == {
        "0.name APPLICATION_COMMAND_INVALID_NAME", "0.description BASE_TYPE_BAD_LENGTH",
        "0.options.1.required APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID"}


# -------------------------------------------------------------------------------------------------
# REST


async def test_rest_auth_unknown_routes_and_recording(fake: FakeDiscord, http: aiohttp.ClientSession) -> None:
    async with aiohttp.ClientSession() as anonymous:
        async with anonymous.get(fake.api_base + "/users/@me") as resp:
            assert resp.status == 401 and (await resp.json())["message"] == "401: Unauthorized"
    async with http.get(fake.api_base + "/users/@me") as resp:
        assert resp.status == 200 and resp.headers["Content-Type"] == "application/json"
        assert (await resp.json())["id"] == str(fake.bot_user_id)
    async with http.get(fake.api_base + "/oauth2/applications/@me") as resp:
        assert (await resp.json())["id"] == str(fake.application_id)
    async with http.post(fake.api_base + "/guilds/1/emojis", json={"name": "x"}) as resp:
        assert resp.status == 404 and (await resp.json()) == {"message": "404: Not Found", "code": 0}
    unknown = fake.unknown_requests
    assert [(r.method, r.path, r.json) for r in unknown] == [("POST", "/guilds/1/emojis", {"name": "x"})]
    assert [r.status for r in fake.requests] == [401, 200, 200, 404]
    fake.reset_requests()
    assert fake.requests == []


async def test_messages_history_and_mentions(fake: FakeDiscord, http: aiohttp.ClientSession) -> None:
    guild = fake.create_guild("G")
    channel = guild.add_text_channel("general")
    ali = guild.add_member("Ali")
    role = guild.add_role("Mods", mentionable=True)
    base = f"{fake.api_base}/channels/{channel.id}/messages"
    ids = []
    for i in range(10):
        async with http.post(base, json={"content": f"m{i}"}) as resp:
            assert resp.status == 200
            ids.append(int((await resp.json())["id"]))
    async with http.get(base, params={"limit": "3"}) as resp:
        assert [m["content"] for m in await resp.json()] == ["m9", "m8", "m7"]
    async with http.get(base, params={"limit": "3", "before": str(ids[5])}) as resp:
        assert [m["content"] for m in await resp.json()] == ["m4", "m3", "m2"]
    async with http.get(base, params={"limit": "2", "after": str(ids[5])}) as resp:
        assert [m["content"] for m in await resp.json()] == ["m7", "m6"]
    async with http.get(base, params={"limit": "4", "around": str(ids[5])}) as resp:
        assert [m["content"] for m in await resp.json()] == ["m6", "m5", "m4", "m3"]
    async with http.delete(f"{base}/{ids[9]}") as resp:
        assert resp.status == 204
    async with http.get(f"{base}/{ids[9]}") as resp:
        assert resp.status == 404 and (await resp.json())["code"] == 10008
    # default allowed mentions ping; parse=[] does not; role pings need a mentionable role
    async with http.post(base, json={"content": f"{ali.mention} {role.mention} @everyone"}) as resp:
        pinged = fake.message_by_id((await resp.json())["id"]).pinged
    assert pinged == {"users": [ali.id], "roles": [role.id], "everyone": False}
    async with http.post(base, json={"content": ali.mention, "allowed_mentions": {"parse": []}}) as resp:
        quiet = fake.message_by_id((await resp.json())["id"])
    assert quiet.pinged["users"] == [] and quiet.allowed_mentions == {"parse": []}
    assert fake.requests[-1].allowed_mentions == {"parse": []}
    async with http.post(base, json={"content": ""}) as resp:
        assert resp.status == 400 and (await resp.json())["code"] == 50006
    async with http.post(base, json={"content": "x" * 2001}) as resp:
        body = await resp.json()
        assert resp.status == 400 and body["code"] == 50035 and "content" in body["errors"]


async def test_bot_permissions_are_enforced(fake: FakeDiscord, http: aiohttp.ClientSession) -> None:
    guild = fake.create_guild("G")
    hidden = guild.add_text_channel("staff", overwrites={guild.everyone: (0, 1 << 10)})
    readonly = guild.add_text_channel("news", overwrites={guild.bot_role: (0, 1 << 11)})
    async with http.post(f"{fake.api_base}/channels/{hidden.id}/messages", json={"content": "x"}) as resp:
        assert resp.status == 403 and (await resp.json())["code"] == 50001
    async with http.post(f"{fake.api_base}/channels/{readonly.id}/messages", json={"content": "x"}) as resp:
        assert resp.status == 403 and (await resp.json())["code"] == 50013


async def test_dm_channels(fake: FakeDiscord, http: aiohttp.ClientSession) -> None:
    guild = fake.create_guild("G")
    open_ = guild.add_member("Open")
    closed = guild.add_member("Closed", dms_open=False)
    for member, status, code in ((open_, 200, None), (closed, 403, 50007)):
        async with http.post(fake.api_base + "/users/@me/channels", json={"recipient_id": str(member.id)}) as resp:
            dm = await resp.json()
            assert resp.status == 200 and dm["type"] == 1 and dm["recipients"][0]["id"] == str(member.id)
            assert dm["id"] == str(fake.dm_channel(member).id)  # one DM channel per user
        async with http.post(f"{fake.api_base}/channels/{dm['id']}/messages", json={"content": "hi"}) as resp:
            assert resp.status == status and (await resp.json()).get("code") == code
    assert [m.content for m in fake.dms(open_)] == ["hi"] and fake.dms(closed) == []


async def test_multipart_upload_and_download(fake: FakeDiscord, http: aiohttp.ClientSession) -> None:
    guild = fake.create_guild("G")
    channel = guild.add_text_channel("files")
    form = aiohttp.FormData(quote_fields=False)
    form.add_field("payload_json", json.dumps({"content": "see file",
                                               "attachments": [{"id": 0, "filename": "notes.txt"}]}))
    form.add_field("files[0]", b"hello", filename="notes.txt", content_type="application/octet-stream")
    async with http.post(f"{fake.api_base}/channels/{channel.id}/messages", data=form) as resp:
        body = await resp.json()
    att = body["attachments"][0]
    assert att["filename"] == "notes.txt" and att["size"] == 5 and att["content_type"] == "text/plain"
    async with http.get(att["url"]) as resp:
        assert resp.status == 200 and await resp.read() == b"hello"
    assert fake.requests[0].files == [{"index": 0, "filename": "notes.txt", "size": 5,
                                       "content_type": "application/octet-stream"}]
    # editing keeps the listed attachments and adds new uploads
    form = aiohttp.FormData(quote_fields=False)
    form.add_field("payload_json", json.dumps({"attachments": [{"id": att["id"]}, {"id": 0, "filename": "b.png"}]}))
    form.add_field("files[0]", b"\x89PNG", filename="b.png")
    async with http.patch(f"{fake.api_base}/channels/{channel.id}/messages/{body['id']}", data=form) as resp:
        edited = await resp.json()
    assert [(a["filename"], a["content_type"]) for a in edited["attachments"]] == \
        [("notes.txt", "text/plain"), ("b.png", "image/png")]


async def test_rate_limits_when_enabled(fake: FakeDiscord, http: aiohttp.ClientSession) -> None:
    fake.rate_limits.enabled = True
    channel = fake.create_guild("G").add_text_channel("busy")
    statuses = []
    for i in range(6):
        async with http.post(f"{fake.api_base}/channels/{channel.id}/messages", json={"content": str(i)}) as resp:
            statuses.append(resp.status)
            if resp.status == 429:
                assert resp.headers["Via"] and (await resp.json())["retry_after"] > 0
            else:
                assert resp.headers["X-RateLimit-Limit"] == "5"
    assert statuses == [200] * 5 + [429]
    assert [r.rate_limited for r in fake.requests] == [False] * 5 + [True]


# -------------------------------------------------------------------------------------------------
# gateway


async def test_gateway_identify_ready_guilds_and_heartbeat(fake: FakeDiscord, http: aiohttp.ClientSession) -> None:
    guild = fake.create_guild("G", locale="ur")
    guild.add_text_channel("general")
    guild.add_member("Ali")
    raw = RawBot(fake, http)
    hello = await raw.connect()
    assert hello["op"] == 10 and hello["d"]["heartbeat_interval"] > 0
    await raw.send(1, None)
    assert (await raw.recv())["op"] == 11
    ready = await raw.identify()
    assert ready["t"] == "READY" and ready["s"] == 1
    assert ready["d"]["guilds"] == [{"id": str(guild.id), "unavailable": True}]
    assert ready["d"]["resume_gateway_url"] == fake.gateway_url
    assert ready["d"]["application"]["id"] == str(fake.application_id)
    created = await raw.recv()
    assert created["t"] == "GUILD_CREATE" and created["d"]["preferred_locale"] == "ur"
    assert {m["user"]["id"] for m in created["d"]["members"]} == {str(fake.bot_user_id), str(guild.get_member("Ali").id)}
    assert created["d"]["member_count"] == 2 and [c["name"] for c in created["d"]["channels"]] == ["general"]
    await fake.wait_until_ready(timeout=2)
    assert fake.bot_ready
    # a guild created later arrives as GUILD_CREATE, a channel as CHANNEL_CREATE
    later = fake.create_guild("Later")
    assert (await raw.until("GUILD_CREATE"))["d"]["id"] == str(later.id)
    later.add_text_channel("news")
    assert (await raw.until("CHANNEL_CREATE"))["d"]["name"] == "news"


async def test_gateway_rejects_bad_token_and_resumes(fake: FakeDiscord, http: aiohttp.ClientSession) -> None:
    raw = RawBot(fake, http)
    await raw.connect()
    await raw.send(2, {"token": "wrong", "intents": 1, "properties": {}})
    closed = await raw.ws.receive(timeout=2)
    assert closed.type == aiohttp.WSMsgType.CLOSE and closed.data == 4004
    # identify, drop, miss an event, resume: the event is replayed, then RESUMED
    guild = fake.create_guild("G")
    channel = guild.add_text_channel("general")
    ali = guild.add_member("Ali")
    raw = RawBot(fake, http)
    await raw.connect()
    ready = await raw.identify()
    await raw.until("GUILD_CREATE")
    await fake.drop_connection()
    await fake.post_message(ali, channel, "missed")
    raw2 = RawBot(fake, http)
    await raw2.connect()
    await raw2.send(6, {"token": fake.token, "session_id": ready["d"]["session_id"], "seq": 2})
    replayed = await raw2.recv()
    assert replayed["t"] == "MESSAGE_CREATE" and replayed["d"]["content"] == "missed" and replayed["s"] == 3
    assert (await raw2.recv())["t"] == "RESUMED"
    # an unknown session cannot resume
    raw3 = RawBot(fake, http)
    await raw3.connect()
    await raw3.send(6, {"token": fake.token, "session_id": "nope", "seq": 1})
    assert (await raw3.recv()) == {"op": 9, "d": False, "s": None, "t": None}


async def test_message_content_needs_the_intent(fake: FakeDiscord, http: aiohttp.ClientSession) -> None:
    guild = fake.create_guild("G")
    channel = guild.add_text_channel("general")
    ali = guild.add_member("Ali")
    raw = RawBot(fake, http)
    await raw.connect()
    await raw.identify(intents=GUILDS | GUILD_MESSAGES)
    created = await raw.until("GUILD_CREATE")
    assert len(created["d"]["members"]) == 1  # without GUILD_MEMBERS only the bot itself
    await fake.post_message(ali, channel, "secret")
    assert (await raw.until("MESSAGE_CREATE"))["d"]["content"] == ""
    await fake.post_message(ali, channel, f"hey {fake.bot_user.mention}")
    assert (await raw.until("MESSAGE_CREATE"))["d"]["content"].startswith("hey")


async def test_interaction_protocol_with_a_raw_bot(fake: FakeDiscord, http: aiohttp.ClientSession) -> None:
    guild = fake.create_guild("G")
    guild.add_text_channel("general")
    ali = guild.add_member("Ali")
    commands = [{"name": "hello", "description": "Say hello", "type": 1,
                 "options": [{"type": 4, "name": "n", "description": "a number", "required": True}]}]
    async with http.put(f"{fake.api_base}/applications/{fake.application_id}/commands", json=commands) as resp:
        stored = await resp.json()
    assert stored[0]["id"] and stored[0]["application_id"] == str(fake.application_id)
    async with http.put(f"{fake.api_base}/applications/{fake.application_id}/commands", json=commands) as resp:
        assert (await resp.json())[0]["id"] == stored[0]["id"]  # same name, same id
    raw = RawBot(fake, http)
    await raw.connect()
    await raw.identify()
    events: list[StateEvent] = []
    fake.subscribe(events.append)
    task = asyncio.create_task(fake.slash(ali, "hello", n=5))
    create = (await raw.until("INTERACTION_CREATE"))["d"]
    assert create["data"]["options"] == [{"name": "n", "type": 4, "value": 5}]
    assert create["member"]["user"]["id"] == str(ali.id) and create["guild_id"] == str(guild.id)
    url = f"{fake.api_base}/interactions/{create['id']}/{create['token']}/callback"
    async with http.post(url, params={"with_response": "1"},
                         json={"type": 4, "data": {"content": "hi", "flags": 64}}) as resp:
        body = await resp.json()
    assert body["interaction"]["response_message_ephemeral"] is True
    assert body["resource"]["type"] == 4 and body["resource"]["message"]["content"] == "hi"
    result = await task
    assert result.type == 4 and result.ephemeral and result.text == "hi"
    async with http.post(url, json={"type": 4, "data": {"content": "again"}}) as resp:
        assert resp.status == 400 and (await resp.json())["code"] == 40060
    hook = f"{fake.api_base}/webhooks/{fake.application_id}/{create['token']}"
    async with http.post(hook, params={"wait": "1"}, json={"content": "later"}) as resp:
        follow = await resp.json()
    async with http.patch(f"{hook}/messages/@original", json={"content": "edited"}) as resp:
        assert (await resp.json())["content"] == "edited"
    assert [m.content for m in result.followups] == ["later"] and result.content == "edited"
    created = [e for e in events if e.kind == "message_created"]
    assert [(e.message.content, e.visible_to) for e in created] == [("edited", ali.id), ("later", None)]
    assert result.errors == [40060]
    # the token expires after 15 minutes
    fake.token_lifetime = 0
    async with http.get(f"{hook}/messages/{follow['id']}") as resp:
        assert resp.status == 401 and (await resp.json())["code"] == 50027


async def test_unanswered_interaction_times_out(fake: FakeDiscord, http: aiohttp.ClientSession) -> None:
    guild = fake.create_guild("G")
    ali = guild.add_member("Ali")
    async with http.put(f"{fake.api_base}/applications/{fake.application_id}/commands",
                        json=[{"name": "x", "description": "x"}]):
        pass
    fake.response_deadline = 0.2
    r = await fake.slash(ali, "x", response_timeout=0.3)
    assert r.type is None and r.error == 10062 and not r.dispatched_live


async def test_enforce_nonce_returns_the_first_message_within_the_window(fake: FakeDiscord,
                                                                         http: aiohttp.ClientSession) -> None:
    guild = fake.create_guild("G")
    channel = guild.add_text_channel("general")
    base = f"{fake.api_base}/channels/{channel.id}/messages"

    async def post(body: dict) -> int:
        async with http.post(base, json=body) as resp:
            assert resp.status == 200
            return int((await resp.json())["id"])

    first = await post({"content": "hello", "nonce": "bk-rem-1", "enforce_nonce": True})
    again = await post({"content": "hello (late)", "nonce": "bk-rem-1", "enforce_nonce": True})
    assert again == first and [m.text for m in fake.channel_messages(channel)] == ["hello"]
    # Without enforce_nonce, or with another nonce, a new message is created.
    assert await post({"content": "x", "nonce": "bk-rem-1"}) != first
    assert await post({"content": "y", "nonce": "bk-rem-2", "enforce_nonce": True}) != first
    # Outside the window the nonce is forgotten.
    fake.nonce_window = 0.0
    assert await post({"content": "z", "nonce": "bk-rem-1", "enforce_nonce": True}) != first
    assert [m.text for m in fake.channel_messages(channel)] == ["hello", "x", "y", "z"]


async def test_rate_limits_follow_discords_documented_shape(fake: FakeDiscord, http: aiohttp.ClientSession) -> None:
    fake.rate_limits.enabled = True
    guild = fake.create_guild("G")
    members = [guild.add_member(f"m{i}") for i in range(60)]
    channels = [guild.add_text_channel(f"c{i}") for i in range(60)]
    # Opening DM channels has no route limit of its own: only the global 50 per second applies.
    opened = []
    for member in members[:50]:
        async with http.post(fake.api_base + "/users/@me/channels", json={"recipient_id": str(member.id)}) as resp:
            opened.append(resp.status)
    assert opened == [200] * 50
    # The 51st bot request within the second is refused globally, on any route.
    async with http.post(f"{fake.api_base}/channels/{channels[0].id}/messages", json={"content": "x"}) as resp:
        assert resp.status == 429
        body = await resp.json()
        assert body["global"] is True and 0 < body["retry_after"] <= 1
        assert resp.headers["X-RateLimit-Global"] == "true" and resp.headers["X-RateLimit-Scope"] == "global"
        assert int(resp.headers["Retry-After"]) >= 1 and resp.headers["Via"]
    assert fake.rate_limits.limited_global == 1
    # Interaction endpoints are not bound by the global limit.
    async with http.post(f"{fake.api_base}/webhooks/{fake.application_id}/no-such-token",
                         json={"content": "x"}) as resp:
        assert resp.status != 429
    await asyncio.sleep(1.05)
    # Per-route buckets are per major parameter: five messages in each of two channels all pass,
    # each answer carrying the bucket's headers; the sixth in one channel is refused for that route.
    for channel in channels[:2]:
        for i in range(5):
            async with http.post(f"{fake.api_base}/channels/{channel.id}/messages", json={"content": str(i)}) as resp:
                assert resp.status == 200
                assert resp.headers["X-RateLimit-Remaining"] == str(4 - i)
                assert float(resp.headers["X-RateLimit-Reset-After"]) > 0
                assert float(resp.headers["X-RateLimit-Reset"]) > time.time()
                bucket = resp.headers["X-RateLimit-Bucket"]
    async with http.post(f"{fake.api_base}/channels/{channels[0].id}/messages", json={"content": "6"}) as resp:
        assert resp.status == 429
        body = await resp.json()
        assert body["global"] is False and body["retry_after"] > 1
        assert resp.headers["X-RateLimit-Scope"] == "user" and resp.headers["X-RateLimit-Bucket"] == bucket
        assert "X-RateLimit-Global" not in resp.headers
    # Adding and removing a role share one bucket per guild.
    role = guild.add_role("R")
    statuses = []
    for i in range(11):
        verb = http.put if i % 2 == 0 else http.delete
        async with verb(f"{fake.api_base}/guilds/{guild.id}/members/{members[0].id}/roles/{role.id}") as resp:
            statuses.append(resp.status)
    assert 429 not in statuses[:10] and statuses[10] == 429, statuses
