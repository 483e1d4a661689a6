"""What a campaign's variant changes from its representative, word by word (Thai words as the segmenter cuts them)."""

from __future__ import annotations

import difflib

import nlpo3

from rapfang.analysis.text.segment import load_dictionary


def differences(representative: str, variant: str) -> list[tuple[str, bool]]:
    """The variant as consecutive pieces, each with True when it is not in the representative at that place."""
    dictionary = load_dictionary(())
    theirs = nlpo3.segment(representative, dictionary, False, False)
    ours = nlpo3.segment(variant, dictionary, False, False)
    matcher = difflib.SequenceMatcher(None, theirs, ours, autojunk=False)
    pieces: list[tuple[str, bool]] = []
    for operation, _i1, _i2, start, end in matcher.get_opcodes():
        text = "".join(ours[start:end])
        if text:
            pieces.append((text, operation != "equal" and bool(text.strip())))
    return pieces
