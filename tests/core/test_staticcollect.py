"""`rapfang serve` collects the static files at each start only when they changed since the last collection."""

from __future__ import annotations

import os
import time

from rapfang.core.staticcollect import MARKER, static_collect


def _edit(path, text):
    """`path` rewritten a few seconds later, as an edit or a new release would be: collectstatic copies a file only
    when it is newer, to the second, than the copy it collected before."""
    before = path.stat().st_mtime_ns if path.exists() else time.time_ns()
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 5_000_000_000, before + 5_000_000_000))


def _sources(settings, tmp_path):
    sources, collected = tmp_path / "sources", tmp_path / "collected"
    sources.mkdir()
    (sources / "site.css").write_text("body { color: black }", encoding="utf-8")
    settings.STATICFILES_DIRS = [sources]
    settings.STATIC_ROOT = collected
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    return sources, collected


def test_the_files_are_collected_once_then_again_only_after_a_change(settings, tmp_path):
    sources, collected = _sources(settings, tmp_path)

    assert static_collect() is True
    assert (collected / "site.css").read_text(encoding="utf-8") == "body { color: black }"
    assert (collected / MARKER).exists()
    assert static_collect() is False  # nothing changed: nothing collected

    _edit(sources / "site.css", "body { color: navy }")
    assert static_collect() is True
    assert (collected / "site.css").read_text(encoding="utf-8") == "body { color: navy }"

    _edit(sources / "added.js", "// added")
    assert static_collect() is True
    assert (collected / "added.js").exists()


def test_a_changed_time_alone_collects_again_and_another_storage_too(settings, tmp_path):
    sources, _collected = _sources(settings, tmp_path)
    assert static_collect() is True

    stat = (sources / "site.css").stat()
    os.utime(sources / "site.css", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert static_collect() is True

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "rapfang.core.staticfiles.SiteStaticFilesStorage"},
    }
    assert static_collect() is True  # hashed names and compressed copies are other files
    assert static_collect() is False


def test_a_release_with_older_files_is_collected_afresh_and_removed_files_are_gone(settings, tmp_path):
    sources, collected = _sources(settings, tmp_path)
    (sources / "old.js").write_text("// to be removed", encoding="utf-8")
    assert static_collect() is True
    stat = (sources / "site.css").stat()
    (sources / "site.css").write_text("body { color: maroon }", encoding="utf-8")  # a rollback: older, other content
    os.utime(sources / "site.css", ns=(stat.st_atime_ns, stat.st_mtime_ns - 86_400_000_000_000))
    (sources / "old.js").unlink()

    assert static_collect() is True
    assert (collected / "site.css").read_text(encoding="utf-8") == "body { color: maroon }"
    assert not (collected / "old.js").exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["collected", "collected.lock", "sources"]


def test_a_static_folder_that_is_a_link_stays_a_link_to_the_collected_files(settings, tmp_path):
    sources, collected = _sources(settings, tmp_path)
    settings.STATIC_ROOT = tmp_path / "link"
    (tmp_path / "link").symlink_to(collected)
    assert static_collect() is True
    assert (tmp_path / "link").is_symlink()
    assert (tmp_path / "link" / "site.css").read_text(encoding="utf-8") == "body { color: black }"
    _edit(sources / "site.css", "body { color: navy }")
    assert static_collect() is True
    assert (tmp_path / "link").is_symlink() and (collected / "site.css").read_text(encoding="utf-8").endswith("navy }")
