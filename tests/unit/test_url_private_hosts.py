"""Links the library should not hold: loopback, private-network, link-local and local names."""

from __future__ import annotations

import pytest

from bot.domain.errors import DomainError
from bot.domain.urls import check_public, normalise_url


@pytest.mark.parametrize("url", [
    "http://localhost/admin", "http://LOCALHOST:8080", "http://api.localhost/", "http://192.168.1.1",
    "http://10.0.0.5:8080/x", "http://172.16.3.4/", "http://127.0.0.1/", "http://127.1", "http://0x7f.0.0.1/",
    "http://0177.0.0.1/", "http://[::1]/", "http://[fe80::1]/", "http://[fd00::5]/", "http://169.254.169.254/latest",
    "http://[::ffff:127.0.0.1]/", "http://0.0.0.0/", "http://printer.local/", "http://nas.lan/", "http://100.64.0.1/",
])
def test_private_hosts_refused(url: str) -> None:
    with pytest.raises(DomainError) as err:
        check_public(normalise_url(url))
    assert err.value.key == "url.private_host"


@pytest.mark.parametrize("url", ["https://example.org/guide", "https://8.8.8.8/x", "https://[2606:4700::1111]/",
                                 "https://urdu.example.pk/رہنمائی", "https://localhost.example.com/"])
def test_public_hosts_kept(url: str) -> None:
    assert check_public(normalise_url(url)) == normalise_url(url)
