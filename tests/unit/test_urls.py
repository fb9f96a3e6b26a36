"""The shared URL normalisation (resources and report intake use the same function)."""

from __future__ import annotations

import pytest

from bot.domain.errors import DomainError
from bot.domain.urls import MAX_URL_LENGTH, find_urls, normalise_url, url_key

BASE = "https://example.org/guide"


@pytest.mark.parametrize("variant", [
    "https://example.org/guide",
    "https://example.org/guide/",
    "http://example.org/guide",
    "HTTPS://EXAMPLE.ORG/guide",
    "https://Example.Org/guide#section-2",
    "https://example.org:443/guide",
    "http://example.org:80/guide/",
    "https://example.org/guide?utm_source=twitter&utm_medium=social&utm_campaign=x",
    "https://example.org/guide?fbclid=IwAR0abc",
    "https://example.org/guide?gclid=123&UTM_Content=y",
    "example.org/guide",
    "  https://example.org/guide  ",
])
def test_variants_share_one_key(variant: str) -> None:
    assert url_key(variant) == url_key(BASE) == "example.org/guide"


def test_canonical_form_keeps_scheme_and_sorted_meaningful_query() -> None:
    assert normalise_url("HTTP://Example.org/a/?b=2&utm_source=x&a=1#top") == "http://example.org/a?a=1&b=2"
    assert normalise_url("example.org") == "https://example.org"
    # Path case is meaningful on most servers and is kept.
    assert normalise_url("https://example.org/Guide") != normalise_url("https://example.org/guide")
    assert normalise_url("https://youtu.be/abc?si=xyz&t=10") == "https://youtu.be/abc?t=10"
    assert normalise_url("https://example.org:8443/x") == "https://example.org:8443/x"


def test_different_pages_differ() -> None:
    assert url_key("https://example.org/guide?page=2") != url_key("https://example.org/guide")
    assert url_key("https://example.org/guide") != url_key("https://example.com/guide")


@pytest.mark.parametrize("raw, key", [
    ("javascript:alert(1)", "url.bad_scheme"),
    ("JavaScript:alert(document.cookie)", "url.bad_scheme"),
    ("javascript://example.org/%0aalert(1)", "url.bad_scheme"),
    ("file:///etc/passwd", "url.bad_scheme"),
    ("data:text/html;base64,PHNjcmlwdD4=", "url.bad_scheme"),
    ("ftp://files.example.org/x", "url.bad_scheme"),
    ("mailto:someone@example.org", "url.bad_scheme"),
    ("http://", "url.no_host"),
    ("https:///path/only", "url.no_host"),
    ("https://nohost", "url.no_host"),
    ("just some words", "url.invalid"),
    ("https://example.org/a b", "url.invalid"),
    ("https://example.org:99999/", "url.invalid"),
    ("", "url.empty"),
    ("   ", "url.empty"),
    ("https://example.org/" + "a" * MAX_URL_LENGTH, "url.too_long"),
])
def test_refusals_say_what_is_wrong(raw: str, key: str) -> None:
    with pytest.raises(DomainError) as info:
        normalise_url(raw)
    assert info.value.key == key


def test_refusal_params_fill_the_message() -> None:
    from bot.i18n import t

    for raw in ("javascript:alert(1)", "https://nohost", "https://example.org/a b",
                "https://x.org/" + "a" * 3000, ""):
        with pytest.raises(DomainError) as info:
            normalise_url(raw)
        for lang in ("en", "ur"):
            text = t(lang, info.value.key, **info.value.params)
            assert text and len(text) < 400


def test_international_host_becomes_punycode() -> None:
    # Punycode in the canonical form also makes look-alike (homograph) hosts visible.
    assert normalise_url("https://پاکستان.pk/").startswith("https://xn--")


def test_find_urls() -> None:
    assert find_urls("see https://a.org/x, and (http://b.org/y) ok.") == ["https://a.org/x", "http://b.org/y"]
    assert find_urls("دیکھیں https://a.org/x۔ یا https://c.org/?q=1.") == ["https://a.org/x", "https://c.org/?q=1"]


def test_limit_applies_to_the_encoded_form() -> None:
    # 1,000 Urdu letters are under the typed limit but 6,000 characters once percent-encoded.
    raw = "https://example.org/" + "ب" * 1000
    assert len(raw) < MAX_URL_LENGTH
    with pytest.raises(DomainError) as info:
        normalise_url(raw)
    assert info.value.key == "url.too_long"
    assert len(normalise_url("https://example.org/" + "ب" * 100)) <= MAX_URL_LENGTH


def test_ipv6_hosts_are_links_with_bracketed_hosts() -> None:
    assert normalise_url("https://[::1]/x/") == "https://[::1]/x"
    assert normalise_url("HTTP://[2001:DB8::1]:8080/a?utm_source=x") == "http://[2001:db8::1]:8080/a"
    assert url_key("http://[2001:db8::1]:8080/a") == url_key("https://[2001:db8::1]:8080/a/")
