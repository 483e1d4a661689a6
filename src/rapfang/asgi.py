"""ASGI entry point (the default server is WSGI; see docs/architecture.md)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rapfang.settings")
application = get_asgi_application()
