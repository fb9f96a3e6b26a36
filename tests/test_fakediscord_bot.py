"""The fake Discord server against a real discord.py client: a tiny bot defined here."""

from __future__ import annotations

import asyncio
import io
from typing import Any, Optional

import discord
import pytest
from discord import app_commands
from discord.ext import commands

from fakediscord import FakeDiscord, point_client_at


class TinyBot(commands.Bot):
    """Just enough of a bot to exercise every part of the fake server."""

    def __init__(self) -> None:
        intents = discord.Intents.default()
        intents.members = True
        intents.message_content = True
        super().__init__(command_prefix="!", intents=intents, guild_ready_timeout=0.05,
                         allowed_mentions=discord.AllowedMentions.none())
        self.seen_messages: list[discord.Message] = []
        self.joined: list[discord.Member] = []
        self.created_channels: list[discord.abc.GuildChannel] = []
        self.errors: dict[str, Any] = {}
        self.ready_count = 0
        self.resumed_count = 0

    async def before_identify_hook(self, shard_id: Optional[int], *, initial: bool = False) -> None:
        return None  # discord.py waits 5 s before re-IDENTIFYing; not needed against a local server

    async def setup_hook(self) -> None:
        add_commands(self)
        await self.tree.sync()

    async def on_ready(self) -> None:
        self.ready_count += 1

    async def on_resumed(self) -> None:
        self.resumed_count += 1

    async def on_message(self, message: discord.Message) -> None:
        if message.author.id != self.user.id:
            self.seen_messages.append(message)

    async def on_member_join(self, member: discord.Member) -> None:
        self.joined.append(member)

    async def on_guild_channel_create(self, channel: discord.abc.GuildChannel) -> None:
        self.created_channels.append(channel)


class RsvpView(discord.ui.View):
    def __init__(self) -> None:
        super().__init__(timeout=None)

    @discord.ui.button(label="Going", style=discord.ButtonStyle.success, custom_id="rsvp:going")
    async def going(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await interaction.response.send_message(f"{interaction.user.display_name} is going", ephemeral=True)

    @discord.ui.button(label="Closed", disabled=True, custom_id="rsvp:closed")
    async def closed(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:  # pragma: no cover
        await interaction.response.send_message("should never happen")

    @discord.ui.button(label="Count", custom_id="rsvp:count")
    async def count(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await interaction.response.defer()
        await asyncio.sleep(0.05)
        await interaction.edit_original_response(content="counted", view=self)

    @discord.ui.select(custom_id="rsvp:pick", placeholder="Pick one",
                       options=[discord.SelectOption(label="Alpha", value="a"), discord.SelectOption(label="Beta", value="b")])
    async def pick(self, interaction: discord.Interaction, select: discord.ui.Select) -> None:
        await interaction.response.edit_message(content=f"picked {','.join(select.values)}", view=self)


class FeedbackModal(discord.ui.Modal, title="Feedback"):
    reason = discord.ui.TextInput(label="Reason", max_length=50)
    details = discord.ui.TextInput(label="Details", style=discord.TextStyle.paragraph, required=False)
    mood = discord.ui.Label(text="Mood", component=discord.ui.Select(
        custom_id="feedback:mood", options=[discord.SelectOption(label="Happy", value="happy"),
                                            discord.SelectOption(label="Sad", value="sad")]))

    async def on_submit(self, interaction: discord.Interaction) -> None:
        mood = self.mood.component.values  # type: ignore[union-attr]
        await interaction.response.send_message(
            f"reason={self.reason.value} details={self.details.value or '-'} mood={','.join(mood)}", ephemeral=True)


ZONES = ["Asia/Karachi", "Asia/Kolkata", "Asia/Kabul", "Europe/London", "America/New_York"]


def add_commands(bot: TinyBot) -> None:
    tree = bot.tree

    @tree.command(description="Set the bot up")
    @app_commands.describe(announcements="Where events go", organiser_role="Who can create events")
    async def setup(interaction: discord.Interaction, announcements: discord.TextChannel,
                    organiser_role: discord.Role, timezone: Optional[str] = None,
                    reminders: Optional[app_commands.Range[int, 1, 48]] = None, verbose: bool = False,
                    language: Optional[str] = None) -> None:
        await interaction.response.send_message(
            f"announcements={announcements.name} role={organiser_role.name} tz={timezone} "
            f"reminders={reminders} verbose={verbose} language={language} "
            f"admin={interaction.permissions.manage_guild}", ephemeral=True)

    @setup.autocomplete("timezone")
    async def tz_complete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=z, value=z) for z in ZONES if current.lower() in z.lower()][:25]

    @setup.autocomplete("language")
    async def lang_complete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=f"lang {i}", value=f"l{i}") for i in range(30)]  # too many: 50035

    event = app_commands.Group(name="event", description="Events")
    admin = app_commands.Group(name="admin", description="Event admin", parent=event)

    @event.command(name="create", description="Create an event")
    async def event_create(interaction: discord.Interaction, title: str, when: str) -> None:
        await interaction.response.send_message(embed=discord.Embed(title=title, description=f"at {when}"))

    @admin.command(name="purge", description="Purge old events")
    async def event_purge(interaction: discord.Interaction, days: int) -> None:
        await interaction.response.send_message(f"purged {days}", ephemeral=True)

    tree.add_command(event)

    @tree.context_menu(name="Report message")
    async def report(interaction: discord.Interaction, message: discord.Message) -> None:
        await interaction.response.send_message(
            f"reported {message.author.display_name}: {message.content}", ephemeral=True)

    @tree.command(description="RSVP buttons")
    async def rsvp(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("Meetup", view=RsvpView())

    @tree.command(description="Open a modal")
    async def feedback(interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(FeedbackModal())

    @tree.command(description="Defer, then edit")
    async def slow(interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        await asyncio.sleep(0.2)
        await interaction.edit_original_response(content="slow done")

    @tree.command(description="Defer, then follow up")
    async def chatty(interaction: discord.Interaction) -> None:
        await interaction.response.defer()
        await interaction.followup.send("first")
        await interaction.followup.send("second", ephemeral=True)

    @tree.command(description="Answers too late")
    async def late(interaction: discord.Interaction) -> None:
        await asyncio.sleep(3.5)
        try:
            await interaction.response.send_message("too late")
        except discord.HTTPException as exc:
            bot.errors["late"] = exc.code

    @tree.command(description="Answers twice")
    async def twice(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("one")
        interaction.response._response_type = None  # as if a second process answered too
        try:
            await interaction.response.send_message("two")
        except discord.HTTPException as exc:
            bot.errors["twice"] = exc.code

    @tree.command(description="An embed over the limits")
    async def big(interaction: discord.Interaction) -> None:
        embed = discord.Embed(title="t" * 300, description="d" * 4000)
        for i in range(5):
            embed.add_field(name=f"f{i}", value="v" * 1000)
        try:
            await interaction.response.send_message(embed=embed)
        except discord.HTTPException as exc:
            bot.errors["big"] = exc.code
            await interaction.response.send_message("sorry, too big", ephemeral=True)

    @tree.command(description="DM someone")
    async def dm(interaction: discord.Interaction, member: discord.Member) -> None:
        try:
            await member.send("hello from the bot")
        except discord.Forbidden as exc:
            bot.errors["dm"] = exc.code
            await interaction.response.send_message("cannot DM them", ephemeral=True)
            return
        await interaction.response.send_message("sent", ephemeral=True)

    @tree.command(description="Send a file")
    async def file(interaction: discord.Interaction) -> None:
        await interaction.response.send_message(
            "here", file=discord.File(io.BytesIO(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"), filename="event.ics"),
            ephemeral=True)

    @tree.command(description="Post, edit and read back in a channel")
    async def post(interaction: discord.Interaction, channel: discord.TextChannel, text: str) -> None:
        msg = await channel.send(text, file=discord.File(io.BytesIO(b"abc"), filename="a.txt"))
        await msg.edit(content=text + " (edited)", attachments=[*msg.attachments,
                                                                discord.File(io.BytesIO(b"xyz"), filename="b.txt")])
        history = [m async for m in channel.history(limit=5)]
        fetched = await channel.fetch_message(msg.id)
        await interaction.response.send_message(
            f"history={len(history)} fetched={fetched.content} files={[a.filename for a in fetched.attachments]}",
            ephemeral=True)

    @tree.command(description="Ping")
    async def ping(interaction: discord.Interaction, n: int) -> None:
        where = "dm" if interaction.guild is None else "guild"
        await interaction.response.send_message(f"pong {n}" + (" (dm)" if where == "dm" else ""), ephemeral=True)

    @tree.command(name="adminonly", description="Only for admins")
    @app_commands.default_permissions(manage_guild=True)
    async def adminonly(interaction: discord.Interaction) -> None:
        await interaction.response.send_message(f"ok {interaction.user.display_name}", ephemeral=True)

    @tree.context_menu(name="Profile")
    async def profile(interaction: discord.Interaction, member: discord.Member) -> None:
        await interaction.response.send_message(f"profile of {member.display_name}", ephemeral=True)

    @tree.command(description="Choose a member")
    async def choose(interaction: discord.Interaction) -> None:
        view = discord.ui.View()
        select = discord.ui.UserSelect(custom_id="choose:user", placeholder="Who?")

        async def picked(inter: discord.Interaction) -> None:
            await inter.response.send_message(f"chose {select.values[0].display_name}", ephemeral=True)

        select.callback = picked
        view.add_item(select)
        await interaction.response.send_message("choose someone", view=view)

    @tree.command(description="Burst of channel messages")
    async def burst(interaction: discord.Interaction, channel: discord.TextChannel, count: int) -> None:
        await interaction.response.defer(ephemeral=True)
        for i in range(count):
            await channel.send(f"burst {i}")
        await interaction.followup.send(f"sent {count}", ephemeral=True)


@pytest.fixture
async def fake():
    server = FakeDiscord()
    await server.start()
    restore = point_client_at(server)
    yield server
    restore()
    await server.stop()


@pytest.fixture
async def world(fake: FakeDiscord):
    guild = fake.create_guild("Test", locale="en-US")
    world = {
        "guild": guild,
        "general": guild.add_text_channel("general"),
        "announcements": guild.add_text_channel("announcements"),
        "organiser": guild.add_role("Organiser"),
        "admin": guild.add_member("Ayesha", admin=True),
        "ali": guild.add_member("علی", dms_open=True),
        "closed": guild.add_member("Closed", dms_open=False),
    }
    return world


@pytest.fixture
async def bot(fake: FakeDiscord, world: dict):
    client = TinyBot()
    task = asyncio.create_task(client.start(fake.token))
    ready = asyncio.ensure_future(fake.wait_until_ready(timeout=10, commands=True))
    await asyncio.wait([task, ready], return_when=asyncio.FIRST_COMPLETED)
    if task.done():
        ready.cancel()
        task.result()
    await ready
    while not client.is_ready():
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    yield client
    await client.close()
    try:
        await asyncio.wait_for(task, 5)
    except Exception:
        pass


# ------------------------------------------------------------------------------------------------------


async def test_connects_and_registers_commands(fake: FakeDiscord, world: dict, bot: TinyBot) -> None:
    guild = bot.get_guild(world["guild"].id)
    assert guild is not None and guild.name == "Test"
    assert {c.name for c in guild.text_channels} == {"general", "announcements"}
    assert guild.get_member(world["ali"].id).display_name == "علی"
    names = {c["name"] for c in fake.registered_commands(world["guild"])}
    assert {"setup", "event", "Report message", "rsvp", "feedback"} <= names
    assert all(c["id"] for c in fake.registered_commands())
    assert not fake.unknown_requests


async def test_slash_with_channel_role_int_bool(fake: FakeDiscord, world: dict, bot: TinyBot) -> None:
    r = await fake.slash(world["admin"], "setup", announcements=world["announcements"],
                         organiser_role=world["organiser"], timezone="Asia/Karachi", reminders=24, verbose=True)
    assert r.error is None and r.type == 4 and r.ephemeral
    assert r.content == ("announcements=announcements role=Organiser tz=Asia/Karachi reminders=24 verbose=True "
                         "language=None admin=True")
    assert r.latency is not None and 0 <= r.latency < 3
    with pytest.raises(ValueError, match="no option"):
        await fake.slash(world["admin"], "setup", announcements=world["announcements"],
                         organiser_role=world["organiser"], nonsense=1)
    with pytest.raises(ValueError, match="needs option"):
        await fake.slash(world["admin"], "setup", announcements=world["announcements"])
    with pytest.raises(ValueError, match="max_value"):
        await fake.slash(world["admin"], "setup", announcements=world["announcements"],
                         organiser_role=world["organiser"], reminders=100)
    # ephemeral replies are not in the channel history
    assert fake.channel_messages(world["general"]) == []
    assert fake.channel_messages(world["general"], viewer=world["admin"])[0].content == r.content


async def test_subcommands_and_groups(fake: FakeDiscord, world: dict, bot: TinyBot) -> None:
    r = await fake.slash(world["ali"], "event create", title="Meetup", when="tomorrow 6pm")
    assert r.type == 4 and not r.ephemeral
    assert r.embeds[0]["title"] == "Meetup" and "tomorrow 6pm" in r.text
    assert fake.channel_messages(world["general"])[-1].id == r.message.id
    r = await fake.slash(world["ali"], "event admin purge", days=3)
    assert r.content == "purged 3"
    with pytest.raises(ValueError, match="needs a subcommand"):
        await fake.slash(world["ali"], "event")


async def test_autocomplete(fake: FakeDiscord, world: dict, bot: TinyBot) -> None:
    choices = await fake.autocomplete(world["admin"], "setup", "timezone", "asia/kar")
    assert choices == [{"name": "Asia/Karachi", "value": "Asia/Karachi"}]
    assert choices.result.type == 8
    too_many = await fake.autocomplete(world["admin"], "setup", "language", "")
    assert too_many == [] and too_many.result.error == 50035


async def test_context_menu_on_user_message(fake: FakeDiscord, world: dict, bot: TinyBot) -> None:
    msg = await fake.post_message(world["ali"], world["general"], "fake news <@123>",
                            attachments=[{"filename": "a.png", "content_type": "image/png", "size": 1234}])
    for _ in range(100):
        if bot.seen_messages:
            break
        await asyncio.sleep(0.01)
    seen = bot.seen_messages[-1]
    assert seen.content == "fake news <@123>" and seen.attachments[0].filename == "a.png"
    assert seen.attachments[0].size == 1234
    r = await fake.context_menu(world["admin"], "Report message", msg)
    assert r.ephemeral and r.content == "reported علی: fake news <@123>"


async def test_buttons_and_select(fake: FakeDiscord, world: dict, bot: TinyBot) -> None:
    r = await fake.slash(world["ali"], "rsvp")
    assert r.content == "Meetup" and [b["label"] for b in r.message.buttons] == ["Going", "Closed", "Count"]
    click = await fake.click(world["admin"], r.message, "Going")
    assert click.type == 4 and click.ephemeral and click.content == "Ayesha is going"
    with pytest.raises(ValueError, match="disabled"):
        await fake.click(world["admin"], r.message, "Closed")
    with pytest.raises(ValueError, match="no button"):
        await fake.click(world["admin"], r.message, "Maybe")
    deferred = await fake.click(world["admin"], r, custom_id="rsvp:count")
    assert deferred.type == 6
    await deferred.wait_done()
    assert r.message.content == "counted" and deferred.message.id == r.message.id
    picked = await fake.select(world["ali"], r.message, ["Beta"])
    assert picked.type == 7 and picked.message.content == "picked b"
    assert fake.channel_messages(world["general"])[-1].content == "picked b"
    with pytest.raises(ValueError, match="no option"):
        await fake.select(world["ali"], r.message, ["c"])


async def test_modal(fake: FakeDiscord, world: dict, bot: TinyBot) -> None:
    r = await fake.slash(world["ali"], "feedback")
    assert r.type == 9 and r.modal.title == "Feedback"
    assert r.modal.labels == ["Reason", "Details", "Mood"]
    with pytest.raises(ValueError, match="required"):
        await fake.submit_modal(world["ali"], r, {"Details": "x", "Mood": ["happy"]})
    with pytest.raises(ValueError, match="at most 50"):
        await fake.submit_modal(world["ali"], r, {"Reason": "x" * 51, "Mood": ["happy"]})
    done = await fake.submit_modal(world["ali"], r, {"Reason": "spam", "Mood": ["Sad"]})
    assert done.type == 4 and done.ephemeral
    assert done.content == "reason=spam details=- mood=sad"


async def test_defer_then_edit_and_followups(fake: FakeDiscord, world: dict, bot: TinyBot) -> None:
    r = await fake.slash(world["ali"], "slow")
    assert r.type == 5 and r.ephemeral and r.message.loading and not r.done
    await r.wait_done(timeout=5)
    assert r.content == "slow done" and not r.message.loading
    r = await fake.slash(world["ali"], "chatty")
    assert r.type == 5 and not r.ephemeral
    await r.wait_followups(1)
    await asyncio.sleep(0.1)
    # the first follow-up replaced the "thinking" message; the second is a new (ephemeral) one
    assert r.content == "first"
    assert [m.content for m in r.followups] == ["second"] and r.followups[0].ephemeral
    assert r.text == "first\nsecond"


async def test_late_response_gets_unknown_interaction(fake: FakeDiscord, world: dict, bot: TinyBot) -> None:
    r = await fake.slash(world["ali"], "late")
    assert r.type is None and r.error == 10062
    for _ in range(100):
        if "late" in bot.errors:
            break
        await asyncio.sleep(0.01)
    assert bot.errors["late"] == 10062


async def test_second_response_is_already_acknowledged(fake: FakeDiscord, world: dict, bot: TinyBot) -> None:
    r = await fake.slash(world["ali"], "twice")
    assert r.type == 4 and r.content == "one"
    assert await r.wait_for_error(40060) == 40060
    assert r.error == 40060
    for _ in range(100):
        if "twice" in bot.errors:
            break
        await asyncio.sleep(0.01)
    assert bot.errors["twice"] == 40060


async def test_oversized_embed_is_invalid_form_body(fake: FakeDiscord, world: dict, bot: TinyBot) -> None:
    r = await fake.slash(world["ali"], "big")
    assert r.error == 50035
    await r.wait_response()
    assert r.content == "sorry, too big"
    failed = [q for q in fake.requests if q.error_code == 50035]
    assert failed and "title" in str(failed[0].response["errors"]) and "embeds" in str(failed[0].response["errors"])


async def test_dm_closed_and_open(fake: FakeDiscord, world: dict, bot: TinyBot) -> None:
    r = await fake.slash(world["admin"], "dm", member=world["closed"])
    assert r.content == "cannot DM them"
    assert bot.errors["dm"] == 50007
    r = await fake.slash(world["admin"], "dm", member=world["ali"])
    assert r.content == "sent"
    assert [m.content for m in fake.dms(world["ali"])] == ["hello from the bot"]
    assert fake.dms(world["closed"]) == []


async def test_file_attachment(fake: FakeDiscord, world: dict, bot: TinyBot) -> None:
    r = await fake.slash(world["ali"], "file")
    assert r.type == 4 and r.content == "here"
    (att,) = r.attachments
    assert att.filename == "event.ics" and att.content_type == "text/calendar"
    assert att.data.startswith(b"BEGIN:VCALENDAR")
    import aiohttp

    async with aiohttp.ClientSession() as session:
        async with session.get(att.url) as resp:
            assert resp.status == 200 and (await resp.read()) == att.data


async def test_channel_messages_rest(fake: FakeDiscord, world: dict, bot: TinyBot) -> None:
    r = await fake.slash(world["admin"], "post", channel=world["announcements"], text="hi @everyone")
    assert r.content == "history=1 fetched=hi @everyone (edited) files=['a.txt', 'b.txt']"
    (msg,) = fake.channel_messages(world["announcements"])
    assert msg.edited_timestamp is not None and msg.edit_count == 1
    assert msg.allowed_mentions["parse"] == []  # AllowedMentions.none() as the bot's default
    assert msg.pinged == {"users": [], "roles": [], "everyone": False}
    posts = fake.requests_to("POST", f"/channels/{world['announcements'].id}/messages")
    assert posts and posts[0].allowed_mentions is not None and posts[0].files[0]["filename"] == "a.txt"


async def test_member_join_and_channel_create_dispatch(fake: FakeDiscord, world: dict, bot: TinyBot) -> None:
    newcomer = world["guild"].add_member("Newcomer")
    world["guild"].add_text_channel("resources")
    for _ in range(200):
        if bot.joined and bot.created_channels:
            break
        await asyncio.sleep(0.01)
    assert bot.joined[0].id == newcomer.id
    assert bot.created_channels[0].name == "resources"


async def test_reconnect_resumes_and_replays(fake: FakeDiscord, world: dict, bot: TinyBot) -> None:
    assert await fake.drop_connection() == 1
    # an event while the bot is away is replayed on RESUME
    await fake.post_message(world["ali"], world["general"], "while you were away")
    await fake.wait_until_ready(timeout=10)
    for _ in range(300):
        if bot.seen_messages:
            break
        await asyncio.sleep(0.01)
    assert [m.content for m in bot.seen_messages] == ["while you were away"]
    assert fake.gateway.resume_count == 1
    r = await fake.slash(world["ali"], "ping", n=1)
    assert r.content == "pong 1"


async def test_reconnect_with_new_identify(fake: FakeDiscord, world: dict, bot: TinyBot) -> None:
    await fake.drop_connection(resume=False)
    await fake.wait_until_ready(timeout=10, new_session=True)
    assert fake.gateway.identify_count == 2
    r = await fake.slash(world["ali"], "ping", n=2)
    assert r.content == "pong 2"


async def test_300_concurrent_interactions(fake: FakeDiscord, world: dict, bot: TinyBot) -> None:
    members = [world["guild"].add_member(f"user{i}") for i in range(30)]
    results = await asyncio.gather(*(fake.slash(members[i % 30], "ping", n=i) for i in range(300)))
    assert [r.content for r in results] == [f"pong {i}" for i in range(300)]
    latencies = [r.latency for r in results]
    assert all(lat is not None and lat < 3 for lat in latencies)
    assert len({r.interaction_id for r in results}) == 300


async def test_user_command_user_select_and_dm_slash(fake: FakeDiscord, world: dict, bot: TinyBot) -> None:
    r = await fake.context_menu(world["admin"], "Profile", world["ali"])
    assert r.content == "profile of علی"
    r = await fake.slash(world["admin"], "choose")
    picked = await fake.select(world["admin"], r, [world["ali"]])
    assert picked.content == "chose علی"
    r = await fake.slash(world["ali"], "ping", n=7, in_channel=fake.dm_channel(world["ali"]))
    assert r.content == "pong 7 (dm)" and r.message.channel.is_dm


async def test_discord_py_waits_out_rate_limits(fake: FakeDiscord, world: dict, bot: TinyBot) -> None:
    fake.rate_limits.enabled = True
    fake.rate_limits.rules["POST /channels/{channel_id}/messages"] = (2, 0.3)
    r = await fake.slash(world["admin"], "burst", channel=world["announcements"], count=5)
    await r.wait_done(timeout=5)
    assert r.text == "sent 5"
    assert [m.content for m in fake.channel_messages(world["announcements"])] == [f"burst {i}" for i in range(5)]
    statuses = [q.status for q in fake.requests_to("POST", f"/channels/{world['announcements'].id}/messages")]
    assert statuses.count(200) == 5, statuses  # discord.py paced itself from the X-RateLimit headers


async def test_subscribers_see_who_can_see_what(fake: FakeDiscord, world: dict, bot: TinyBot) -> None:
    events = []
    unsubscribe = fake.subscribe(events.append)
    await fake.slash(world["ali"], "ping", n=1)
    r = await fake.slash(world["ali"], "rsvp")
    unsubscribe()
    created = [(e.message.content, e.visible_to) for e in events if e.kind == "message_created"]
    assert created == [("pong 1", world["ali"].id), ("Meetup", None)]
    assert [e.kind for e in events].count("interaction_created") == 2
    assert r.message.to_dict()["components"][0]["components"][0]["label"] == "Going"


async def test_default_member_permissions_and_removals(fake: FakeDiscord, world: dict, bot: TinyBot) -> None:
    with pytest.raises(PermissionError):
        await fake.slash(world["ali"], "adminonly")
    assert (await fake.slash(world["admin"], "adminonly")).content == "ok Ayesha"
    assert (await fake.slash(world["ali"], "adminonly", force_permissions=True)).content == "ok علی"
    guild = world["guild"]
    guild.remove_channel(world["announcements"])
    guild.remove_role(world["organiser"])
    for _ in range(200):
        if bot.get_channel(world["announcements"].id) is None and guild.id and \
                bot.get_guild(guild.id).get_role(world["organiser"].id) is None:
            break
        await asyncio.sleep(0.01)
    assert bot.get_channel(world["announcements"].id) is None
    with pytest.raises(ValueError, match="deleted"):
        await fake.slash(world["admin"], "post", channel=world["announcements"], text="x")
    fake.remove_guild(guild)
    for _ in range(200):
        if bot.get_guild(guild.id) is None:
            break
        await asyncio.sleep(0.01)
    assert bot.get_guild(guild.id) is None
