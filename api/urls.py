"""The described API's addresses under /api/ (config/urls.py)."""

from api.lessons import router as lessons
from api.listings import router as listings
from api.main import API
from api.questions import router as questions

API.add_router("", lessons)
API.add_router("", listings)
API.add_router("", questions)

patterns, app_name, namespace = API.urls
# Input refused before any view (core.middleware) is refused in JSON here too.
for pattern in patterns:
    pattern.callback.answers_json = True

urlpatterns = [*patterns]
app_name = namespace
