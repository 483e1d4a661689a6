"""What a campaign's variant changes from its representative, word by word (Thai words as the segmenter cuts them)."""

from __future__ import annotations

import difflib

from rapfang.core.thai.words import split


def differences(representative: str, variant: str) -> list[tuple[str, bool]]:
    """The variant as consecutive pieces, each with True when it is not in the representative at that place."""
    theirs, ours = split(representative), split(variant)
    matcher = difflib.SequenceMatcher(None, theirs, ours, autojunk=False)
    pieces: list[tuple[str, bool]] = []
    for operation, _i1, _i2, start, end in matcher.get_opcodes():
        text = "".join(ours[start:end])
        if text:
            pieces.append((text, operation != "equal" and bool(text.strip())))
    return pieces
