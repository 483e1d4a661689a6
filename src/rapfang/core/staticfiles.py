"""Static files: hashed names and gzip/brotli copies (whitenoise), except for Swagger UI.

Swagger UI's bundle (1.7 MB) is read only by the API's documentation page; compressing it at brotli's highest
level cost about half a minute of every `collectstatic`, which `rapfang serve` runs at each start.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from whitenoise.storage import CompressedManifestStaticFilesStorage

UNCOMPRESSED = ("vendor/swagger-ui/",)


class SiteStaticFilesStorage(CompressedManifestStaticFilesStorage):
    def compress_files(self, paths: Iterable[str]) -> Iterator[tuple[str, str]]:
        return super().compress_files([path for path in paths if not path.startswith(UNCOMPRESSED)])
