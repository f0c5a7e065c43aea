"""WSGI entry point for gunicorn (`suar serve`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "suar.settings")
application = get_wsgi_application()
