"""The API object and its OpenAPI description, kept true to what the API answers.

Every operation that reads parameters or a body may answer 422 with the fields' errors and 400 when a value holds a
character no text may hold (core.malformed) or the body is not JSON, and any 414 when its address is longer than the
web server reads. Writes take an optional API key (`X-API-Key`): without one a client is limited per address, with
one per key, and a key that is sent must be valid (401). Any operation may answer 503 `overloaded` with
`Retry-After` when the server is receiving more requests than it can answer promptly (core.overload).
"""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

API_KEY = {
    "type": "apiKey",
    "in": "header",
    "name": "X-API-Key",
    "description": "Optional. Issued by the site's administrators (`rapfang apikey create`); raises the rate limit "
    "of writes. Without a key, writes are limited per client address.",
}
OVERLOADED = (
    "The server is receiving more requests than it can answer promptly (`overloaded`): nothing was done. Send the "
    "request again after the number of seconds in `Retry-After` (with the same `Idempotency-Key` for a comment). "
    "A refused submission's answer also carries an `Arrival-Token` header: sent again with it, unchanged, the "
    "submission is judged on the moment it first arrived (a comment sent before the close stays in time)."
)
ERROR = {"$ref": "#/components/schemas/ErrorOut"}
INVALID = {"$ref": "#/components/schemas/InvalidOut"}


def _answer(description: str, schema: dict[str, str]) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _complete(operation: dict[str, Any], method: str) -> None:
    # ninja keys the declared answers by number; JSON would then carry "422" twice (a parser error in Swagger UI)
    responses = operation["responses"] = {str(code): answer for code, answer in operation.get("responses", {}).items()}
    responses.setdefault("414", {"description": "The address is longer than the web server reads (a few KB)."})
    responses.setdefault("503", _answer(OVERLOADED, ERROR))
    if operation.get("parameters") or operation.get("requestBody"):
        responses.setdefault("422", _answer("A parameter or a field is not valid: the errors per field.", INVALID))
        refused = "A value holds a character no text may hold (NUL, a broken Unicode character)"
        responses.setdefault(
            "400", _answer(refused + (", or the body is not JSON." if operation.get("requestBody") else "."), ERROR)
        )
    if method == "post":
        operation["security"] = [{}, {"ApiKey": []}]  # anonymous, or with a key
        responses.setdefault("401", _answer("The API key sent is not valid.", ERROR))


class RapfangAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: Any = None) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema["components"].setdefault("securitySchemes", {})["ApiKey"] = API_KEY
        for item in schema["paths"].values():
            for method, operation in item.items():
                _complete(operation, method)
        return schema
