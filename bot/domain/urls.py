"""URL normalisation shared by the resource library and report intake.

`normalise_url` gives the canonical form shown to users; `url_key` is what two links must share to be
"the same link" (it also ignores http vs https, since the same page is served on both).
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from url_normalize import url_normalize

from bot.domain.errors import DomainError

MAX_URL_LENGTH = 2048
_TRACKING_EXACT = {
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid",
    "_hsenc", "_hsmi", "mkt_tok", "si", "ref_src", "ref_url", "twclid", "ttclid", "s_cid",
}
_TRACKING_PREFIXES = ("utm_",)
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def _is_ipv6(host: str) -> bool:
    try:
        return isinstance(ipaddress.ip_address(host), ipaddress.IPv6Address)
    except ValueError:
        return False


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in _TRACKING_EXACT or lowered.startswith(_TRACKING_PREFIXES)


def normalise_url(raw: str) -> str:
    """The canonical form of an http(s) URL, or DomainError('url.*') saying what is wrong.

    Lower-cases scheme and host, drops default ports, the fragment, tracking parameters (`utm_*`,
    `fbclid`, `gclid`, ...) and a trailing slash; sorts the remaining query parameters.
    """
    text = (raw or "").strip()
    if not text:
        raise DomainError("url.empty")
    if len(text) > MAX_URL_LENGTH:
        raise DomainError("url.too_long", limit=MAX_URL_LENGTH)
    if any(c.isspace() for c in text):
        raise DomainError("url.invalid", url=text[:100])
    scheme = _SCHEME.match(text)
    if scheme and scheme.group(1).lower() not in ("http", "https") and not text[scheme.end():].isdigit():
        # `host:8080/x` has no scheme but looks like one; real other schemes are refused.
        if "//" in text or not re.match(r"^[\w.-]+:\d+", text):
            raise DomainError("url.bad_scheme", scheme=scheme.group(1).lower())
    if not scheme or "//" not in text[: scheme.end() + 2]:
        text = "https://" + text
    try:
        normalised = url_normalize(text)
        parts = urlsplit(normalised or "")
        port = parts.port  # raises ValueError on a bad port
    except ValueError:
        raise DomainError("url.invalid", url=raw.strip()[:100]) from None
    if parts.scheme not in ("http", "https"):
        raise DomainError("url.bad_scheme", scheme=parts.scheme)
    host = (parts.hostname or "").rstrip(".")
    if _is_ipv6(host):
        host = f"[{host}]"  # brackets are part of an IPv6 host in a URL
    elif not host or "." not in host and host != "localhost":
        raise DomainError("url.no_host", url=raw.strip()[:100])
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                             if not _is_tracking(k)))
    path = parts.path.rstrip("/")
    result = urlunsplit((parts.scheme, netloc, path, query, ""))
    if len(result) > MAX_URL_LENGTH:
        # Percent-encoding multiplies non-ASCII paths (an Urdu letter becomes 6 characters): the
        # stored and posted form must fit the same limit as the typed one.
        raise DomainError("url.too_long", limit=MAX_URL_LENGTH)
    return result


_LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".lan", ".home.arpa", ".intranet", ".corp")


def _ip_of(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address a host names literally: dotted, bracketed IPv6, or the short, octal and hex forms
    browsers also accept (`127.1`, `0x7f.0.0.1`, `0177.0.0.1`)."""
    bare = host.strip("[]")
    try:
        return ipaddress.ip_address(bare)
    except ValueError:
        pass
    parts = bare.split(".")
    if not 1 <= len(parts) <= 4 or not all(re.fullmatch(r"0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*", p) for p in parts):
        return None
    try:
        values = [int(p, 16) if p.lower().startswith("0x") else int(p, 8) if len(p) > 1 and p.startswith("0")
                  else int(p) for p in parts]
    except ValueError:
        return None
    *head, last = values
    if any(v > 255 for v in head) or last >= 256 ** (4 - len(head)):
        return None
    number = 0
    for v in head:
        number = number * 256 + v
    number = number * 256 ** (4 - len(head)) + last
    return ipaddress.IPv4Address(number)


def check_public(url: str) -> str:
    """`url` (normalised) if its host is on the public internet; DomainError('url.private_host') for
    loopback, private-network, link-local and other non-public addresses, and for local names such
    as `localhost` or `printer.local`. The library only holds links every member can open."""
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    address = _ip_of(host)
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    private = (host == "localhost" or host.endswith(_LOCAL_SUFFIXES) if address is None
               else not address.is_global or address.is_multicast)
    if private:
        raise DomainError("url.private_host", host=host[:100])
    return url


def url_key(raw: str) -> str:
    """The identity of a link for duplicate detection: normalised, without the scheme."""
    normalised = normalise_url(raw)
    return normalised.split("://", 1)[1]


def find_urls(text: str) -> list[str]:
    """http(s) links in free text, in order of appearance.

    Punctuation that ends the sentence around a link (`see https://x.org/a.`) is not part of it.
    """
    found = re.findall(r"https?://[^\s<>\"')\]]+", text or "", flags=re.IGNORECASE)
    return [u.rstrip(".,;:!?،۔") for u in found]
