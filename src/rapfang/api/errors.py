"""The framework's refusals of a request's form, as messages in the caller's language, per field.

django-ninja (pydantic) reports each problem with a type (missing, too long, not matching a pattern, not one of the
choices...); this turns each into the sentence the site's forms use for the same problem.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from rapfang.api.fields import FILLED, PHONE
from rapfang.core.forms_thai import CHOOSE, REQUIRED, TOO_LONG


def _consent(path: str) -> str:
    if path.endswith("/registrations"):
        return _("Please agree to the privacy notice to register.")
    return _("Please agree to the personal data notice to send a comment.")


def _pattern(error: dict[str, Any]) -> str:
    pattern = error.get("ctx", {}).get("pattern")
    if pattern == FILLED:
        return str(REQUIRED)
    if pattern == PHONE:
        return _("Please give a telephone number of 9 to 15 digits.")
    return _("This text holds a character that cannot be stored (NUL). Please remove it.")


def _too_long(error: dict[str, Any]) -> str:
    given = error.get("input")
    return str(TOO_LONG) % {"limit_value": error.get("ctx", {}).get("max_length", 0),
                            "show_value": len(given) if isinstance(given, str) else 0}  # fmt: skip


def field_message(error: dict[str, Any], path: str) -> str:
    """The message for one of pydantic's errors on the request to `path`."""
    kind, field = str(error.get("type", "")), str((error.get("loc") or ("",))[-1])
    if field == "consent" and kind != "missing":
        return _consent(path)
    if field == "email" and kind in ("value_error", "string_too_short"):
        return _("This e-mail address is not valid.")
    if kind == "string_too_long":
        return _too_long(error)
    if kind == "string_pattern_mismatch":
        return _pattern(error)
    simple = {"missing": REQUIRED, "enum": CHOOSE, "literal_error": CHOOSE,
              "bool_type": _("Please give true or false."), "string_type": _("Please give a text.")}  # fmt: skip
    if kind in simple:
        return str(simple[kind])
    if kind.startswith("int_") or kind in ("greater_than_equal", "less_than_equal"):
        return _("Please give a whole number in the range allowed.")
    return _("This value is not valid.")


def field_errors(errors: list[dict[str, Any]], path: str) -> dict[str, list[str]]:
    """Errors per field (`text`, `query.page`, `body` for the body as a whole), each in the caller's language."""
    found: dict[str, list[str]] = {}
    for error in errors:
        place = ".".join(str(part) for part in error.get("loc", ()) if part not in ("body", "payload"))
        found.setdefault(place or "body", []).append(field_message(error, path))
    return found
