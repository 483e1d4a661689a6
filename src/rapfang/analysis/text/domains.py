"""A consultation's topics ("domains") as the analysis sees them: their own names, keywords and description."""

import json
from dataclasses import dataclass
from pathlib import Path

from rapfang.analysis.text import thesaurus


@dataclass(frozen=True)
class Domain:
    key: str
    name_th: str = ""
    name_en: str = ""
    description: str = ""
    keywords: tuple[str, ...] = ()

    def vocabulary(self) -> list[str]:
        """Words the segmenter should know for this topic: its keywords written as one word (its name is read
        as the words it is made of, as a comment's words are)."""
        return [word for word in self.keywords if word and " " not in word.strip()]


def engine_vocabulary(domains: list[Domain], extra: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Every word the segmenter should know: the thesaurus's, the topics' and ``extra`` (terms of the draft)."""
    return (*thesaurus.vocabulary(), *(word for domain in domains for word in domain.vocabulary()), *extra)


def domain_from_dict(data: dict) -> Domain:
    """A Domain from one entry of a domains file; ``key`` is required, every other field is optional."""
    if not isinstance(data, dict) or not str(data.get("key") or "").strip():
        raise ValueError(f"a domain needs a non-empty 'key': {data!r}")
    keywords = data.get("keywords") or ()
    return Domain(
        key=str(data["key"]).strip(),
        name_th=str(data.get("name_th") or ""),
        name_en=str(data.get("name_en") or ""),
        description=str(data.get("description") or ""),
        keywords=tuple(str(word) for word in keywords),
    )


def load_domains(path: Path) -> list[Domain]:
    """Read a domains file: a JSON list of ``{"key", "name_th", "name_en", "description"}``."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a JSON list of domains")
    return [domain_from_dict(entry) for entry in data]
