"""Event templates (/event template save|list|delete) and each member's own zone (/my timezone).
`/event create template:` itself is `EventsService.plan`. PRODUCT.md, "Events: series, check-in,
attendance"."""

from __future__ import annotations

from datetime import datetime

from bot.app.events import COLOUR, CHOICES, Choice, EventsService
from bot.domain.durations import format_minutes
from bot.domain.errors import DomainError
from bot.domain.event_templates import MAX_TEMPLATES, template_name, template_of
from bot.domain.identity import TELEGRAM
from bot.domain.roles import Actor, require_organiser
from bot.i18n import t
from bot.i18n.format import CONTENT, EMBED_DESCRIPTION, EMBED_TITLE, cut
from bot.ports.event_extras import EventExtrasRepository
from bot.ports.messaging import Card, Message
from bot.settings import valid_timezone


def _text(text: str) -> Message:
    return Message(text=cut(text, CONTENT))


class TemplatesService:
    def __init__(self, repo: EventExtrasRepository, events: EventsService) -> None:
        self.repo = repo
        self.events = events
        self.clock = events.clock

    async def save(self, actor: Actor, name: str, event_ref: str) -> Message:
        """Save an event of this community as a template (organisers); same name: replaced."""
        community = self.events._community(actor)
        settings = await self.events.setup.settings_for(community)
        require_organiser(actor, settings)
        clean = template_name(name)
        event = await self.events.resolve(actor, event_ref)
        replaced = await self.repo.save_template(template_of(event, clean, actor.user_id), self.clock.now(),
                                                 limit=MAX_TEMPLATES)
        # Telegram has no command options: its text names /event_from as typed there.
        key = "template.replaced" if replaced else _WORDS.get(actor.platform, "") + "template.saved"
        return _text(t(settings.language, key, name=clean, title=cut(event.title, 200)))

    async def list(self, actor: Actor) -> Message:
        community = self.events._community(actor)
        settings = await self.events.setup.settings_for(community)
        require_organiser(actor, settings)
        lang = settings.language
        found = await self.repo.templates(community)
        if not found:
            return _text(t(lang, _WORDS.get(actor.platform, "") + "template.list_empty"))
        lines = [t(lang, "template.line", name=tpl.name, title=cut(tpl.title, 100),
                   duration=format_minutes(tpl.duration_min),
                   capacity=t(lang, "template.line_capacity", capacity=tpl.capacity) if tpl.capacity else "",
                   role=t(lang, "template.line_role", role=f"<@&{tpl.rsvp_role}>") if tpl.rsvp_role else "")
                 for tpl in found]
        return Message(cards=(Card(title=cut(t(lang, "template.list_title"), EMBED_TITLE),
                                   body=cut("\n".join(lines), EMBED_DESCRIPTION), colour=COLOUR),))

    async def delete(self, actor: Actor, name: str) -> Message:
        community = self.events._community(actor)
        settings = await self.events.setup.settings_for(community)
        require_organiser(actor, settings)
        clean = template_name(name)
        if not await self.repo.delete_template(community, clean):
            raise DomainError("template.unknown", name=clean)
        return _text(t(settings.language, "template.deleted", name=clean))

    async def choices(self, actor: Actor, current: str) -> list[Choice]:
        """Autocomplete for `template` options: the community's names containing what is typed."""
        if actor.community is None:
            return []
        typed = (current or "").strip().lower()
        return [Choice(cut(f"{tpl.name} · {tpl.title}", 100), tpl.name)
                for tpl in await self.repo.templates(actor.community) if typed in tpl.name][:CHOICES]


_WORDS = {TELEGRAM: "tg."}


class MyZoneService:
    """/my timezone: the member's own zone for times written out to them (DMs, .ics, CSV)."""

    def __init__(self, repo: EventExtrasRepository, events: EventsService) -> None:
        self.repo = repo
        self.events = events
        self.clock = events.clock

    async def timezone(self, actor: Actor, zone: str | None = None, *, clear: bool = False) -> Message:
        """Show the member's zone; with `zone`, set it; with `clear`, go back to the community's."""
        settings = await self.events.setup.settings_for(actor.community)
        lang = settings.language
        now = self.clock.now()
        # Telegram has no command options: its texts name /my_timezone as typed there.
        words = _WORDS.get(actor.platform, "")
        if clear:
            await self.repo.set_timezone(actor.member, None, now)
            return _text(t(lang, words + "myzone.cleared", zone=settings.timezone))
        if zone is None:
            mine = await self.repo.timezone_of(actor.member)
            return _text(t(lang, words + "myzone.current", zone=mine) if mine else
                         t(lang, words + "myzone.default", zone=settings.timezone))
        name = zone.strip()
        if not valid_timezone(name):
            raise DomainError("myzone.bad", value=cut(name, 64))
        await self.repo.set_timezone(actor.member, name, now)
        return _text(t(lang, "myzone.set", zone=name, local=_local_now(now, name)))


def _local_now(now: datetime, zone: str) -> str:
    from zoneinfo import ZoneInfo

    return now.astimezone(ZoneInfo(zone)).strftime("%H:%M")
