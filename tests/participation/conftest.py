"""The participation tests' consultation, made from nothing."""

from __future__ import annotations

from typing import Any

import pytest

from participation.helpers import hearing_make


@pytest.fixture
def hearing(db: Any) -> Any:
    return hearing_make()
