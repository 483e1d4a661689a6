"""JSON as people can read it: Thai unescaped, datetimes in ISO 8601 with +07:00."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja.renderers import BaseRenderer
from ninja.responses import NinjaJSONEncoder

from rapfang.core.thai import to_bangkok


class BangkokJSONEncoder(NinjaJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, datetime):
            return to_bangkok(o).isoformat()
        return super().default(o)


class ThaiJSONRenderer(BaseRenderer):
    media_type = "application/json"

    def render(self, request: HttpRequest, data: Any, *, response_status: int) -> Any:
        return json.dumps(data, cls=BangkokJSONEncoder, ensure_ascii=False)
