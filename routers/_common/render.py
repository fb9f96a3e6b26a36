"""The platform-neutral message model rendered as Telegram HTML, inline keyboards and documents.

Every piece of text is escaped; only the model's own inline markup becomes formatting: `**bold**`,
`[label](url)` (http(s) links only), `` `code` ``; `<t:UNIX:STYLE>` is written out in the
community's zone (Telegram has no timestamps that each reader sees in their own zone); `<@id>` is the
member's name when known, else nothing (never a mention: no `tg://user` link is ever made);
`<@telegram:id|name>` is the member's name when known, else `name`, and a Discord member's
`<@discord:id|name>` is `name`; role and channel references are dropped. Lengths are limited by
what Telegram counts (the text after parsing): 4096 for a message, 1024 for a caption, 200 for a
toast.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable, Iterable
from zoneinfo import ZoneInfo

from bot.i18n import t
from bot.i18n.format import ELLIPSIS, cut
from bot.domain.identity import TELEGRAM
from bot.ports.messaging import MEMBER_REF, Card, Message

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
TOAST_LIMIT = 200
BUTTON_TEXT = 64
ROW_BUTTONS = 8
KEYBOARD_BUTTONS = 100

_MARKUP = re.compile(
    r"\*\*(?P<bold>(?:\\.|[^\\])+?)\*\*"
    r"|\[(?P<label>[^\]\n]{1,256})\]\((?P<url>https?://[^\s()<>]{1,2000})\)"
    r"|<t:(?P<ts>-?\d{1,12})(?::(?P<style>[tTdDfFR]))?>"
    r"|<@!?(?P<user>\d{1,20})>"
    f"|{MEMBER_REF}"
    r"|<@&\d{1,20}>|<#\d{1,20}>"
    r"|`(?P<code>[^`\n]{1,1000})`"
    r"|\\(?P<esc>[_\\~|*`\[\]>#\-<])",
    re.S,
)
_FSI, _PDI = "\u2068", "\u2069"


@dataclass(frozen=True)
class Seg:
    """A run of plain text with one format: "" (none), "b", "i", "code" or "a" (with `url`)."""

    text: str
    fmt: str = ""
    url: str = ""


class Renderer:
    """Renders markup for one reader: `zone` and `lang` for written-out times, `names` for members."""

    def __init__(self, *, zone: str, lang: str, names: Callable[[int], str | None] = lambda _id: None,
                 now: Callable[[], datetime] = lambda: datetime.now(timezone.utc)) -> None:
        self.zone = ZoneInfo(zone)
        self.lang = lang
        self.names = names
        self.now = now

    # -- times ----------------------------------------------------------------------------------
    def moment(self, unix: int, style: str) -> str:
        """A moment written out in the reader's zone (`style` as in Discord: t T d D f F R)."""
        lang = self.lang
        try:
            when = datetime.fromtimestamp(unix, timezone.utc).astimezone(self.zone)
        except (OverflowError, OSError, ValueError):
            return "?"
        if style == "R":
            out = self.relative(when)
        else:
            months = t(lang, "tg.months").split(",")
            days = t(lang, "tg.weekdays").split(",")
            clock = when.strftime("%H:%M:%S" if style == "T" else "%H:%M")
            parts = dict(weekday=days[when.weekday()], day=when.day, month=months[when.month - 1],
                         year=when.year, time=clock, zone=when.tzname() or "")
            key = {"t": "tg.date.time", "T": "tg.date.time", "d": "tg.date.short", "D": "tg.date.day",
                   "f": "tg.date.medium"}.get(style, "tg.date.full")
            out = t(lang, key, **parts)
        return f"{_FSI}{out}{_PDI}" if lang == "ur" else out

    def relative(self, when: datetime) -> str:
        seconds = int((when - self.now()).total_seconds())
        span = abs(seconds)
        if span < 60:
            return t(self.lang, "tg.time.now")
        if span < 3600:
            amount = t(self.lang, "tg.span.minutes", count=round(span / 60))
        elif span < 2 * 86400:
            amount = t(self.lang, "tg.span.hours", count=round(span / 3600))
        else:
            amount = t(self.lang, "tg.span.days", count=round(span / 86400))
        return t(self.lang, "tg.time.in" if seconds > 0 else "tg.time.ago", span=amount)

    # -- markup -> segments -------------------------------------------------------------------
    def segments(self, text: str, fmt: str = "") -> list[Seg]:
        out: list[Seg] = []
        pos = 0
        for m in _MARKUP.finditer(text or ""):
            if m.start() > pos:
                out.append(Seg(text[pos:m.start()], fmt))
            pos = m.end()
            if m.group("bold") is not None:
                out += [Seg(s.text, "b") for s in self.segments(m.group("bold")) if s.text]
            elif m.group("label") is not None:
                label = "".join(s.text for s in self.segments(m.group("label")))
                out.append(Seg(label, "a", m.group("url")))
            elif m.group("ts") is not None:
                out.append(Seg(self.moment(int(m.group("ts")), m.group("style") or "f"), fmt))
            elif m.group("user") is not None:
                name = self.names(int(m.group("user"))) if len(m.group("user")) <= 19 else None
                if name:
                    out.append(Seg(name, fmt))
            elif m.group("ref_platform") is not None:
                # The stored name stands in for a member this front end has not seen (since a
                # restart) or cannot know (a Discord member); it is markup, every character escaped.
                seen = self.names(int(m.group("ref_id"))) if m.group("ref_platform") == TELEGRAM else None
                out += [Seg(seen, fmt)] if seen else [Seg(s.text, fmt) for s in self.segments(m.group("ref_name"))]
            elif m.group("code") is not None:
                out.append(Seg(m.group("code"), "code"))
            elif m.group("esc") is not None:  # Discord-style escaped markdown: the character itself
                out.append(Seg(m.group("esc"), fmt))
        if pos < len(text or ""):
            out.append(Seg(text[pos:], fmt))
        merged: list[Seg] = []
        for s in out:
            if merged and s.text and merged[-1].fmt == s.fmt and merged[-1].url == s.url:
                merged[-1] = Seg(merged[-1].text + s.text, s.fmt, s.url)
            elif s.text:
                merged.append(s)
        return merged

    def plain(self, text: str, limit: int = TOAST_LIMIT) -> str:
        """Markup as plain text (toasts, button labels), cut to `limit`."""
        return cut("".join(s.text for s in self.segments(text)).strip(), limit)

    # -- a whole message -----------------------------------------------------------------------
    def blocks(self, message: Message) -> list[tuple[list[Seg], bool]]:
        """(segments, may be shortened) blocks, joined by blank lines."""
        out: list[tuple[list[Seg], bool]] = []
        if message.text:
            out.append((self.segments(message.text), True))
        for card in message.cards:
            out += self.card(card)
        return out

    def card(self, card: Card) -> list[tuple[list[Seg], bool]]:
        out: list[tuple[list[Seg], bool]] = []
        head: list[Seg] = []
        if card.author:
            head += [Seg(s.text, "i") for s in self.segments(card.author)] + [Seg("\n")]
        if card.title:
            title = "".join(s.text for s in self.segments(card.title))
            head.append(Seg(title, "a", card.url) if card.url else Seg(title, "b"))
        if head:
            out.append((head, False))
        if card.body:
            out.append((self.segments(card.body), True))
        lines: list[Seg] = []
        for f in card.fields:
            value = self.segments(cut(f.value, 1024))
            if not "".join(s.text for s in value).strip():
                continue  # e.g. a Discord member's <@id>, whom Telegram cannot name: no empty "Organiser:"
            if lines:
                lines.append(Seg("\n"))
            lines.append(Seg(cut(f.name, 256), "b"))
            lines.append(Seg("\n" if "\n" in f.value or not f.inline else ": "))
            lines += value
        if lines:
            out.append((lines, False))
        if card.footer:
            out.append(([Seg(s.text, "i") for s in self.segments(card.footer)], False))
        return out

    def html(self, message: Message, limit: int = TEXT_LIMIT) -> str:
        """The message as Telegram HTML whose parsed text is at most `limit` characters."""
        blocks = self.blocks(message)
        fixed = sum(_length(segs) for segs, cuttable in blocks if not cuttable) + 2 * max(len(blocks) - 1, 0)
        budget = max(limit - fixed, 0)
        parts: list[list[Seg]] = []
        for segs, cuttable in blocks:
            if cuttable:
                share = _fit(segs, budget)
                budget -= _length(share)
                parts.append(share)
            else:
                parts.append(segs)
        joined: list[Seg] = []
        for i, segs in enumerate(p for p in parts if p):
            if i:
                joined.append(Seg("\n\n"))
            joined += segs
        joined = _fit(joined, limit)
        return "".join(_html(s) for s in joined) or html.escape(ELLIPSIS)


def _length(segs: Iterable[Seg]) -> int:
    return sum(len(s.text) for s in segs)


def _fit(segs: list[Seg], limit: int) -> list[Seg]:
    """The segments cut so their text is at most `limit` characters, ending with an ellipsis if cut."""
    if _length(segs) <= limit:
        return segs
    out: list[Seg] = []
    room = limit
    for s in segs:
        if len(s.text) < room:
            out.append(s)
            room -= len(s.text)
            continue
        if room > 0:
            out.append(Seg(cut(s.text, room) if room > 1 else ELLIPSIS, s.fmt, s.url))
        break
    if out and not out[-1].text.endswith(ELLIPSIS):
        last = out[-1]
        out[-1] = Seg(cut(last.text + ELLIPSIS * 2, len(last.text)), last.fmt, last.url)
    return out


def _html(s: Seg) -> str:
    text = html.escape(s.text, quote=False)
    if s.fmt == "b":
        return f"<b>{text}</b>"
    if s.fmt == "i":
        return f"<i>{text}</i>"
    if s.fmt == "code":
        return f"<code>{text}</code>"
    if s.fmt == "a" and s.url:
        return f'<a href="{html.escape(s.url, quote=True)}">{text}</a>'
    return text


_LITERAL = re.compile(r"([_\\~|*`\[\]>#\-<])")


def literal(text: str) -> str:
    """User text put inside a message's markup so the renderer shows it exactly as typed (each markup
    character escaped; `<` too, so `<@id>` and `<t:…>` stay text)."""
    return _LITERAL.sub(r"\\\1", text)
