"""WSGI entry point for the production server; each process loads what requests need before it takes one.

A request's body is read whole before Django sees it (core.overload.read_body_first), so that a slow upload holds a
thread of the server's, not one of the few requests a process serves at once.

It refuses to load without a shared secret key on a production site or a site on many machines (core.deployment),
whichever server runs it.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rapfang.settings")
django_application = get_wsgi_application()

from rapfang.core.deployment import start_check  # noqa: E402 (needs the settings and apps loaded above)
from rapfang.core.overload import read_body_first  # noqa: E402
from rapfang.core.warmup import process_warm  # noqa: E402

application = read_body_first(django_application)

start_check()
process_warm()
