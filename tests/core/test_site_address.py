"""`rapfang serve` names the address it answers on in the links it gives out, unless the site's address is set."""

import argparse
import os

import pytest

from rapfang.cli import _site_address_default


@pytest.mark.parametrize(
    ("host", "port", "address"),
    [("127.0.0.1", 8100, "http://127.0.0.1:8100"), ("0.0.0.0", 8000, "http://127.0.0.1:8000"),  # noqa: S104
     ("::1", 8101, "http://[::1]:8101"), ("hearing.lan", 80, "http://hearing.lan:80")],
)  # fmt: skip
def test_the_served_address_is_the_default(monkeypatch, host, port, address):
    monkeypatch.setenv("RAPFANG_SITE_URL", "")  # unset, and put back as it was after the test
    _site_address_default(argparse.Namespace(host=host, port=port))
    assert os.environ["RAPFANG_SITE_URL"] == address


def test_a_site_address_that_is_set_is_kept(monkeypatch):
    monkeypatch.setenv("RAPFANG_SITE_URL", "https://hearing.example.go.th")
    _site_address_default(argparse.Namespace(host="127.0.0.1", port=8100))
    assert os.environ["RAPFANG_SITE_URL"] == "https://hearing.example.go.th"
