"""WSGI entry point for the production server; each process loads what requests need before it takes one."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rapfang.settings")
application = get_wsgi_application()

from rapfang.core.warmup import process_warm  # noqa: E402 (needs the settings and apps loaded above)

process_warm()
