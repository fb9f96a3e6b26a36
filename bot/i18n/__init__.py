"""Message catalogue in English and Urdu.

Each feature keeps its messages in its own module under `bot/i18n/messages/` as
``MESSAGES = {"key": {"en": "...", "ur": "..."}}``; they are merged here once. A key defined twice,
or missing a language, is a programming error caught at import (and by the catalogue test).
"""

from __future__ import annotations

import importlib
import pkgutil
import string

LANGUAGES = ("en", "ur")
DEFAULT_LANGUAGE = "en"
RTL_LANGUAGES = frozenset({"ur"})

_CATALOGUE: dict[str, dict[str, str]] = {}


class _Formatter(string.Formatter):
    """str.format plus counted nouns: ``{count:case|cases}`` renders "1 case" or "3 cases"."""

    def format_field(self, value: object, format_spec: str) -> str:
        if "|" in format_spec:
            one, other = format_spec.split("|", 1)
            try:
                number = int(value)  # type: ignore[call-overload]
            except (TypeError, ValueError):
                return f"{value} {other}"
            return f"{value} {one if number == 1 else other}"
        return super().format_field(value, format_spec)


_FORMATTER = _Formatter()


def _load() -> None:
    from bot.i18n import messages

    for info in sorted(pkgutil.iter_modules(messages.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{messages.__name__}.{info.name}")
        for key, texts in getattr(module, "MESSAGES", {}).items():
            if key in _CATALOGUE:
                raise RuntimeError(f"i18n key {key!r} defined twice (again in {info.name})")
            missing = [lang for lang in LANGUAGES if not texts.get(lang)]
            if missing:
                raise RuntimeError(f"i18n key {key!r} lacks {missing}")
            _CATALOGUE[key] = texts


def catalogue() -> dict[str, dict[str, str]]:
    """The whole merged catalogue (key -> language -> template)."""
    if not _CATALOGUE:
        _load()
    return _CATALOGUE


def placeholders(template: str) -> set[str]:
    """Names used as ``{name}`` in a template."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def t(lang: str | None, key: str, /, **params: object) -> str:
    """The message `key` in `lang` (falling back to English), formatted with `params`."""
    texts = catalogue().get(key)
    if texts is None:
        raise KeyError(f"unknown i18n key {key!r}")
    template = texts.get(lang or DEFAULT_LANGUAGE) or texts[DEFAULT_LANGUAGE]
    text = _FORMATTER.format(template, **params) if params else template
    if lang in RTL_LANGUAGES and template is texts.get(lang):
        # Rendered Urdu: right-to-left paragraphs, embedded Latin text, user text and times isolated.
        from bot.i18n import bidi

        text = bidi.apply(text)
    return text


def has(key: str) -> bool:
    return key in catalogue()
