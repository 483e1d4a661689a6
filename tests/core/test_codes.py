"""Random codes: the alphabet's characters only, every one of them reachable, a code from each draw."""

from __future__ import annotations

import pytest

from rapfang.core.codes import random_code

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def test_codes_have_the_length_asked_and_only_the_alphabets_characters():
    codes = [random_code(ALPHABET, 8) for _ in range(500)]
    assert all(len(code) == 8 and set(code) <= set(ALPHABET) for code in codes)
    assert set("".join(codes)) == set(ALPHABET)  # 4,000 characters: each of the 32 turns up
    assert len(set(codes)) == len(codes)


def test_each_character_comes_from_its_own_five_bits(monkeypatch):
    monkeypatch.setattr("secrets.randbits", lambda bits: 0b11111_00000_00001)
    assert random_code(ALPHABET, 3) == "32Z"  # lowest bits first


def test_an_alphabet_of_another_size_is_refused():
    with pytest.raises(ValueError, match="32 characters"):
        random_code("ABC", 4)
