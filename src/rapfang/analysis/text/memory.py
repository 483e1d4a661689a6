"""Giving memory the analysis no longer uses back to the operating system.

Python frees objects into its allocator and the C library's heap, which keep the pages: after the texts of a
million comments came back from the worker processes and were cut into words, the process stays that large
although most of it is free. ``release_free_memory`` asks glibc to return whole free pages (``malloc_trim``);
elsewhere it does nothing.
"""

import ctypes
import ctypes.util
from functools import cache


@cache
def _trim():
    name = ctypes.util.find_library("c")
    library = ctypes.CDLL(name) if name else None
    return getattr(library, "malloc_trim", None)


def release_free_memory() -> None:
    """Return the heap's free pages to the system where the C library can (objects are freed as their last
    reference goes; no garbage collection is forced)."""
    trim = _trim()
    if trim is not None:
        trim(0)
