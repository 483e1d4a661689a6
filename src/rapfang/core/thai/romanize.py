"""Thai in the Royal Institute's Latin letters (pythainlp's royin engine, offline), for keys and web addresses."""

import os

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")


def romanize(word: str) -> str:
    """One Thai word in Latin letters; "" where the romaniser cannot read it."""
    try:
        from pythainlp.transliterate import romanize as royin

        return str(royin(word, engine="royin"))
    except (ImportError, LookupError, OSError, RuntimeError, ValueError):
        return ""
