"""The attendee list as CSV, written so spreadsheets open it correctly.

UTF-8 with a byte-order mark: Excel otherwise reads the file as the local code page and shows Urdu
names as mojibake. Cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`) are prefixed
with an apostrophe, since display names are chosen by members.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo
from typing import Iterable, Sequence

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class AttendeeRow:
    status: str
    position: int | None
    user_id: int
    name: str
    answered_at: datetime


def _safe(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def attendees_csv(header: Sequence[str], rows: Iterable[AttendeeRow], zone: str = "UTC") -> bytes:
    """CSV bytes (UTF-8 with BOM, CRLF line ends as RFC 4180 says) with `header` as the first row;
    times written out in `zone`."""
    tz = ZoneInfo(zone)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([
            row.status,
            "" if row.position is None else row.position,
            str(row.user_id),
            _safe(row.name),
            row.answered_at.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S"),
        ])
    return buffer.getvalue().encode("utf-8-sig")
