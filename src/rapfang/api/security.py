"""Who is calling the API, and whether they may call again now.

Anonymous clients are limited per address (RATE_LIMIT_ANONYMOUS), on the same count as the site's forms for the same
kind of write; clients sending `X-API-Key` are limited per key (the key's own figure, or RATE_LIMIT_API_KEY).
Endpoints that accept writes call `api_rate_limit`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest

from rapfang.accounts.models import ApiKey
from rapfang.accounts.selectors import apikey_get_active
from rapfang.accounts.services import apikey_hash
from rapfang.core.errors import RateLimited, Unauthorised
from rapfang.core.http import client_ip
from rapfang.core.ratelimit import Limit, Rule, address_key, ratelimit_hit, rule


@dataclass(frozen=True)
class ApiClient:
    key: ApiKey | None
    ip: str

    @property
    def limit(self) -> Limit | Rule:
        if self.key is None:
            return rule("anonymous")
        if self.key.requests_per_minute:
            return Limit(self.key.requests_per_minute, 60)
        return Rule.parse(settings.RATE_LIMIT_API_KEY)

    @property
    def identity(self) -> str:
        return f"key:{self.key.pk}" if self.key else f"ip:{address_key(self.ip)}"


def api_client(request: HttpRequest) -> ApiClient:
    """The caller; a key that is sent must be valid (401 otherwise)."""
    raw_key = request.headers.get("X-API-Key", "").strip()
    if not raw_key:
        return ApiClient(key=None, ip=client_ip(request))
    key = apikey_get_active(key_hash=apikey_hash(raw_key))
    if key is None:
        raise Unauthorised()
    return ApiClient(key=key, ip=client_ip(request))


def api_rate_limit(request: HttpRequest, scope: str) -> ApiClient:
    """Count this request in `scope` (e.g. "registration"); raise RateLimited (429) past the limit."""
    client = api_client(request)
    decision = ratelimit_hit(key=f"{scope}:{client.identity}", limit=client.limit)
    if not decision.allowed:
        raise RateLimited(retry_after=decision.retry_after)
    return client
