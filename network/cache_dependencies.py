"""What network pages show besides pages, for the cache of whole pages (core/page_cache.py):
people (profiles and their tags; memberships, with their roles, decide who is listed and
whose profile may be seen) and a network's maturity reviews (its trend)."""

from core import page_cache

PEOPLE = "people"  # declared by profile_card.html, bylines, network and profile pages
NETWORK_REVIEWS = "network-reviews"  # declared by network_page.html


def register():
    from network import models  # noqa: PLC0415

    for model in (
        models.Profile,
        models.ProfileSpecialism,
        models.ProfileTopic,
        models.ProfileTraining,
        models.Membership,
    ):
        page_cache.register(model, tags=lambda instance: [PEOPLE])
    for model in (models.NetworkReview, models.ReviewScore, models.OutcomeMeasure):
        page_cache.register(model, tags=lambda instance: [NETWORK_REVIEWS])
