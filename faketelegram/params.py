"""Reading a Bot API request's parameters: query string, JSON body, urlencoded or multipart form.

Form values arrive as strings (aiogram sends ints as ``"123"``, booleans as ``"true"`` and objects
as JSON text); JSON bodies arrive typed. :class:`Params` reads either the same way.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Optional, Union

from aiohttp import web
from aiohttp.web_request import FileField

from .errors import bad_request


@dataclass
class Upload:
    """One file part of a multipart request."""

    field: str
    filename: Optional[str]
    data: bytes
    content_type: Optional[str]


async def read_request(request: web.Request) -> tuple[dict[str, Any], dict[str, Upload]]:
    params: dict[str, Any] = dict(request.query)
    files: dict[str, Upload] = {}
    if request.method != "POST" or not request.can_read_body:
        return params, files
    ctype = request.content_type
    if ctype == "application/json":
        try:
            body = await request.json()
        except ValueError:
            raise bad_request("can't parse JSON object") from None
        if not isinstance(body, dict):
            raise bad_request("can't parse JSON object")
        params.update(body)
    elif ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.post()
        for key, value in form.items():
            if isinstance(value, FileField):
                files[key] = Upload(key, value.filename, value.file.read(), value.content_type)
            else:
                params[key] = value
    return params, files


class Params:
    def __init__(self, raw: dict[str, Any], files: Optional[dict[str, Upload]] = None) -> None:
        self.raw = raw
        self.files = files or {}

    def __contains__(self, name: str) -> bool:
        return self.raw.get(name) not in (None, "")

    def get(self, name: str, default: Any = None) -> Any:
        value = self.raw.get(name)
        return default if value in (None, "") else value

    def str(self, name: str, default: Optional[str] = None) -> Optional[str]:
        value = self.raw.get(name)
        if value is None:
            return default
        return value if isinstance(value, str) else json.dumps(value) if isinstance(value, (dict, list)) else str(value)

    def int(self, name: str, default: Optional[int] = None, *, required: Optional[str] = None) -> Optional[int]:
        value = self.get(name)
        if value is None:
            if required:
                raise bad_request(required)
            return default
        if isinstance(value, bool):
            return int(value)
        try:
            return int(value)
        except (TypeError, ValueError):
            raise bad_request(f"invalid {name} specified") from None

    def bool(self, name: str, default: bool = False) -> bool:
        value = self.get(name)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        if isinstance(value, (int, float)):
            return bool(value)
        return str(value).strip().lower() in ("true", "1", "yes", "on")

    def json(self, name: str, what: Optional[str] = None) -> Any:
        value = self.get(name)
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                raise bad_request(f"can't parse {what or name} JSON object") from None
        return value

    def chat_id(self, name: str = "chat_id", *, required: bool = True) -> Optional[Union[int, str]]:
        value = self.get(name)
        if value is None:
            if required:
                raise bad_request(f"{name} is empty")
            return None
        if isinstance(value, str) and value.startswith("@"):
            return value
        try:
            return int(value)
        except (TypeError, ValueError):
            raise bad_request("chat not found") from None

    def file(self, name: str) -> Union[Upload, str, None]:
        """An InputFile field: the uploaded part (direct or ``attach://key``), or a file_id/URL string."""
        if name in self.files:
            return self.files[name]
        value = self.get(name)
        if isinstance(value, str) and value.startswith("attach://"):
            key = value[len("attach://"):]
            if key not in self.files:
                raise bad_request(f"file attach://{key} not found")
            return self.files[key]
        return value
