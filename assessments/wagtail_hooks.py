"""Site editors open submission rounds and define the statistics' key metrics, under Settings.
Who may is the permission policy registered for each model in apps.py (site editors only)."""

from django.contrib.auth.models import Permission

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from assessments.models import Metric, Round


class SiteEditorsOnly:
    copy_view_enabled = False
    add_to_settings_menu = True

    def get_permissions_to_register(self):
        return Permission.objects.none()


class RoundViewSet(SiteEditorsOnly, ModelViewSet):
    model = Round
    icon = "date"
    menu_label = "Submission rounds"
    form_fields = ["title", "kind", "framework", "metrics", "opens_on", "closes_on"]
    list_display = ["title", "kind", "opens_on", "closes_on", "closed_at"]
    list_filter = ["kind"]


class MetricViewSet(SiteEditorsOnly, ModelViewSet):
    model = Metric
    icon = "table"
    menu_label = "Statistics metrics"
    form_fields = ["name", "description", "per_thousand_workforce", "sort_order"]
    list_display = ["name", "per_thousand_workforce", "sort_order"]


@hooks.register("register_admin_viewset")
def register_round_viewset():
    return RoundViewSet("submission_rounds")


@hooks.register("register_admin_viewset")
def register_metric_viewset():
    return MetricViewSet("statistics_metrics")
