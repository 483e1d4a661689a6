"""A consultation's readable address made from its titles (no database)."""

from __future__ import annotations

import pytest

from rapfang.consultations import addresses


def test_the_english_title_gives_the_address_without_era_marks():
    title = "Draft Ministerial Regulation on Fees for Land Title Deeds B.E. ...."
    assert (
        addresses.slug_from_titles(title, "ร่างกฎกระทรวง") == "draft-ministerial-regulation-on-fees-for-land-title-deeds"
    )


def test_a_thai_title_is_romanised_word_by_word_offline():
    slug = addresses.slug_from_titles("", "ร่างประกาศกรมที่ดิน เรื่อง การจดทะเบียน พ.ศ. ๒๕๗๐")
    assert slug.startswith("rang-prakat-") and slug.endswith("-2570")
    assert addresses.is_valid(slug)


def test_a_long_title_is_cut_at_a_whole_word():
    slug = addresses.latin_slug("A regulation " + "concerning the fees " * 10)
    assert len(slug) <= addresses.MAX_LENGTH and not slug.endswith("-")
    assert slug.split("-")[-1] in {"the", "fees", "concerning"}


def test_a_title_without_letters_gives_nothing_and_the_plain_address_is_numbered():
    assert addresses.slug_from_titles("", "....") == ""
    taken = {"consultation-2027-1"}
    assert addresses.plain(2027, taken.__contains__) == "consultation-2027-2"


def test_the_first_free_address_takes_the_next_number():
    assert addresses.first_free("land-fees", {"land-fees", "land-fees-2"}.__contains__) == "land-fees-3"
    assert addresses.first_free("land-fees", set().__contains__) == "land-fees"


@pytest.mark.parametrize("slug", ["land-fees", "dg2-2560-2564", "a", "x1"])
def test_valid_addresses(slug):
    assert addresses.is_valid(slug)


@pytest.mark.parametrize("slug", ["Land", "land fees", "land--fees", "-land", "ที่ดิน", "land_fees", "a" * 81, ""])
def test_invalid_addresses(slug):
    assert not addresses.is_valid(slug)


def test_what_someone_typed_becomes_a_suggestion():
    assert addresses.suggestion("Land Fees 2027") == "land-fees-2027"
    assert addresses.suggestion("ค่าธรรมเนียม") == "khatamniam"
