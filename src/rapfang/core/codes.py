"""Short random codes that people read out or type: comment receipts and registration references."""

from __future__ import annotations

import secrets


def random_code(alphabet: str, length: int) -> str:
    """`length` characters, each uniform over a 32-character `alphabet`, from one draw of the system's randomness.

    Five bits per character: one call for the whole code instead of one per character (each is a system call).
    """
    if len(alphabet) != 32:
        raise ValueError("the alphabet must have 32 characters")
    bits = secrets.randbits(5 * length)
    return "".join(alphabet[(bits >> (5 * place)) & 31] for place in range(length))
