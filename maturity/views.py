from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from maturity.models import Dimension, Framework


def framework_list(request):
    frameworks = Framework.objects.prefetch_related("dimensions")
    return TemplateResponse(request, "maturity/framework_list.html", {"frameworks": frameworks})


def framework_detail(request, slug):
    framework = get_object_or_404(Framework, slug=slug)
    dimensions = framework.dimensions.prefetch_related("levels")
    return TemplateResponse(
        request,
        "maturity/framework_detail.html",
        {"framework": framework, "dimensions": dimensions},
    )


def dimension_detail(request, code):
    dimension = get_object_or_404(Dimension.objects.select_related("framework"), code=code)
    return TemplateResponse(
        request,
        "maturity/dimension_detail.html",
        {"dimension": dimension, "levels": dimension.levels.order_by("number")},
    )
