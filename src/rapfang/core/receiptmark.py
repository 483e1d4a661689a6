"""The receipt page that follows a sending says "received" once: the redirect to it carries a signed mark naming the
receipt, valid for an hour; the same page opened later from the number alone is a plain lookup (and a guessed
"?new=1" marks nothing)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core import signing
from django.http import HttpRequest, HttpResponseRedirect

MARK_SECONDS = 3600


def receipt_redirect(url: str, receipt: str, *, salt: str, anchor: str) -> HttpResponseRedirect:
    """To the receipt page at `url`, marked as following the sending of `receipt`, scrolled to `anchor`."""
    return HttpResponseRedirect(f"{url}?{urlencode({'new': signing.dumps(receipt, salt=salt)})}#{anchor}")


def follows_sending(request: HttpRequest, receipt: str, *, salt: str) -> bool:
    """Whether `request` carries the mark that `receipt_redirect` gave for `receipt` (under the same salt)."""
    try:
        return signing.loads(request.GET.get("new", ""), salt=salt, max_age=MARK_SECONDS) == receipt
    except signing.BadSignature:
        return False
