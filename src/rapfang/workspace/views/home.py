"""The staff home: a staff member's consultations, their figures, and what needs attention."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from rapfang.accounts.permissions import Perm, agencies_where, is_administrator
from rapfang.workspace.selectors import staff_home


@login_required
def home(request: HttpRequest) -> HttpResponse:
    organises = agencies_where(request.user, Perm.ORGANISE)
    context = {
        "blocks": staff_home(actor=request.user),
        "is_administrator": is_administrator(request.user),
        "may_create": organises is None or bool(organises),
    }
    return render(request, "workspace/home.html", context)
