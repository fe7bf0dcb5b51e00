"""Which star rating is current: the latest star evaluation whose validity covers the day.

Records belong to the zh-hans source of an organization; its zh-hant twin shares the
translation_key, which is what these lookups match on."""

from django.db.models import Exists, F, OuterRef, Subquery

from core.dates import today

from .models import EvaluationRecord


def valid_star_records(day=None):
    day = day or today()
    return EvaluationRecord.objects.live().filter(
        kind=EvaluationRecord.Kind.STAR, evaluated_on__lte=day, valid_until__gte=day
    )


def current_star_records(day=None):
    """One record per organization: its valid star rating with no newer valid one."""
    day = day or today()
    newer = valid_star_records(day).filter(
        organization_id=OuterRef("organization_id"), evaluated_on__gt=OuterRef("evaluated_on")
    )
    return valid_star_records(day).exclude(Exists(newer))


def current_star_level(day=None):
    """A subquery expression for annotating organizations (either script) with their
    current level."""
    return Subquery(
        valid_star_records(day)
        .filter(organization__translation_key=OuterRef("translation_key"))
        .order_by("-evaluated_on", "-pk")
        .values("star_level")[:1]
    )


def current_ratings_for(organizations, day=None):
    """{translation_key: EvaluationRecord} for a page of organizations of either script,
    in one query. Records point at the zh-hans source, whose zh-hant twin shares the
    translation_key: key by it, so `ratings.get(org.translation_key)` works for both."""
    ratings = {}
    for record in (
        valid_star_records(day)
        .filter(organization__translation_key__in=[org.translation_key for org in organizations])
        .annotate(organization_key=F("organization__translation_key"))
        .order_by("evaluated_on", "pk")
    ):
        # Later records overwrite earlier ones: the newest valid rating is the current one.
        ratings[record.organization_key] = record
    return ratings
