"""The "what became of my comment" lookup shows a refused receipt number beside the field and in a summary."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_an_empty_or_over_long_receipt_number_is_refused_visibly(client, demo):
    url = f"/consultations/{demo.slug}/responses/"
    empty = client.get(url, {"receipt": ""}).content.decode()
    assert "กรุณาระบุเลขที่หลักฐานการรับความคิดเห็นของท่าน" in empty
    assert 'id="lookup-errors"' in empty and 'href="#id_receipt"' in empty and 'aria-invalid="true"' in empty
    long = client.get(f"/en{url}", {"receipt": "X" * 41}).content.decode()
    assert "Please shorten this to at most 40 characters (it now has 41)." in long
