"""The sandbox's seeded community: every feature visible from the first second, and a "what to try"
step for each member.

Everything here goes through the real paths a community would use: `/setup` through the fake
server's driver (as the admin), everything else through the app's services (`app.events`,
`app.resources`, `app.reports`) acting as the seeded members. No SQL.

To show a new feature in the sandbox: add a `seed_<feature>(ctx)` coroutine, call it from `seed()`,
and add its steps to `STEPS` (each ticks when the member runs the named command, clicks a button whose
custom_id starts with the given prefix, or uses the named context menu).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from bot.domain.identity import DISCORD
from bot.domain.reports import intake_from_target
from bot.domain.roles import Actor

if TYPE_CHECKING:  # pragma: no cover
    from bot.sandbox.app import Sandbox, SandboxWorld

log = logging.getLogger("baithak.sandbox.seed")


@dataclass(frozen=True)
class Step:
    """One suggestion in a member's "what to try" panel. `kind`/`target` say what ticks it:
    ("slash", "event list"), ("click", "bk:ev:"), ("context", "Report message")."""

    key: str
    member: str  # the SandboxMember key
    text: str
    kind: str
    target: str

    def matches(self, kind: str, target: str) -> bool:
        if kind != self.kind:
            return False
        return target.startswith(self.target) if kind == "click" else target == self.target


STEPS: tuple[Step, ...] = (
    Step("admin-help", "admin", "As Ayesha, run /help to see everything an admin can do", "slash", "help"),
    Step("admin-setup", "admin", "Run /setup with no options to see this server's settings", "slash", "setup"),
    Step("organiser-attendees", "organiser",
         "As Omar, run /event attendees for the Creators meetup: who is going, and the waitlist",
         "slash", "event attendees"),
    Step("organiser-series", "organiser",
         "Run /event list: the weekly Creators' hour is a series, its next dates announced ahead",
         "slash", "event list"),
    Step("organiser-create", "organiser", "Announce an event with /event create (try when: next friday 6pm)",
         "slash", "event create"),
    Step("moderator-claim", "moderator", "As the moderator, open #moderation and claim case R-0002",
         "click", "rep:claim:"),
    Step("moderator-queue", "moderator", "Run /reports queue: the open cases, urgent first", "slash",
         "reports queue"),
    Step("moderator-factcheck", "moderator",
         "Run /factcheck list: fact-check F-1, published from case R-0001", "slash", "factcheck list"),
    Step("moderator-conversation", "moderator",
         "Run /reports show R-0003: the question asked to its reporter, and Sara's answer", "slash",
         "reports show"),
    Step("creator1-rsvp", "creator1", "As Bilal, open #announcements and answer Going to the Creators meetup",
         "click", "bk:ev:"),
    Step("creator1-search", "creator1", "Search the library in Urdu: /resource search query: حقائق",
         "slash", "resource search"),
    Step("creator2-upvote", "creator2", "As Zainab, upvote a guide in #resources", "click", "res:up:"),
    Step("creator2-my", "creator2", "Run /my events: the meetup you are waitlisted for", "slash", "my events"),
    Step("creator2-checkin", "creator2",
         "The online clinic starts soon: press Check in on it in #announcements", "click", "bk:ci:"),
    Step("creator3-report", "creator3",
         "As Sara, report a message in #general (hover it, then Report message)", "context", "Report message"),
    Step("creator3-share", "creator3", "Share a link with /resource share", "slash", "resource share"),
    Step("ur-admin-help", "ur-admin", "As Fatima, run /help: this server answers in Urdu", "slash", "help"),
    Step("ur-admin-network", "ur-admin",
         "Open #وسائل: a fact-check from the network, and /network status to see who shares with you",
         "slash", "network status"),
    Step("ur-creator-rsvp", "ur-creator", "As Hamza, answer Going to the Urdu workshop in #اعلانات",
         "click", "bk:ev:"),
)


def steps_for(member_key: str) -> list[Step]:
    return [s for s in STEPS if s.member == member_key]


@dataclass
class SeedContext:
    sandbox: "Sandbox"
    world: "SandboxWorld"
    app: Any
    timezone: str
    made: dict[str, Any] = field(default_factory=dict)

    def actor(self, key: str) -> Actor:
        """The member as Discord would show them in an interaction."""
        member = self.world.member(key)
        perms = member.permissions
        from fakediscord import permissions as P

        return Actor(user_id=member.id, guild_id=member.guild.id,
                     role_ids=frozenset(r.id for r in member.roles if r.id != member.guild.id),
                     administrator=bool(perms & P.ADMINISTRATOR), manage_guild=bool(perms & P.MANAGE_GUILD),
                     manage_events=bool(perms & P.MANAGE_EVENTS), display_name=member.display_name,
                     platform=DISCORD)

    def when(self, delta: timedelta, *, hour: int | None = None) -> str:
        """A start time `delta` from now (at `hour` o'clock if given), as ISO in the server's zone."""
        at = datetime.now(ZoneInfo(self.timezone)) + delta
        if hour is not None:
            at = at.replace(hour=hour, minute=0)
        else:
            at = at.replace(second=0, microsecond=0) + timedelta(minutes=1)
        return at.strftime("%Y-%m-%d %H:%M")


async def seed(ctx: SeedContext) -> None:
    """The whole seeded community, in an order that makes the case numbers predictable."""
    seed_conversation(ctx)
    await seed_events(ctx)
    await seed_resources(ctx)
    await seed_reports(ctx)
    await seed_conversation_on_case(ctx)
    await seed_urdu_server(ctx)
    await seed_network_factcheck(ctx)
    await ctx.app.idle()


GENERAL = (
    ("admin", "Welcome to the sandbox! Pick anyone in \"You are\" and follow the \"What to try\" panel."),
    ("creator1", "Has anyone else seen the flood video going round? It looks like the 2019 one."),
    ("creator2", "السلام علیکم! کیا کوئی اردو میں حقائق کی جانچ کا اچھا رہنما جانتا ہے؟"),
    ("creator3", "FORWARDED: Government giving Rs 25,000 to every creator, click here to register!!"),
)


def seed_conversation(ctx: SeedContext) -> None:
    """A few members talking in #general, so Report message has something to report."""
    for key, text in GENERAL:
        ctx.sandbox.fake.post_message(ctx.world.member(key), ctx.world.channels["general"], text)


async def seed_events(ctx: SeedContext) -> None:
    app = ctx.app
    await app.events.create(
        ctx.actor("organiser"), title="Creators meetup", when=ctx.when(timedelta(days=3), hour=18),
        duration="2h", location="Baithak hall, Lahore", capacity=2,
        description="Meet other creators, share what worked this month. Tea and samosas.")
    await app.events.create(
        ctx.actor("organiser"), title="Fact-checking clinic (online)", when=ctx.when(timedelta(minutes=25)),
        duration="45m", location="https://meet.example.org/baithak",
        description="Bring a post you were not sure about; we check it together.")
    meetup, clinic = await _event_ids(ctx, "Creators meetup", "Fact-checking clinic (online)")
    # Two places, three who want to go: the third waits; one maybe.
    await app.events.rsvp(ctx.actor("creator1"), meetup, "going")
    await app.events.rsvp(ctx.actor("creator3"), meetup, "going")
    await app.events.rsvp(ctx.actor("creator2"), meetup, "going")
    await app.events.rsvp(ctx.actor("moderator"), meetup, "maybe")
    await app.events.rsvp(ctx.actor("creator2"), clinic, "going")
    await app.events.rsvp(ctx.actor("creator1"), clinic, "maybe")
    # A weekly series: four weeks, the occurrences due within its announce-ahead days posted now.
    await app.series.create(
        ctx.actor("organiser"), title="Creators' hour", when=ctx.when(timedelta(days=2), hour=19),
        repeat="weekly", count=4, duration="1h", location="Voice channel: Baithak lounge",
        description="An hour every week to ask anything about making and checking posts.")


async def _event_ids(ctx: SeedContext, *titles: str) -> list[int]:
    out = []
    for title in titles:
        event = await ctx.app.events.resolve(ctx.actor("organiser"), title)
        out.append(event.id)
    return out


async def seed_resources(ctx: SeedContext) -> None:
    res = ctx.app.resources
    await res.share(ctx.actor("creator1"), url="https://example.org/guides/verify-images",
                    title="Verifying images before you share them", tags="fact-check, guide",
                    description="Reverse image search, metadata and the five questions to ask.")
    await res.share(ctx.actor("creator2"), url="https://example.org/ur/haqaiq-ki-jaanch",
                    title="حقائق کی جانچ: ابتدائی رہنما", tags="fact-check, urdu",
                    description="وائرل ویڈیو یا تصویر کو آگے بھیجنے سے پہلے کیسے پرکھیں۔")
    await res.share(ctx.actor("creator3"), url="https://example.org/toolkits/safety-online",
                    title="Staying safe online: a creator's toolkit", tags="safety, toolkit",
                    description="Two-factor logins, doxxing, and what to do when a post goes wrong.")
    found = await ctx.app.resources.removable(ctx.actor("moderator"), "")
    ids = {r.title: r.id for r in found}
    urdu = ids.get("حقائق کی جانچ: ابتدائی رہنما")
    if urdu is not None:
        await res.upvote(ctx.actor("creator1"), urdu)
        await res.upvote(ctx.actor("creator3"), urdu)


# case number -> (reporter, category, target, details, steps)
REPORTS = (
    ("creator1", "misinformation", "https://example.com/posts/flood-video-2019",
     "An old flood video shared as if it were from this week.", ("claim",)),
    ("creator2", "scam_impersonation", "A page called 'Baithak Grants' asks creators to pay Rs 5,000 to apply.",
     None, ()),
    ("creator3", "hate_speech", "https://example.com/posts/targeting-a-community",
     "Calls for a boycott of a community by name.", ("claim", "escalate")),
    ("creator1", "bullying_harassment", "https://example.com/posts/pile-on-thread",
     "A creator is being piled on in the replies.", ("claim", "resolve")),
    ("creator2", "other", "I think this meme is just in poor taste, not sure if it breaks a rule.",
     None, ("dismiss",)),
)


async def seed_reports(ctx: SeedContext) -> None:
    """R-0001 being triaged, R-0002 new (urgent? no: waiting to be claimed), R-0003 escalated,
    R-0004 resolved, R-0005 dismissed."""
    from bot.app.reports.service import Step as Triage

    reports = ctx.app.reports
    moderator = ctx.actor("moderator")
    for reporter, category, target, details, steps in REPORTS:
        actor = ctx.actor(reporter)
        intake = intake_from_target(guild_id=actor.guild_id or 0, reporter_id=actor.user_id, category=category,
                                    target=target, now=ctx.app.clock.now(), details=details, platform=DISCORD)
        submitted = await reports.submit(actor, intake)
        case_id = submitted.result.case_id
        await reports.publish(case_id)
        for step in steps:
            if step == "claim":
                await reports.triage(moderator, case_id, Triage("claim"))
            elif step == "escalate":
                await reports.triage(moderator, case_id, Triage("escalate", "facebook", "FB-2291-4471"))
            elif step == "resolve":
                await reports.triage(moderator, case_id, Triage("resolve", "actioned",
                                                                "We asked the poster to stop; thank you."))
            elif step == "dismiss":
                await reports.triage(ctx.actor("admin"), case_id, Triage(
                    "dismiss", text="In poor taste, but it breaks no rule of this server."))


async def seed_urdu_server(ctx: SeedContext) -> None:
    """A second server that speaks Urdu: its own people, set up with /setup language:ur."""
    from bot.sandbox.app import SandboxMember

    fake = ctx.sandbox.fake
    guild = fake.create_guild("بیٹھک لاہور", locale="ur")
    organiser = guild.add_role("منتظم", color=0x3BA55C, hoist=True)
    moderator = guild.add_role("ماڈریٹر", color=0xE67E22, hoist=True, mentionable=True)
    from fakediscord import permissions as P

    see = P.VIEW_CHANNEL | P.SEND_MESSAGES | P.READ_MESSAGE_HISTORY
    channels = {
        "announcements": guild.add_text_channel("اعلانات", topic="تقریبات کے اعلان"),
        "resources": guild.add_text_channel("وسائل", topic="رہنما، ٹول کٹ اور حقائق کی جانچ کے لنک"),
        "moderation": guild.add_text_channel(
            "ماڈریشن", topic="رپورٹیں (صرف ماڈریٹر)",
            overwrites={guild.everyone: (0, P.VIEW_CHANNEL), moderator: (see, 0),
                        guild.me: (see | P.EMBED_LINKS | P.ATTACH_FILES, 0)}),
        "general": guild.add_text_channel("گپ-شپ", topic="خوش آمدید"),
    }
    people = [("ur-admin", "admin", "فاطمہ جعفری", dict(admin=True, owner=True)),
              ("ur-organiser", "organiser", "عثمان بٹ", dict(roles=[organiser])),
              ("ur-creator", "creator", "حمزہ قریشی", {})]
    for key, kind, name, kwargs in people:
        ctx.world.members.append(SandboxMember(key, kind, guild.add_member(name, locale="ur", **kwargs)))
    ctx.world.guilds.append(guild)
    await ctx.sandbox.fake.wait_until_ready(timeout=30)
    result = await fake.slash(ctx.world.member("ur-admin"), "setup", in_channel=channels["general"],
                              announcements=channels["announcements"], moderation=channels["moderation"],
                              resources=channels["resources"], organiser_role=organiser, moderator_role=moderator,
                              timezone=ctx.timezone, language="ur")
    await result.wait_done(timeout=15)
    await ctx.app.events.create(ctx.actor("ur-organiser"), title="ویڈیو ایڈیٹنگ ورکشاپ",
                                when=ctx.when(timedelta(days=5), hour=17), duration="90m",
                                location="الحمرا آرٹس کونسل، لاہور",
                                description="فون پر مختصر ویڈیو بنانے اور ایڈٹ کرنے کی عملی مشق۔")
    await ctx.app.resources.share(ctx.actor("ur-creator"), url="https://example.org/ur/mobile-video",
                                  title="موبائل پر ویڈیو بنانے کی رہنمائی", tags="video, urdu",
                                  description="روشنی، آواز اور ایڈیٹنگ کے آسان طریقے۔")
    ctx.made["urdu_guild"] = guild


async def seed_conversation_on_case(ctx: SeedContext) -> None:
    """R-0003 (escalated): the moderators asked its reporter a question and Sara answered."""
    case = await ctx.app.reports.repo.get_by_number(ctx.actor("moderator").community, 3)
    conversation = ctx.app.report_conversation
    await conversation.ask(ctx.actor("moderator"), case.id,
                           "Did you see the post shared anywhere else, for example in a group?")
    await conversation.reply(ctx.actor("creator3"), case.id,
                             "Yes, in two WhatsApp groups this morning, with the same caption.")


async def seed_network_factcheck(ctx: SeedContext) -> None:
    """The Urdu server joins the first one's network (sharing fact-checks), then the moderator
    publishes a fact-check from the misinformation case R-0001: it appears in #resources and, from
    the network, in #وسائل."""
    code = (await ctx.app.network.invite(ctx.actor("admin"))).text.split("`")[1]
    await ctx.app.network.join(ctx.actor("ur-admin"), code)
    await ctx.app.factchecks.publish(
        ctx.actor("moderator"), "R-0001", verdict="misleading",
        summary="The video is real but from the 2019 floods, not this week.",
        sources="https://example.org/archive/flood-2019")


# -- Telegram (bot/sandbox/telegram.py) -------------------------------------------------------------------
# The Telegram side starts once the Discord side is seeded and the page is up (aiogram takes seconds
# to import): the group joins this server's community with a real /link, and then shows what the
# community already has, as it would have if it had been linked from the start.
TELEGRAM_GROUP = (
    ("tg-ali", "Salaam everyone! Joined from the Discord server, same meetups here."),
    ("tg-kamran", "FORWARDED: PTA is giving 50GB free data to every creator!! Register before midnight: "
                  "https://bit.ly/free-data-pk"),
    ("tg-nadia", "کیا یہ سچ ہے؟ مجھے تو یہ فراڈ لگتا ہے۔"),
)


async def seed_telegram(ctx: SeedContext) -> None:
    """The Telegram group's share of the seeded community (its link is made already)."""
    await seed_telegram_starts(ctx)
    seed_telegram_conversation(ctx)
    await seed_telegram_backfill(ctx)
    await seed_telegram_rsvp(ctx)
    await seed_telegram_report(ctx)
    await ctx.app.idle()


async def seed_telegram_starts(ctx: SeedContext) -> None:
    """Everyone but Kamran has started the bot (pressed Start in its private chat): it may write to them."""
    tg = ctx.sandbox.telegram
    for person in tg.world.people:
        if person.user.started:
            welcome = asyncio.ensure_future(tg.fake.wait_for_message(person.user, timeout=15))
            person.user.start_bot()
            await welcome


def seed_telegram_conversation(ctx: SeedContext) -> None:
    """A few members talking in the Telegram group (one of them forwarding a scam)."""
    w = ctx.sandbox.telegram.world
    for key, text in TELEGRAM_GROUP:
        ctx.made[key + ":said"] = w.person(key).send(w.group, text)


async def seed_telegram_backfill(ctx: SeedContext) -> None:
    """The announcements of the upcoming seeded events in the group, and the open and closed case
    cards in the moderators' group, each kept in step with Discord from now on."""
    app = ctx.app
    organiser = ctx.actor("organiser")
    # Every upcoming event announced on Discord was posted in the group when it joined (the series'
    # dates not announced yet come later, on both platforms, when they are due).
    await app.events.idle()
    number = 1
    while (case := await app.reports.repo.get_by_number(organiser.community, number)) is not None:
        await app.reports.publish(case.id)  # the card here is brought up to date, and posted there
        number += 1


async def seed_telegram_rsvp(ctx: SeedContext) -> None:
    """نادیہ answers Going to the online clinic from the Telegram group: one RSVP list across both."""
    tg = ctx.sandbox.telegram
    w = tg.world
    announcement = await tg.fake.wait_for_message(
        w.group, lambda m: "Fact-checking clinic" in m.text and bool(m.buttons), timeout=15, include_existing=True)
    await w.person("tg-nadia").press(announcement, "Going", timeout=15)


async def seed_telegram_report(ctx: SeedContext) -> None:
    """Ali replies /report to Kamran's forwarded scam in the group: the command disappears, the bot
    asks him privately for a category, he picks one and the case joins the one queue, its card in
    #moderation and in the Telegram moderators' group."""
    tg = ctx.sandbox.telegram
    w = tg.world
    ali = w.person("tg-ali")
    picker = asyncio.ensure_future(tg.fake.wait_for_message(ali, lambda m: bool(m.buttons), timeout=15))
    ali.reply(ctx.made["tg-kamran:said"], "/report")
    chosen = await picker
    await ali.press(chosen, "Scam or impersonation", timeout=15)
