"""Files through Django's storage API only: the data folder on one machine, an S3-compatible store on many.

Downloads are always served by the site's views, which check who may have the file and count it, and stream it
from the store (decision 14): the store stays private, and no file has an address of its own.

- `stored_stream`: a stored file opened for a streaming download (from S3, read as it is sent, not copied first);
  `FileNotFoundError` when it is not there.
- `stored_save`: a file made on local disk (a report, a ZIP) put into the store under a name.
- `kept_open`: a file derived from the data, made once per state and kept in the store for every machine.
- `storage_ready`: whether the store answers (for `/readyz`).
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any, TypeGuard

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, default_storage
from django.http import FileResponse

if TYPE_CHECKING:
    from storages.backends.s3 import S3Storage

logger = logging.getLogger(__name__)
MISSING = {"NoSuchKey", "404", "NotFound"}


class StoredStream:
    """An object's body from S3, read block by block as the response is sent; `size` for Content-Length."""

    def __init__(self, body: Any, size: int) -> None:
        self.body, self.size = body, size

    def read(self, amount: int = -1) -> bytes:
        return bytes(self.body.read(None if amount < 0 else amount))

    def close(self) -> None:
        self.body.close()


def _in_s3(storage: Storage) -> TypeGuard[S3Storage]:
    """Whether `storage` is an S3 store. boto3 is loaded only by a site configured for S3 (settings.STORAGES): where
    the S3 backend was never imported, no storage can be one."""
    kind = storage.__class__  # first: the lazy default storage is set up here, importing its backend
    backend = sys.modules.get("storages.backends.s3")
    return backend is not None and issubclass(kind, backend.S3Storage)


def stored_stream(storage: Storage, name: str) -> IO[bytes] | StoredStream:
    """The stored file `name`, open for reading from its start."""
    if not _in_s3(storage):
        return storage.open(name, "rb")
    from botocore.exceptions import ClientError
    from storages.utils import clean_name

    try:
        found = storage.bucket.Object(storage._normalize_name(clean_name(name))).get()
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") in MISSING:
            raise FileNotFoundError(name) from error
        raise
    return StoredStream(found["Body"], int(found["ContentLength"]))


def stored_size(handle: object) -> int | None:
    """The length of what `stored_stream` opened, when the response cannot learn it by itself."""
    return handle.size if isinstance(handle, StoredStream) else None


def stored_save(storage: Storage, name: str, handle: IO[bytes]) -> str:
    """Put the local file `handle` into the store as `name` (or a free name near it); the name it got."""
    handle.seek(0)
    return storage.save(name, File(handle, name=os.path.basename(name)))


def kept_open(
    name: str, build: Callable[[IO[bytes]], None], *, storage: Storage | None = None
) -> IO[bytes] | StoredStream:
    """The kept file `name`, made now by `build` (writing to a local temporary file) when no machine has made it."""
    storage = storage or default_storage
    try:
        return stored_stream(storage, name)
    except FileNotFoundError:
        pass
    with tempfile.TemporaryFile() as local:
        build(local)
        if not storage.exists(name):  # another machine may have made it meanwhile: the same contents
            saved = stored_save(storage, name, local)
            if saved != name:  # lost a race to a maker with the same contents
                storage.delete(saved)
    return stored_stream(storage, name)


def kept_prune(folder: str, prefix: str, keep: str, *, storage: Storage | None = None) -> None:
    """Delete the kept files in `folder` whose names start with `prefix`, except `keep` (a full name)."""
    storage = storage or default_storage
    try:
        _folders, names = storage.listdir(folder)
    except FileNotFoundError:
        return
    for one in names:
        if one.startswith(prefix) and f"{folder}/{one}" != keep:
            storage.delete(f"{folder}/{one}")


def storage_ready(storage: Storage | None = None) -> tuple[bool, str]:
    """The store answers: the bucket is there and readable (S3), or the media folder is writable."""
    storage = storage or default_storage
    if _in_s3(storage):
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            storage.connection.meta.client.head_bucket(Bucket=storage.bucket_name)
        except (BotoCoreError, ClientError) as error:
            return False, f"{type(error).__name__}: {error}"[:200]
        return True, "ok"
    folder = settings.MEDIA_ROOT
    os.makedirs(folder, exist_ok=True)
    writable = os.access(folder, os.W_OK)
    return writable, "ok" if writable else "the media folder is not writable"


def stored_response(handle: IO[bytes] | StoredStream, **options: Any) -> FileResponse:
    """A FileResponse of what `stored_stream` or `kept_open` opened, with its length also when streamed from S3."""
    response = FileResponse(handle, **options)
    if (size := stored_size(handle)) is not None:
        response["Content-Length"] = str(size)
    return response
