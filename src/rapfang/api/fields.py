"""Request fields whose JSON Schema is the rule the API applies, so that a body the schema accepts is never refused
for its shape, and one it refuses never gets through (the API's contract, checked by schemathesis).

Two hands keep the rules. The framework refuses what is wrong in form (a type, a length, a NUL character, an
e-mail address or a telephone number that cannot be one), with messages in the caller's language (api.errors). The
services refuse what is wrong in content (an empty text, a missing name or organisation, no consent), all at once
and in the caller's language; the schema declares their rules too. A "filled" text has a character other than
white space, white space being what Python's `str.strip()` removes, as the services do.
"""

from __future__ import annotations

from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from pydantic import AfterValidator, Field, StrictBool

# What str.isspace() calls white space, as one regular expression class (ECMA-262, Python and Rust read it alike).
WHITE_SPACE = r"\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
NO_NUL = r"^[^\x00]*$"
FILLED = rf"^[^\x00]*[^\x00{WHITE_SPACE}][^\x00]*$"
# Nine to fifteen digits, with single spaces or hyphens between them and a + in front if wished (+66 2 123 4567).
PHONE = r"^(?:|\+?[0-9](?:[ -]?[0-9]){8,14})$"


def text(max_length: int, *, filled: bool = False) -> Any:
    """A string of at most `max_length` characters without NUL; `filled` (declared, checked by the service): not
    only white space."""
    return Field(max_length=max_length, pattern=NO_NUL, json_schema_extra={"pattern": FILLED} if filled else None)


def choice(values: list[str]) -> Any:
    """One of `values`; declared, checked by the service with its own message."""
    return Field(json_schema_extra={"enum": list(values)})


def _django_email(value: str) -> str:
    if value:
        try:
            validate_email(value)
        except ValidationError as error:
            raise ValueError("email") from error
    return value


_EMAIL = {"type": "string", "format": "email", "maxLength": 254}
# An e-mail address as Django checks it; optional ones may be empty.
OptionalEmail = Annotated[
    str, AfterValidator(_django_email),
    Field(max_length=254, json_schema_extra={"anyOf": [{"type": "string", "maxLength": 0}, _EMAIL]}),
]  # fmt: skip
Email = Annotated[str, AfterValidator(_django_email), Field(min_length=1, max_length=254, json_schema_extra=_EMAIL)]
# Consent: declared as true only; the service refuses anything else with its own message.
Consent = Annotated[StrictBool, Field(json_schema_extra={"const": True})]


def must_be_filled(*names: str) -> dict[str, Any]:
    """A JSON Schema alternative in which the fields `names` are present and filled."""
    return {"required": list(names), "properties": {name: {"pattern": FILLED} for name in names}}
