"""Discord's documented payload limits, checked the way Discord checks them.

Every validator adds to a :class:`FormErrors`; the caller turns a non-empty one into
``400 {"code": 50035, "message": "Invalid Form Body", "errors": {...}}``.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Optional
from urllib.parse import urlsplit

from .errors import FormErrors

# Messages
CONTENT = 2000
EMBEDS_PER_MESSAGE = 10
EMBED_TOTAL = 6000
EMBED_TITLE = 256
EMBED_DESCRIPTION = 4096
EMBED_FIELDS = 25
EMBED_FIELD_NAME = 256
EMBED_FIELD_VALUE = 1024
EMBED_FOOTER = 2048
EMBED_AUTHOR_NAME = 256
ATTACHMENTS = 10
FILE_SIZE = 10 * 1024 * 1024  # the attachment_size_limit of an unboosted guild
ALLOWED_MENTION_IDS = 100

# Components
ACTION_ROWS = 5
ROW_BUTTONS = 5
V2_TOTAL_COMPONENTS = 40
CUSTOM_ID = 100
BUTTON_LABEL = 80
SELECT_OPTIONS = 25
SELECT_PLACEHOLDER = 150
SELECT_OPTION_TEXT = 100
SELECT_MAX_VALUES = 25

# Modals
MODAL_TITLE = 45
MODAL_COMPONENTS = 5
TEXT_INPUT_LABEL = 45
TEXT_INPUT_PLACEHOLDER = 100
TEXT_INPUT_VALUE = 4000
LABEL_TEXT = 45
LABEL_DESCRIPTION = 100

# Autocomplete and command choices
AUTOCOMPLETE_CHOICES = 25
CHOICE_NAME = 100
CHOICE_STRING_VALUE = 100

# Application commands
COMMAND_NAME = 32
COMMAND_DESCRIPTION = 100
COMMAND_OPTIONS = 25
CHAT_INPUT_COMMANDS = 100
CONTEXT_MENU_COMMANDS = 5
OPTION_STRING_LENGTH = 6000

# Message flags
FLAG_SUPPRESS_EMBEDS = 1 << 2
FLAG_EPHEMERAL = 1 << 6
FLAG_LOADING = 1 << 7
FLAG_SUPPRESS_NOTIFICATIONS = 1 << 12
FLAG_IS_VOICE_MESSAGE = 1 << 13
FLAG_COMPONENTS_V2 = 1 << 15
SETTABLE_FLAGS = FLAG_SUPPRESS_EMBEDS | FLAG_SUPPRESS_NOTIFICATIONS | FLAG_COMPONENTS_V2

SELECT_TYPES = (3, 5, 6, 7, 8)
BUTTON = 2
ACTION_ROW = 1
TEXT_INPUT = 4
LABEL = 18
TEXT_DISPLAY = 10

_COMMAND_NAME_RE = re.compile(r"^[-_'\w]{1,32}$")


def _len(value: Any) -> int:
    return len(value) if isinstance(value, str) else 0


def _check_text(errors: FormErrors, path: tuple, value: Any, high: int, *, low: int = 0, required: bool = False) -> None:
    if value is None:
        if required:
            errors.required(path)
        return
    if not isinstance(value, str):
        errors.add(path, "BASE_TYPE_STRING", "Must be a string.")
        return
    if required and not value and not low:
        errors.required(path)
        return
    if len(value) > high or len(value) < low:
        if low:
            errors.bad_length(path, low, high)
        else:
            errors.max_length(path, high)


def _check_url(errors: FormErrors, path: tuple, value: Any, *, attachment_ok: bool = False) -> None:
    if value is None:
        return
    if not isinstance(value, str):
        errors.add(path, "URL_TYPE_INVALID_URL", "Not a well formed URL.")
        return
    parts = urlsplit(value)
    allowed = {"http", "https"} | ({"attachment"} if attachment_ok else set())
    if parts.scheme not in allowed:
        errors.add(
            path,
            "URL_TYPE_INVALID_SCHEME",
            f"Scheme \"{parts.scheme}\" is not supported. Scheme must be one of {tuple(sorted(allowed))}.",
        )
    elif parts.scheme != "attachment" and not parts.netloc:
        errors.add(path, "URL_TYPE_INVALID_URL", "Not a well formed URL.")


# --------------------------------------------------------------------------------------------------
# Embeds


def embed_size(embed: dict[str, Any]) -> int:
    total = _len(embed.get("title")) + _len(embed.get("description"))
    for field in embed.get("fields") or []:
        if isinstance(field, dict):
            total += _len(field.get("name")) + _len(field.get("value"))
    footer = embed.get("footer")
    if isinstance(footer, dict):
        total += _len(footer.get("text"))
    author = embed.get("author")
    if isinstance(author, dict):
        total += _len(author.get("name"))
    return total


def validate_embeds(errors: FormErrors, embeds: Any, path: tuple = ("embeds",)) -> None:
    if embeds is None:
        return
    if not isinstance(embeds, list):
        errors.add(path, "LIST_TYPE_CONVERT", "Must be an array.")
        return
    if len(embeds) > EMBEDS_PER_MESSAGE:
        errors.max_length(path, EMBEDS_PER_MESSAGE)
    total = 0
    for i, embed in enumerate(embeds):
        p = path + (i,)
        if not isinstance(embed, dict):
            errors.add(p, "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType")
            continue
        total += embed_size(embed)
        _check_text(errors, p + ("title",), embed.get("title"), EMBED_TITLE)
        _check_text(errors, p + ("description",), embed.get("description"), EMBED_DESCRIPTION)
        _check_url(errors, p + ("url",), embed.get("url"))
        color = embed.get("color")
        if color is not None and (not isinstance(color, int) or color < 0 or color > 0xFFFFFF):
            errors.add(p + ("color",), "NUMBER_TYPE_MAX", "int value should be less than or equal to 16777215.")
        fields = embed.get("fields")
        if fields is not None:
            if len(fields) > EMBED_FIELDS:
                errors.max_length(p + ("fields",), EMBED_FIELDS)
            for j, field in enumerate(fields):
                fp = p + ("fields", j)
                _check_text(errors, fp + ("name",), field.get("name"), EMBED_FIELD_NAME, required=True)
                _check_text(errors, fp + ("value",), field.get("value"), EMBED_FIELD_VALUE, required=True)
        footer = embed.get("footer")
        if isinstance(footer, dict):
            _check_text(errors, p + ("footer", "text"), footer.get("text"), EMBED_FOOTER, required=True)
            _check_url(errors, p + ("footer", "icon_url"), footer.get("icon_url"), attachment_ok=True)
        author = embed.get("author")
        if isinstance(author, dict):
            _check_text(errors, p + ("author", "name"), author.get("name"), EMBED_AUTHOR_NAME, required=True)
            _check_url(errors, p + ("author", "url"), author.get("url"))
            _check_url(errors, p + ("author", "icon_url"), author.get("icon_url"), attachment_ok=True)
        for key in ("image", "thumbnail"):
            media = embed.get(key)
            if isinstance(media, dict):
                _check_url(errors, p + (key, "url"), media.get("url"), attachment_ok=True)
    if total > EMBED_TOTAL:
        errors.add(path, "MAX_EMBED_SIZE_EXCEEDED", f"Embed size exceeds maximum size of {EMBED_TOTAL}")


# --------------------------------------------------------------------------------------------------
# Message components


def walk_components(components: Iterable[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    """Every component, depth first, including those nested in rows, sections, containers, labels."""
    for component in components or ():
        if not isinstance(component, dict):
            continue
        yield component
        yield from walk_components(component.get("components") or ())
        for key in ("accessory", "component"):
            child = component.get(key)
            if isinstance(child, dict):
                yield from walk_components([child])


def _check_custom_id(errors: FormErrors, path: tuple, component: dict, seen: dict[str, tuple]) -> None:
    custom_id = component.get("custom_id")
    if custom_id is None:
        errors.required(path + ("custom_id",))
        return
    _check_text(errors, path + ("custom_id",), custom_id, CUSTOM_ID, low=1)
    if isinstance(custom_id, str):
        if custom_id in seen:
            errors.add(path + ("custom_id",), "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated")
        seen[custom_id] = path


def _validate_button(errors: FormErrors, p: tuple, c: dict, seen: dict[str, tuple]) -> None:
    style = c.get("style")
    if style not in (1, 2, 3, 4, 5, 6):
        errors.add(p + ("style",), "BASE_TYPE_CHOICES", "Value must be one of {1, 2, 3, 4, 5, 6}.")
    _check_text(errors, p + ("label",), c.get("label"), BUTTON_LABEL)
    if style == 5:
        if c.get("custom_id") is not None:
            errors.add(p, "BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED", "A custom id cannot be set on a link button")
        if not c.get("url"):
            errors.required(p + ("url",))
        else:
            parts = urlsplit(str(c["url"]))
            if parts.scheme not in ("http", "https", "discord"):
                errors.add(p + ("url",), "URL_TYPE_INVALID_SCHEME",
                           f"Scheme \"{parts.scheme}\" is not supported. Scheme must be one of ('discord', 'http', 'https').")
    elif style == 6:
        if not c.get("sku_id"):
            errors.required(p + ("sku_id",))
    else:
        if c.get("url") is not None:
            errors.add(p, "BUTTON_COMPONENT_URL_NOT_ALLOWED", "A url cannot be set on a non-link button")
        _check_custom_id(errors, p, c, seen)
    if style != 6 and not c.get("label") and not c.get("emoji"):
        errors.add(p, "BUTTON_COMPONENT_LABEL_OR_EMOJI_REQUIRED", "A button must have a label or an emoji")


def _validate_select(errors: FormErrors, p: tuple, c: dict, seen: dict[str, tuple], *, in_modal: bool = False) -> None:
    _check_custom_id(errors, p, c, seen)
    _check_text(errors, p + ("placeholder",), c.get("placeholder"), SELECT_PLACEHOLDER)
    min_values = c.get("min_values", 1)
    max_values = c.get("max_values", 1)
    if not isinstance(min_values, int) or not 0 <= min_values <= SELECT_MAX_VALUES:
        errors.add(p + ("min_values",), "NUMBER_TYPE_MAX", f"int value should be less than or equal to {SELECT_MAX_VALUES}.")
    if not isinstance(max_values, int) or not 1 <= max_values <= SELECT_MAX_VALUES:
        errors.add(p + ("max_values",), "NUMBER_TYPE_MAX", f"int value should be less than or equal to {SELECT_MAX_VALUES}.")
    if isinstance(min_values, int) and isinstance(max_values, int) and min_values > max_values:
        errors.add(p + ("min_values",), "SELECT_COMPONENT_MIN_VALUES_GREATER_THAN_MAX",
                   "min_values must be less than or equal to max_values")
    if c.get("type") == 3:
        options = c.get("options")
        if not options:
            errors.bad_length(p + ("options",), 1, SELECT_OPTIONS)
            return
        if len(options) > SELECT_OPTIONS:
            errors.bad_length(p + ("options",), 1, SELECT_OPTIONS)
        values_seen: set[str] = set()
        for k, option in enumerate(options):
            op = p + ("options", k)
            _check_text(errors, op + ("label",), option.get("label"), SELECT_OPTION_TEXT, required=True, low=1)
            _check_text(errors, op + ("value",), option.get("value"), SELECT_OPTION_TEXT, required=True, low=1)
            _check_text(errors, op + ("description",), option.get("description"), SELECT_OPTION_TEXT)
            value = option.get("value")
            if value in values_seen:
                errors.add(op + ("value",), "SELECT_COMPONENT_OPTION_VALUE_DUPLICATED",
                           "Component select option value cannot be duplicated")
            values_seen.add(value)
        if isinstance(max_values, int) and max_values > len(options):
            errors.add(p + ("max_values",), "SELECT_COMPONENT_MAX_VALUES_OVER_OPTIONS",
                       "max_values must be less than or equal to the number of options")


def _validate_row(errors: FormErrors, p: tuple, row: dict, seen: dict[str, tuple]) -> None:
    children = row.get("components") or []
    if not children:
        errors.bad_length(p + ("components",), 1, ROW_BUTTONS)
        return
    if len(children) > ROW_BUTTONS:
        errors.max_length(p + ("components",), ROW_BUTTONS)
    has_select = any(isinstance(c, dict) and c.get("type") in SELECT_TYPES for c in children)
    if has_select and len(children) > 1:
        errors.add(p + ("components",), "COMPONENT_LAYOUT_WIDTH_EXCEEDED", "The specified component exceeds the maximum width")
    for j, child in enumerate(children):
        cp = p + ("components", j)
        ctype = child.get("type") if isinstance(child, dict) else None
        if ctype == BUTTON:
            _validate_button(errors, cp, child, seen)
        elif ctype in SELECT_TYPES:
            _validate_select(errors, cp, child, seen)
        else:
            errors.add(cp + ("type",), "UNION_TYPE_CHOICES", f"Value of field \"type\" must be one of {(BUTTON,) + SELECT_TYPES}.")


def validate_message_components(errors: FormErrors, components: Any, flags: int, path: tuple = ("components",)) -> None:
    if components is None:
        return
    if not isinstance(components, list):
        errors.add(path, "LIST_TYPE_CONVERT", "Must be an array.")
        return
    seen: dict[str, tuple] = {}
    if not flags & FLAG_COMPONENTS_V2:
        if len(components) > ACTION_ROWS:
            errors.max_length(path, ACTION_ROWS)
        for i, row in enumerate(components):
            p = path + (i,)
            if not isinstance(row, dict) or row.get("type") != ACTION_ROW:
                errors.add(p + ("type",), "UNION_TYPE_CHOICES", "Value of field \"type\" must be one of (1,).")
                continue
            _validate_row(errors, p, row, seen)
        return
    total = sum(1 for _ in walk_components(components))
    if total > V2_TOTAL_COMPONENTS:
        errors.add(path, "COMPONENT_MAX_TOTAL_COMPONENTS_EXCEEDED",
                   f"The total number of components exceeds the maximum of {V2_TOTAL_COMPONENTS}")

    def visit(items: list, p: tuple) -> None:
        for i, c in enumerate(items):
            if not isinstance(c, dict):
                continue
            cp = p + (i,)
            ctype = c.get("type")
            if ctype == ACTION_ROW:
                _validate_row(errors, cp, c, seen)
                continue
            if ctype == BUTTON:
                _validate_button(errors, cp, c, seen)
            elif ctype in SELECT_TYPES:
                _validate_select(errors, cp, c, seen)
            elif ctype == TEXT_DISPLAY:
                _check_text(errors, cp + ("content",), c.get("content"), 4000, required=True)
            if isinstance(c.get("components"), list):
                visit(c["components"], cp + ("components",))
            accessory = c.get("accessory")
            if isinstance(accessory, dict) and accessory.get("type") == BUTTON:
                _validate_button(errors, cp + ("accessory",), accessory, seen)

    visit(components, path)


# --------------------------------------------------------------------------------------------------
# Whole messages


def validate_allowed_mentions(errors: FormErrors, allowed: Any, path: tuple = ("allowed_mentions",)) -> None:
    if allowed is None:
        return
    if not isinstance(allowed, dict):
        errors.add(path, "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType")
        return
    parse = allowed.get("parse") or []
    for kind in ("users", "roles"):
        ids = allowed.get(kind)
        if ids and kind in parse:
            errors.add(path + ("parse",), "ALLOWED_MENTIONS_PARSE_EXCLUSIVE",
                       f"parse:[\"{kind}\"] and {kind}: [ids...] are mutually exclusive.")
        if ids and len(ids) > ALLOWED_MENTION_IDS:
            errors.max_length(path + (kind,), ALLOWED_MENTION_IDS)
    for value in parse:
        if value not in ("users", "roles", "everyone"):
            errors.add(path + ("parse",), "BASE_TYPE_CHOICES", "Value must be one of {'everyone', 'roles', 'users'}.")


def validate_message(errors: FormErrors, payload: dict[str, Any], *, n_files: int = 0, path: tuple = ()) -> None:
    """Content, embeds, components, attachments and allowed_mentions of a create or edit payload."""
    content = payload.get("content")
    if content is not None:
        if not isinstance(content, str):
            errors.add(path + ("content",), "BASE_TYPE_STRING", "Must be a string.")
        elif len(content) > CONTENT:
            errors.max_length(path + ("content",), CONTENT)
    flags = payload.get("flags") or 0
    if not isinstance(flags, int):
        errors.add(path + ("flags",), "NUMBER_TYPE_COERCE", f"Value \"{flags}\" is not int.")
        flags = 0
    validate_embeds(errors, payload.get("embeds"), path + ("embeds",))
    validate_message_components(errors, payload.get("components"), flags, path + ("components",))
    if flags & FLAG_COMPONENTS_V2:
        if payload.get("content"):
            errors.add(path + ("content",), "MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2",
                       "The 'content' field cannot be used when using MessageFlags.IS_COMPONENTS_V2")
        if payload.get("embeds"):
            errors.add(path + ("embeds",), "MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2",
                       "The 'embeds' field cannot be used when using MessageFlags.IS_COMPONENTS_V2")
    attachments = payload.get("attachments")
    if isinstance(attachments, list) and len(attachments) > ATTACHMENTS:
        errors.max_length(path + ("attachments",), ATTACHMENTS)
    elif n_files > ATTACHMENTS:
        errors.max_length(path + ("attachments",), ATTACHMENTS)
    validate_allowed_mentions(errors, payload.get("allowed_mentions"), path + ("allowed_mentions",))


# --------------------------------------------------------------------------------------------------
# Modals and autocomplete


def _validate_text_input(errors: FormErrors, p: tuple, c: dict, seen: dict[str, tuple], *, label_required: bool) -> None:
    _check_custom_id(errors, p, c, seen)
    if c.get("style") not in (1, 2):
        errors.add(p + ("style",), "BASE_TYPE_CHOICES", "Value must be one of {1, 2}.")
    if label_required:
        _check_text(errors, p + ("label",), c.get("label"), TEXT_INPUT_LABEL, required=True, low=1)
    elif c.get("label") is not None:
        _check_text(errors, p + ("label",), c.get("label"), TEXT_INPUT_LABEL)
    _check_text(errors, p + ("placeholder",), c.get("placeholder"), TEXT_INPUT_PLACEHOLDER)
    _check_text(errors, p + ("value",), c.get("value"), TEXT_INPUT_VALUE)
    min_length = c.get("min_length")
    max_length = c.get("max_length")
    if min_length is not None and not (isinstance(min_length, int) and 0 <= min_length <= TEXT_INPUT_VALUE):
        errors.add(p + ("min_length",), "NUMBER_TYPE_MAX", f"int value should be less than or equal to {TEXT_INPUT_VALUE}.")
    if max_length is not None and not (isinstance(max_length, int) and 1 <= max_length <= TEXT_INPUT_VALUE):
        errors.add(p + ("max_length",), "NUMBER_TYPE_MAX", f"int value should be less than or equal to {TEXT_INPUT_VALUE}.")


def validate_modal(errors: FormErrors, data: Any, path: tuple = ("data",)) -> None:
    if not isinstance(data, dict):
        errors.required(path)
        return
    _check_text(errors, path + ("title",), data.get("title"), MODAL_TITLE, required=True, low=1)
    seen: dict[str, tuple] = {}
    custom_id = data.get("custom_id")
    _check_text(errors, path + ("custom_id",), custom_id, CUSTOM_ID, required=True, low=1)
    components = data.get("components")
    if not components or not isinstance(components, list):
        errors.bad_length(path + ("components",), 1, MODAL_COMPONENTS)
        return
    if len(components) > MODAL_COMPONENTS:
        errors.bad_length(path + ("components",), 1, MODAL_COMPONENTS)
    for i, c in enumerate(components):
        p = path + ("components", i)
        ctype = c.get("type") if isinstance(c, dict) else None
        if ctype == ACTION_ROW:
            children = c.get("components") or []
            if len(children) != 1:
                errors.bad_length(p + ("components",), 1, 1)
            for j, child in enumerate(children):
                if child.get("type") != TEXT_INPUT:
                    errors.add(p + ("components", j, "type"), "UNION_TYPE_CHOICES",
                               "Value of field \"type\" must be one of (4,).")
                else:
                    _validate_text_input(errors, p + ("components", j), child, seen, label_required=True)
        elif ctype == LABEL:
            _check_text(errors, p + ("label",), c.get("label"), LABEL_TEXT, required=True, low=1)
            _check_text(errors, p + ("description",), c.get("description"), LABEL_DESCRIPTION)
            child = c.get("component")
            if not isinstance(child, dict):
                errors.required(p + ("component",))
                continue
            cp = p + ("component",)
            ctype = child.get("type")
            if ctype == TEXT_INPUT:
                _validate_text_input(errors, cp, child, seen, label_required=False)
            elif ctype in SELECT_TYPES:
                _validate_select(errors, cp, child, seen, in_modal=True)
            elif ctype in (19, 21, 22, 23):
                _check_custom_id(errors, cp, child, seen)
            else:
                errors.add(cp + ("type",), "UNION_TYPE_CHOICES",
                           "Value of field \"type\" must be one of (3, 4, 5, 6, 7, 8, 19, 21, 22, 23).")
        elif ctype == TEXT_DISPLAY:
            _check_text(errors, p + ("content",), c.get("content"), 4000, required=True)
        else:
            errors.add(p + ("type",), "UNION_TYPE_CHOICES", "Value of field \"type\" must be one of (1, 10, 18).")


def validate_choices(errors: FormErrors, data: Any, path: tuple = ("data",)) -> None:
    if not isinstance(data, dict):
        errors.required(path)
        return
    choices = data.get("choices")
    if choices is None:
        errors.required(path + ("choices",))
        return
    if len(choices) > AUTOCOMPLETE_CHOICES:
        errors.max_length(path + ("choices",), AUTOCOMPLETE_CHOICES)
    for i, choice in enumerate(choices):
        p = path + ("choices", i)
        _check_text(errors, p + ("name",), choice.get("name"), CHOICE_NAME, required=True, low=1)
        value = choice.get("value")
        if isinstance(value, str):
            _check_text(errors, p + ("value",), value, CHOICE_STRING_VALUE)
        elif value is None or isinstance(value, bool) or not isinstance(value, (int, float)):
            errors.add(p + ("value",), "BASE_TYPE_REQUIRED", "This field is required")


# --------------------------------------------------------------------------------------------------
# Application commands


def _validate_command_name(errors: FormErrors, p: tuple, name: Any, *, chat_input: bool) -> None:
    if not isinstance(name, str) or not name:
        errors.required(p)
        return
    if len(name) > COMMAND_NAME:
        errors.bad_length(p, 1, COMMAND_NAME)
    if chat_input:
        if not _COMMAND_NAME_RE.match(name):
            errors.add(p, "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")
        elif name != name.lower():
            errors.add(p, "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")


def _validate_localizations(errors: FormErrors, p: tuple, value: Any, high: int) -> None:
    if isinstance(value, dict):
        for locale, text in value.items():
            _check_text(errors, p + (locale,), text, high, required=True, low=1)


def _validate_option(errors: FormErrors, p: tuple, opt: dict, depth: int) -> None:
    otype = opt.get("type")
    _validate_command_name(errors, p + ("name",), opt.get("name"), chat_input=True)
    _check_text(errors, p + ("description",), opt.get("description"), COMMAND_DESCRIPTION, required=True, low=1)
    _validate_localizations(errors, p + ("name_localizations",), opt.get("name_localizations"), COMMAND_NAME)
    _validate_localizations(errors, p + ("description_localizations",), opt.get("description_localizations"),
                            COMMAND_DESCRIPTION)
    if otype not in range(1, 12):
        errors.add(p + ("type",), "BASE_TYPE_CHOICES", "Value must be one of {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}.")
    choices = opt.get("choices")
    if choices:
        if len(choices) > AUTOCOMPLETE_CHOICES:
            errors.max_length(p + ("choices",), AUTOCOMPLETE_CHOICES)
        if opt.get("autocomplete"):
            errors.add(p + ("autocomplete",), "APPLICATION_COMMAND_OPTION_CHOICES_AND_AUTOCOMPLETE",
                       "Autocomplete cannot be set if choices are present")
        for k, choice in enumerate(choices):
            _check_text(errors, p + ("choices", k, "name"), choice.get("name"), CHOICE_NAME, required=True, low=1)
            if isinstance(choice.get("value"), str):
                _check_text(errors, p + ("choices", k, "value"), choice.get("value"), CHOICE_STRING_VALUE)
    for key in ("min_length", "max_length"):
        value = opt.get(key)
        if value is not None and not (0 <= value <= OPTION_STRING_LENGTH):
            errors.add(p + (key,), "NUMBER_TYPE_MAX", f"int value should be less than or equal to {OPTION_STRING_LENGTH}.")
    if otype in (1, 2):
        if otype == 2 and depth >= 1:
            errors.add(p + ("type",), "APPLICATION_COMMAND_OPTION_TYPE_INVALID", "Subcommand groups cannot be nested")
        _validate_options(errors, p + ("options",), opt.get("options") or [], depth + 1,
                          only_subcommands=(otype == 2))


def _validate_options(errors: FormErrors, p: tuple, options: list, depth: int, *, only_subcommands: bool = False) -> None:
    if len(options) > COMMAND_OPTIONS:
        errors.max_length(p, COMMAND_OPTIONS)
    names: set[str] = set()
    optional_seen = False
    for i, opt in enumerate(options):
        op = p + (i,)
        if not isinstance(opt, dict):
            errors.add(op, "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType")
            continue
        if only_subcommands and opt.get("type") != 1:
            errors.add(op + ("type",), "APPLICATION_COMMAND_OPTION_TYPE_INVALID",
                       "Subcommand groups can only contain subcommands")
        name = opt.get("name")
        if name in names:
            errors.add(op + ("name",), "APPLICATION_COMMAND_OPTION_NAME_ALREADY_EXISTS", "Option name already exists")
        names.add(name)
        if opt.get("type") not in (1, 2):
            if opt.get("required"):
                if optional_seen:
                    errors.add(op + ("required",), "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                               "Required options must be placed before non-required options")
            else:
                optional_seen = True
        _validate_option(errors, op, opt, depth)


def validate_command(errors: FormErrors, cmd: Any, path: tuple = ()) -> None:
    if not isinstance(cmd, dict):
        errors.add(path, "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType")
        return
    ctype = cmd.get("type", 1) or 1
    chat_input = ctype == 1
    _validate_command_name(errors, path + ("name",), cmd.get("name"), chat_input=chat_input)
    _validate_localizations(errors, path + ("name_localizations",), cmd.get("name_localizations"), COMMAND_NAME)
    if chat_input:
        _check_text(errors, path + ("description",), cmd.get("description"), COMMAND_DESCRIPTION, required=True,
                    low=1)
        _validate_localizations(errors, path + ("description_localizations",), cmd.get("description_localizations"),
                                COMMAND_DESCRIPTION)
        _validate_options(errors, path + ("options",), cmd.get("options") or [], 0)
    else:
        if cmd.get("description"):
            errors.add(path + ("description",), "APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION",
                       "Context menu commands cannot have a description")
        if cmd.get("options"):
            errors.add(path + ("options",), "APPLICATION_COMMAND_CONTEXT_MENU_OPTIONS",
                       "Context menu commands cannot have options")


def validate_commands(errors: FormErrors, commands: Any) -> None:
    if not isinstance(commands, list):
        errors.add((), "LIST_TYPE_CONVERT", "Must be an array.")
        return
    counts = {1: 0, 2: 0, 3: 0}
    seen: set[tuple[int, str]] = set()
    for i, cmd in enumerate(commands):
        validate_command(errors, cmd, (i,))
        if isinstance(cmd, dict):
            ctype = cmd.get("type", 1) or 1
            counts[ctype] = counts.get(ctype, 0) + 1
            key = (ctype, cmd.get("name"))
            if key in seen:
                errors.add((i, "name"), "APPLICATION_COMMANDS_DUPLICATE_NAME", "Application command names must be unique")
            seen.add(key)
    if counts.get(1, 0) > CHAT_INPUT_COMMANDS:
        errors.add((), "APPLICATION_COMMANDS_MAX_EXCEEDED", f"Maximum number of application commands reached ({CHAT_INPUT_COMMANDS})")
    for ctype in (2, 3):
        if counts.get(ctype, 0) > CONTEXT_MENU_COMMANDS:
            errors.add((), "APPLICATION_COMMANDS_MAX_EXCEEDED",
                       f"Maximum number of context menu commands reached ({CONTEXT_MENU_COMMANDS})")


def first_error(errors: FormErrors) -> Optional[str]:
    return errors.flat[0][2] if errors.flat else None
