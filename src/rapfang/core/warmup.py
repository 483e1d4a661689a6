"""What a server process loads once, before it takes its first request.

Left to the first request, this work lands on it: loading the URLconf imports every view and service and what they
import (the analysis engine is not among them: it is imported where it runs), each language's messages are read,
and the Thai word list is turned into the segmenter's dictionary and the index's trie. A worker that starts in the
middle of a registration rush would spend that time serving nobody.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import get_resolver
from django.utils import translation

from rapfang.core.thai import search


def process_warm() -> None:
    """Load the URLconf, the message catalogues and the Thai dictionary now rather than on first use."""
    get_resolver().url_patterns  # noqa: B018 (the property imports the URLconf)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Thai")
    search.warm()
