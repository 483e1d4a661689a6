"""The labelled sample analysed once per test session (the segmenter and dictionary load once per process)."""

import pytest

from analysis.labelled_sample import DOMAINS, load_sample
from rapfang.analysis.text.domains import Domain, load_domains
from rapfang.analysis.text.pipeline import AnalysisResult, Comment, analyse


@pytest.fixture(scope="session")
def sample() -> list[dict]:
    return load_sample()


@pytest.fixture(scope="session")
def domains() -> list[Domain]:
    return load_domains(DOMAINS)


@pytest.fixture(scope="session")
def analysed(sample: list[dict], domains: list[Domain]) -> AnalysisResult:
    return analyse([Comment(record["id"], record["text"]) for record in sample], domains)


@pytest.fixture(scope="session")
def rows(analysed: AnalysisResult) -> dict[str, dict]:
    return {row["id"]: row for row in analysed.rows()}
