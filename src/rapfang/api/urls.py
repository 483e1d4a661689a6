"""The API under /api/v1/: one router per part of the product."""

from __future__ import annotations

from ninja import NinjaAPI

from rapfang.api.consultations import router as consultations_router
from rapfang.api.rendering import ThaiJSONRenderer

api = NinjaAPI(
    title="rapfang API",
    version="1",
    description="Public hearings on draft plans and laws: consultations, their timelines, documents and events.",
    renderer=ThaiJSONRenderer(),
    urls_namespace="api",
)
api.add_router("/", consultations_router)
