"""Rate limits: fixed-window counters shared by every process and machine (core.hitcounter).

A rule is one or more limits that must all hold, written `300/60,3000/3600`: a burst of 300 a minute within 3,000
an hour. Limits are checked in the order written and counting stops at the first one refused, so a client held
back by the short window does not also use up the long one.

Public writes are limited per address (an IPv6 address by its /64 network, which one subscriber holds), sized for a
crowd behind one address: an office or a mobile carrier's NAT puts hundreds of people behind one. Writes that name
a person are also limited per e-mail address and telephone number, and mail that a public write causes is sent to
one address only so often (`mail_allowed`), so the site cannot be used to flood someone's mailbox. Keys hold a
keyed hash of an e-mail address or telephone number, never the value itself.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import time
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from rapfang.core.errors import RateLimited
from rapfang.core.hitcounter import hit, peek, unhit
from rapfang.core.http import client_ip

TOO_MANY_FOR_IDENTITY = _("Too many requests for this e-mail address or telephone number. Please try again later.")


@dataclass(frozen=True)
class Limit:
    requests: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> Limit:
        """`30/60` is thirty requests a minute."""
        requests, _, seconds = text.strip().partition("/")
        return cls(int(requests), int(seconds or 60))


@dataclass(frozen=True)
class Rule:
    limits: tuple[Limit, ...]

    @classmethod
    def parse(cls, text: str) -> Rule:
        """`300/60,3000/3600`: every limit must hold."""
        return cls(tuple(Limit.parse(part) for part in text.split(",") if part.strip()))


@dataclass(frozen=True)
class Decision:
    allowed: bool
    remaining: int
    retry_after: int
    counted: tuple[str, ...] = ()  # the counters this hit added one to, for `ratelimit_refund`


def ratelimit_hit(*, key: str, limit: Limit | Rule, now: float | None = None) -> Decision:
    """Count one request against `key` and say whether it is within every limit of `limit`."""
    moment = time.time() if now is None else now
    remaining, counted = [], []
    for one in limit.limits if isinstance(limit, Rule) else (limit,):
        window = int(moment // one.seconds)
        counted.append(name := f"rl:{key}:{one.seconds}:{window}")
        count = hit(name, ttl=one.seconds + 1, now=moment)
        if count > one.requests:
            retry_after = int((window + 1) * one.seconds - moment) + 1
            return Decision(allowed=False, remaining=0, retry_after=retry_after, counted=tuple(counted))
        remaining.append(one.requests - count)
    return Decision(allowed=True, remaining=min(remaining, default=0), retry_after=0, counted=tuple(counted))


def ratelimit_refund(counted: tuple[str, ...]) -> None:
    """Take back hits counted for something that, it turned out, did nothing (a submission sent again under its
    idempotency key, whose first copy was stored): `counted` as `Decision.counted` gave them, in the windows they
    were counted in."""
    for name in counted:
        unhit(name)


def ratelimit_peek(*, key: str, limit: Limit | Rule, now: float | None = None) -> Decision:
    """Whether one more hit on `key` would be within `limit`, counting nothing (e.g. failures counted afterwards)."""
    moment = time.time() if now is None else now
    for one in limit.limits if isinstance(limit, Rule) else (limit,):
        window = int(moment // one.seconds)
        if peek(f"rl:{key}:{one.seconds}:{window}") >= one.requests:
            return Decision(allowed=False, remaining=0, retry_after=int((window + 1) * one.seconds - moment) + 1)
    return Decision(allowed=True, remaining=0, retry_after=0)


def rule(name: str) -> Rule:
    """A configured rule by name: `anonymous`, `identity`, `mail` or `lookup` (settings.RATE_LIMIT_<NAME>)."""
    return Rule.parse(getattr(settings, f"RATE_LIMIT_{name.upper()}"))


def address_key(ip: str) -> str:
    """The part of an address that one client holds: an IPv4 address, or an IPv6 address's /64 network."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip[:64] or "unknown"
    if address.version == 6 and address.ipv4_mapped is None:
        return str(ipaddress.IPv6Network((address, 64), strict=False).network_address) + "/64"
    return str(address.ipv4_mapped or address) if address.version == 6 else str(address)


def identity_key(value: str) -> str:
    """A keyed hash of an e-mail address or telephone number: counts the person without storing who it is."""
    digest = hmac.new(settings.SECRET_KEY.encode(), value.strip().lower().encode(), hashlib.sha256)
    return digest.hexdigest()[:24]


def request_limit(request: HttpRequest, scope: str, *, name: str = "anonymous") -> Decision:
    """Count one public request of kind `scope` (registration, comment, flag, receipt) from the caller's address,
    against the rule `name`. The API counts its anonymous writes under the same keys (api.security)."""
    return ratelimit_hit(key=f"{scope}:ip:{address_key(client_ip(request))}", limit=rule(name))


def identity_limit(*, scope: str, identities: list[str]) -> tuple[str, ...]:
    """One public write of kind `scope` naming these e-mail addresses or telephone numbers; RateLimited past it.
    The counters it added one to (`ratelimit_refund`)."""
    counted: tuple[str, ...] = ()
    for value in filter(None, identities):
        decision = ratelimit_hit(key=f"{scope}:id:{identity_key(value)}", limit=rule("identity"))
        if not decision.allowed:
            raise RateLimited(TOO_MANY_FOR_IDENTITY, code="rate_limited_identity", retry_after=decision.retry_after)
        counted += decision.counted
    return counted


def mail_allowed(address: str) -> bool:
    """Whether a message that a public write causes may go to `address` now; counts it when it may."""
    return mail_counted(address).allowed


def mail_counted(address: str) -> Decision:
    """`mail_allowed`, with the counters it added one to (`ratelimit_refund`)."""
    return ratelimit_hit(key=f"mail:{identity_key(address)}", limit=rule("mail"))
