"""The report pages' tags. The file size (`fsize`) is formatted with the other numbers in core's thai_format;
this library is the same one, so that templates loading `report_tags` keep working."""

from __future__ import annotations

from rapfang.core.templatetags.thai_format import register

__all__ = ["register"]
