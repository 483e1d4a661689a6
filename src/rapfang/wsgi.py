"""WSGI entry point for the production server; each process loads what requests need before it takes one.

It refuses to load without a shared secret key on a production site or a site on many machines (core.deployment),
whichever server runs it.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rapfang.settings")
application = get_wsgi_application()

from rapfang.core.deployment import start_check  # noqa: E402 (needs the settings and apps loaded above)
from rapfang.core.warmup import process_warm  # noqa: E402

start_check()
process_warm()
