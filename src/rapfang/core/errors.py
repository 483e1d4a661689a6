"""Domain errors: raised by services, translated to HTTP by views and the API."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A rule of the domain refused the request. `code` is stable for API clients."""

    code = "error"
    status = 400
    default_message: Any = _("The request could not be carried out.")

    def __init__(self, message: Any = None, *, code: str | None = None, **params: Any) -> None:
        self.message = message if message is not None else self.default_message
        if code:
            self.code = code
        self.params = params
        super().__init__(str(self.message))

    def field_messages(self) -> list[tuple[str | None, str]]:
        """The refusal as (field, message) pairs: per field when it names fields (`errors=`), else one pair."""
        errors = self.params.get("errors")
        if not errors:
            return [(None, str(self.message))]
        return [(field, str(message)) for field, messages in errors.items() for message in messages]


class NotFound(DomainError):
    code = "not_found"
    status = 404
    default_message = _("Not found.")


class PermissionDenied(DomainError):
    code = "permission_denied"
    status = 403
    default_message = _("You do not have permission to do this.")


class InvalidInput(DomainError):
    code = "invalid"
    status = 422
    default_message = _("Some of the information given is not valid.")


class Conflict(DomainError):
    code = "conflict"
    status = 409
    default_message = _("The request conflicts with the current state.")


class Unauthorised(DomainError):
    code = "invalid_api_key"
    status = 401
    default_message = _("The API key is not valid.")


class RateLimited(DomainError):
    code = "rate_limited"
    status = 429
    default_message = _("Too many requests. Please wait a moment and try again.")
