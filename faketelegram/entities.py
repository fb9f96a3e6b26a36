"""Telegram's HTML parse mode and message entities.

:func:`parse_html` follows TDLib's parser (the one behind the Bot API): the same supported tags,
the same attribute rules and the same error texts, with byte offsets into the UTF-8 source.
Offsets and lengths of entities are in UTF-16 code units, as in the Bot API.
:func:`detect_entities` finds what Telegram marks in plain text on its own (bot commands, URLs,
@mentions, #hashtags). :func:`trim` strips surrounding whitespace and moves the entities with it.
"""

from __future__ import annotations

import re
from typing import Any, Optional

from .errors import bad_request

SUPPORTED_TAGS = {"a", "b", "strong", "i", "em", "s", "strike", "del", "u", "ins", "tg-spoiler", "tg-emoji", "span",
                  "pre", "code", "blockquote"}
TAG_TYPES = {"b": "bold", "strong": "bold", "i": "italic", "em": "italic", "s": "strikethrough",
             "strike": "strikethrough", "del": "strikethrough", "u": "underline", "ins": "underline",
             "tg-spoiler": "spoiler", "span": "spoiler", "code": "code", "pre": "pre", "blockquote": "blockquote"}
NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_SPACE = " \t\r\n\f\v"
_URL_SCHEMES = ("http://", "https://", "tg://", "ton://")


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class HTMLParseError(Exception):
    pass


def _err(message: str):
    return bad_request(f"can't parse entities: {message}")


def _decode_entity(text: str, i: int) -> tuple[Optional[str], int]:
    """At ``text[i] == '&'``: the decoded character and the index after ``;``, or (None, i)."""
    end = text.find(";", i + 1, i + 12)
    if end < 0:
        return None, i
    body = text[i + 1:end]
    if body.startswith("#"):
        try:
            code = int(body[2:], 16) if body[1:2] in ("x", "X") else int(body[1:])
        except ValueError:
            return None, i
        if 0 < code < 0x110000 and not 0xD800 <= code < 0xE000:
            return chr(code), end + 1
        return None, i
    if body in NAMED_ENTITIES:
        return NAMED_ENTITIES[body], end + 1
    return None, i


def _byte_offset(text: str, i: int) -> int:
    return len(text[:i].encode("utf-8"))


def parse_html(source: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram HTML into ``(text, entities)``. Raises a 400 :class:`TelegramError`
    ("Bad Request: can't parse entities: ...") on unsupported or unbalanced tags."""
    out: list[str] = []
    pos16 = 0  # UTF-16 length of what is in ``out``
    stack: list[dict[str, Any]] = []
    entities: list[dict[str, Any]] = []
    n = len(source)
    i = 0

    def at(k: int) -> str:
        return source[k] if k < n else "\0"

    while i < n:
        c = source[i]
        if c == "&":
            ch, j = _decode_entity(source, i)
            if ch is not None:
                out.append(ch)
                pos16 += utf16_len(ch)
                i = j
                continue
        if c != "<":
            out.append(c)
            pos16 += utf16_len(c)
            i += 1
            continue
        begin = i
        i += 1
        if at(i) != "/":
            while at(i) not in _SPACE and at(i) != ">" and at(i) != "\0":
                i += 1
            if at(i) == "\0":
                raise _err(f"Unclosed start tag at byte offset {_byte_offset(source, begin)}")
            tag = source[begin + 1:i].lower()
            if tag not in SUPPORTED_TAGS:
                raise _err(f'Unsupported start tag "{tag}" at byte offset {_byte_offset(source, begin)}')
            attrs: dict[str, str] = {}
            while at(i) != ">":
                while at(i) != "\0" and at(i) in _SPACE:
                    i += 1
                if at(i) == ">":
                    break
                if at(i) == "\0":
                    raise _err(f"Unclosed start tag at byte offset {_byte_offset(source, begin)}")
                name_begin = i
                while at(i) not in _SPACE and at(i) not in "=>\0":
                    i += 1
                name = source[name_begin:i].lower()
                if not name:
                    raise _err(f'Empty attribute name in the tag "{tag}" at byte offset {_byte_offset(source, begin)}')
                while at(i) != "\0" and at(i) in _SPACE:
                    i += 1
                if at(i) != "=":
                    if tag == "blockquote" and name == "expandable":
                        attrs[name] = ""
                        continue
                    raise _err(f'Expected equal sign in declaration of an attribute of the tag "{tag}" '
                               f"at byte offset {_byte_offset(source, begin)}")
                i += 1
                while at(i) != "\0" and at(i) in _SPACE:
                    i += 1
                if at(i) == "\0":
                    raise _err(f"Unclosed start tag at byte offset {_byte_offset(source, begin)}")
                if at(i) not in "'\"":
                    token_begin = i
                    while at(i).isalnum() or at(i) in ".-":
                        i += 1
                    value = source[token_begin:i].lower()
                    if at(i) not in _SPACE and at(i) != ">":
                        raise _err(f"Unexpected end of name token at byte offset {_byte_offset(source, token_begin)}")
                else:
                    quote = source[i]
                    i += 1
                    chars: list[str] = []
                    while at(i) != quote and at(i) != "\0":
                        if source[i] == "&":
                            ch, j = _decode_entity(source, i)
                            if ch is not None:
                                chars.append(ch)
                                i = j
                                continue
                        chars.append(source[i])
                        i += 1
                    if at(i) == quote:
                        i += 1
                    value = "".join(chars)
                if at(i) == "\0":
                    raise _err(f"Unclosed start tag at byte offset {_byte_offset(source, begin)}")
                attrs[name] = value
            if tag == "span" and attrs.get("class") != "tg-spoiler":
                raise _err(f'Tag "span" must have class "tg-spoiler" at byte offset {_byte_offset(source, begin)}')
            if tag == "tg-emoji" and not attrs.get("emoji-id", "").isdigit():
                raise _err(f'Custom emoji entity must contain a tg://emoji URL at byte offset {_byte_offset(source, begin)}')
            stack.append({"tag": tag, "attrs": attrs, "offset": pos16})
            i += 1  # past '>'
            continue
        # an end tag
        if not stack:
            raise _err(f"Unexpected end tag at byte offset {_byte_offset(source, begin)}")
        i += 1
        while at(i) not in _SPACE and at(i) != ">" and at(i) != "\0":
            i += 1
        end_name = source[begin + 2:i].lower()
        while at(i) != "\0" and at(i) in _SPACE:
            i += 1
        if at(i) != ">":
            raise _err(f"Unclosed end tag at byte offset {_byte_offset(source, begin)}")
        top = stack.pop()
        if end_name and end_name != top["tag"]:
            raise _err(f'Unmatched end tag at byte offset {_byte_offset(source, begin)}, expected "</{top["tag"]}>", '
                       f'found "</{end_name}>"')
        i += 1
        length = pos16 - top["offset"]
        if length > 0:
            entity = _entity_for(top["tag"], top["attrs"], top["offset"], length)
            if entity is not None:
                entities.append(entity)
    if stack:
        raise _err(f'Can\'t find end tag corresponding to start tag "{stack[-1]["tag"]}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    _merge_pre_code(entities)
    return "".join(out), entities


def _entity_for(tag: str, attrs: dict[str, str], offset: int, length: int) -> Optional[dict[str, Any]]:
    base = {"offset": offset, "length": length}
    if tag == "a":
        url = attrs.get("href", "")
        m = re.fullmatch(r"tg://user\?id=(\d+)", url)
        if m:
            return {"type": "text_mention", **base, "user": {"id": int(m.group(1)), "is_bot": False, "first_name": ""}}
        if url.lower().startswith(_URL_SCHEMES) and len(url) > 8:
            return {"type": "text_link", **base, "url": url}
        if url and re.match(r"^[\w.-]+\.[a-z]{2,}(/|$)", url, re.I):
            return {"type": "text_link", **base, "url": "http://" + url}
        return None  # Telegram drops a link whose URL it cannot use and keeps the text
    if tag == "tg-emoji":
        return {"type": "custom_emoji", **base, "custom_emoji_id": attrs["emoji-id"]}
    if tag == "blockquote":
        return {"type": "expandable_blockquote" if "expandable" in attrs else "blockquote", **base}
    if tag == "code" and attrs.get("class", "").startswith("language-"):
        return {"type": "code", **base, "_language": attrs["class"][len("language-"):]}
    return {"type": TAG_TYPES[tag], **base}


def _merge_pre_code(entities: list[dict[str, Any]]) -> None:
    """``<pre><code class="language-x">`` is one ``pre`` entity with ``language``."""
    for e in list(entities):
        lang = e.pop("_language", None)
        if lang is None:
            continue
        for pre in entities:
            if pre["type"] == "pre" and pre["offset"] == e["offset"] and pre["length"] == e["length"]:
                pre["language"] = lang
                entities.remove(e)
                break


_WS = " \t\r\n\f\v\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u3000"


def trim(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Strip leading and trailing whitespace as Telegram does, moving and clipping the entities."""
    stripped_left = text.lstrip(_WS)
    cut16 = utf16_len(text[:len(text) - len(stripped_left)])
    result = stripped_left.rstrip(_WS)
    total16 = utf16_len(result)
    out = []
    for e in entities:
        start = max(0, e["offset"] - cut16)
        end = min(total16, e["offset"] + e["length"] - cut16)
        if end > start:
            out.append({**e, "offset": start, "length": end - start})
    return result, out


_DETECT = re.compile(
    r"(?P<bot_command>(?<![\w/])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?)"
    r"|(?P<url>(?<![\w@])(?:https?://)?(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?::\d+)?(?:/[^\s<>\"]*)?)"
    r"|(?P<mention>(?<![\w@])@[A-Za-z0-9_]{5,32})"
    r"|(?P<hashtag>(?<![\w#])#\w+)"
)


def detect_entities(text: str) -> list[dict[str, Any]]:
    """The entities Telegram adds to a user's plain text: bot_command, url, mention, hashtag."""
    out = []
    for m in _DETECT.finditer(text):
        kind = m.lastgroup
        value = m.group(0)
        if kind == "url":
            value = value.rstrip(".,;:!?)")
            if not value or "." not in value:
                continue
        out.append({"type": kind, "offset": utf16_len(text[:m.start()]), "length": utf16_len(value)})
    return out


def slice16(text: str, offset: int, length: int) -> str:
    """The part of ``text`` an entity covers (offsets in UTF-16 code units)."""
    raw = text.encode("utf-16-le")
    return raw[offset * 2:(offset + length) * 2].decode("utf-16-le", errors="replace")


def validate_entities(text: str, entities: Any) -> list[dict[str, Any]]:
    """Entities given explicitly (``entities=[...]``): kept when they lie inside the text."""
    if entities in (None, ""):
        return []
    if not isinstance(entities, list):
        raise bad_request("can't parse entities JSON object")
    total = utf16_len(text)
    out = []
    for e in entities:
        if not isinstance(e, dict) or "type" not in e:
            raise bad_request("can't parse MessageEntity JSON object")
        try:
            offset, length = int(e.get("offset", 0)), int(e.get("length", 0))
        except (TypeError, ValueError):
            raise bad_request("can't parse MessageEntity JSON object") from None
        if length > 0 and 0 <= offset and offset + length <= total:
            out.append({**e, "offset": offset, "length": length})
    return out
