"""Flushing the database empties SQLite's full-text index of comments too (it is not a model's table)."""

from __future__ import annotations

import pytest
from comment_helpers import DURING, valid
from django.core.management import call_command
from django.db import connection

from rapfang.comments.models import Comment
from rapfang.comments.services import comment_submit
from rapfang.core.actors import PUBLIC

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL's index is a column of the comments' rows"),
]


def index_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM comments_search")
        return cursor.fetchone()[0]


@pytest.fixture
def indexed(post_moderated):
    comment_submit(actor=PUBLIC, consultation=post_moderated, data=valid(text="ราคาข้าวตกต่ำ"), now=DURING)
    assert index_rows() > 0
    return post_moderated


def test_a_flush_leaves_no_row_of_the_index(indexed):
    call_command("flush", interactive=False, verbosity=0)
    assert not Comment.objects.exists()
    assert index_rows() == 0


def test_a_cancelled_flush_keeps_the_comments_and_their_index(indexed, monkeypatch, capsys):
    rows = index_rows()
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    call_command("flush", interactive=True, verbosity=0)
    assert "cancelled" in capsys.readouterr().out
    assert Comment.objects.exists()
    assert index_rows() == rows
