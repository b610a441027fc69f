"""The described API (shared/contracts/README.md, contract 3): one django-ninja API at /api/,
its OpenAPI document at /api/openapi.json and interactive docs at /api/docs/ (Swagger UI from
the files django-ninja ships, served as our static files: no CDN).

Bad input is answered as the contract says, HTTP 400 with `{"errors": {"param": ["message"]}}`,
never django-ninja's 422. Every operation is held by the shared rate limit "api"
(core.ratelimits.limited_json: one count over all of them, callers who are not signed in
counted by address); signed-in use is by session, each caller seeing what the read rules let
them see."""

from django.http import JsonResponse

from ninja import NinjaAPI
from ninja.errors import ValidationError

API = NinjaAPI(
    title="Knowledge Mobilisation Network API",
    version="1",
    description=(
        "Lessons learned, case studies and reviews shared by NHS knowledge mobilisation "
        "networks. Anonymous callers see public, published content only; a signed-in "
        "member (by session) also sees their networks' members-only lessons. Bad parameters "
        'get HTTP 400 with {"errors": {"param": ["message"]}}.'
    ),
    urls_namespace="api",
    docs_url="/docs/",
)


@API.exception_handler(ValidationError)
def _bad_request(request, error):
    """Whatever django-ninja itself refuses, in the contract's shape."""
    errors = {}
    for problem in error.errors:
        param = str(problem.get("loc", ["request"])[-1])
        errors.setdefault(param, []).append(problem.get("msg", "This value is not valid."))
    return bad_request(errors)


def bad_request(errors):
    return JsonResponse({"errors": errors}, status=400)
