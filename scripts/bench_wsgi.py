"""The site with one more URL, /_bench/bare/: a Django view that does nothing, behind the same
middleware, for `manage.py bench_pages` to compare pages with. Only the bench serves it
(`gunicorn --pythonpath scripts bench_wsgi:application`); it reads the site's URLs from the
checkout gunicorn runs in, so it serves an older commit (`--against`) just as well.
"""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import include, path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
application = get_wsgi_application()


def bare(request):
    return HttpResponse("bare", content_type="text/plain")


urlpatterns = [path("_bench/bare/", bare), path("", include("config.urls"))]
settings.ROOT_URLCONF = __name__
