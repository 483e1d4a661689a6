"""The API under /api/v1/: one router per part of the product."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja.errors import HttpError
from ninja.errors import ValidationError as RequestInvalid

from rapfang.api.comments import router as comments_router
from rapfang.api.consultations import router as consultations_router
from rapfang.api.docs import OwnSwagger
from rapfang.api.errors import field_errors
from rapfang.api.hearings import router as hearings_router
from rapfang.api.issues import router as issues_router
from rapfang.api.openapi import RapfangAPI
from rapfang.api.questionnaires import router as questionnaires_router
from rapfang.api.rendering import ThaiJSONRenderer
from rapfang.api.reports import router as reports_router
from rapfang.core.errors import DomainError, InvalidInput
from rapfang.core.malformed import invalid_json_message

api = RapfangAPI(
    title="rapfang API",
    version="1",
    description="Public hearings on draft plans and laws: consultations, their timelines, documents and events.",
    renderer=ThaiJSONRenderer(),
    docs=OwnSwagger(),
    urls_namespace="api",
)
api.add_router("/", consultations_router)
api.add_router("/", hearings_router)
api.add_router("/", comments_router)
api.add_router("/", reports_router)
api.add_router("/", issues_router)
api.add_router("/", questionnaires_router)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, error: DomainError) -> HttpResponse:
    """A refusal by the domain: its status, a stable code and a message in the caller's language."""
    response = api.create_response(request, {"code": error.code, "message": str(error.message)}, status=error.status)
    if "retry_after" in error.params:
        response["Retry-After"] = str(error.params["retry_after"])
    return response


@api.exception_handler(RequestInvalid)
def request_invalid(request: HttpRequest, error: RequestInvalid) -> HttpResponse:
    """A body of the wrong shape gets the same answer as a domain refusal: code, message, errors per field."""
    errors = field_errors(list(error.errors), request.path)
    body = {"code": InvalidInput.code, "message": str(InvalidInput.default_message), "errors": errors}
    return api.create_response(request, body, status=422)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    """The framework's own refusals (a body that is not JSON: 400) in the same shape and the caller's language."""
    if error.status_code == 400:  # the same answer as core.malformed's, which sees most such bodies first
        body = {"code": "invalid_json", "message": invalid_json_message()}
    else:
        body = {"code": "bad_request", "message": str(error)}
    return api.create_response(request, body, status=error.status_code)
