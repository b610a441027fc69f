"""The described API's addresses under /api/ (config/urls.py)."""

from api.lessons import router as lessons
from api.main import API

API.add_router("", lessons)

patterns, app_name, namespace = API.urls
# Input refused before any view (core.middleware) is refused in JSON here too.
for pattern in patterns:
    pattern.callback.answers_json = True

urlpatterns = [*patterns]
app_name = namespace
