"""The API's documentation page: Swagger UI from our own static files (`static/vendor/swagger-ui`), no CDN, no
inline script, so that it works offline and under the site's Content-Security-Policy.

django-ninja serves its own copy only when `ninja` is an installed app, which would also collect its source maps
and ReDoc (some 8 MB, a minute of compression at every `collectstatic`); otherwise it loads Swagger UI from a CDN.
This page is ninja's Swagger page with our template.
"""

from __future__ import annotations

from pathlib import Path

from ninja.openapi.docs import Swagger

TEMPLATE = Path(__file__).resolve().parent / "templates" / "api" / "swagger.html"


class OwnSwagger(Swagger):
    template_cdn = str(TEMPLATE)
