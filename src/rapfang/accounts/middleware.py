"""Staff pages only for sessions that have given the second factor they owe.

A session of a staff member who is enrolled must have given a code; an administrator who must use a second factor
and has not enrolled is sent to enrol first. This holds however the session was opened (the login page, or any
other way of logging in), because it is checked on every staff page, not at login. Public pages are not checked
and never read the session for it.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from rapfang.accounts.login import FACTOR, factor_state

GUARDED = ("/admin/", "/staff/", "/en/admin/", "/en/staff/")


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith(GUARDED) and request.user.is_authenticated:
            state = request.session.get(FACTOR)
            if state is None:
                state = request.session[FACTOR] = factor_state(request.user)
            if state == "pending":
                return redirect(f"{reverse('login_code')}?{urlencode({'next': request.get_full_path()})}")
            if state == "enrol":
                return redirect("two_factor")
        return self.get_response(request)
