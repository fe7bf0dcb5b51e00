"""Public corrections: nothing published changes silently (docs/corrections.md).

What readers saw is the object's row in the database: a page's row holds its live
content (a draft is a revision), and so does a record's. When a tracked object is
written, the publish pipeline first reads the tracked fields of that row
(`remember_live_values`, on pre_save); once the write is published and the apps' effects
have run, it reads them again and writes one `Correction` for each field whose displayed
text changed, with the editor's reason (`record`), then clears the pending reason. The
same function serves a page's publish, a record's save (a record has no drafts today)
and the publish of a record with draft state: each of them writes the row.

The admin forms require the reason (`changed_fields`, publishing.forms) when a tracked
field of a live object differs from its live value. Only zh-hans sources are tracked;
their zh-hant twins show their source's corrections."""

import difflib
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import groupby

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import override

from wagtail.fields import StreamField

from .models import Correctable, Correction

LONG_TEXT = 120  # longer texts (a notice's body) are shown as their changed passages
CONTEXT = 12  # characters of unchanged text on each side of a changed passage
EMPTY = "—"


def tracked_fields(model):
    """[(name, label)] of the fields of `model` whose published changes are corrections."""
    result = []
    for entry in getattr(model, "correction_fields", ()):
        name, label = entry if isinstance(entry, tuple) else (entry, None)
        if label is None:
            label = str(model._meta.get_field(name.split(".")[0]).verbose_name)
            if "." in name:
                relation, attribute = name.split(".", 1)
                related = model._meta.get_field(relation).related_model
                label = str(related._meta.get_field(attribute).verbose_name)
        result.append((name, label))
    return result


def tracked_models():
    """The project's models with tracked fields."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Correctable) and getattr(model, "correction_fields", ())
    ]


def is_tracked(instance):
    return isinstance(instance, Correctable) and bool(type(instance).correction_fields)


def is_source(instance):
    """A zh-hans page or a record (records have no twins)."""
    locale_id = getattr(instance, "locale_id", None)
    if locale_id is None:
        return True
    from translation.locales import default_locale_id

    return locale_id == default_locale_id()


def field_text(instance, name, related=None):
    """The value of `name` on `instance` as readers see it, in simplified script. For
    "relation.field", `related` may give the related objects (a form's rows)."""
    model = type(instance)
    if "." in name:
        relation, attribute = name.split(".", 1)
        if related is None:
            related = [getattr(row, attribute) for row in getattr(instance, relation).all()]
        return "、".join(sorted(str(obj) for obj in related if obj is not None))
    model_field = model._meta.get_field(name)
    value = getattr(instance, model_field.attname)
    if value is None or value == "":
        return ""
    with override("zh-hans"):
        if model_field.choices:
            return str(dict(model_field.flatchoices).get(value, value))
        if model_field.is_relation:
            return str(getattr(instance, name))
        if isinstance(model_field, StreamField):
            return "\n".join(
                text for text in model_field.get_searchable_content(value) if str(text).strip()
            )
        if isinstance(value, Decimal):
            places = model_field.decimal_places or 0
            return f"{value:,.{places}f}"
        if hasattr(value, "isoformat"):
            return value.isoformat()
        return str(value).strip()


def values_of(instance, related=None):
    """{name: displayed text} of the tracked fields of `instance`; `related` overrides
    the rows of child relations ({name: [objects]})."""
    related = related or {}
    return {
        name: field_text(instance, name, related.get(name))
        for name, _label in tracked_fields(type(instance))
    }


def live_values(instance):
    """The tracked values readers see now (the object's row), or None when readers see
    nothing of it: a new object, a page never published or withdrawn, a zh-hant twin."""
    if not is_tracked(instance) or instance.pk is None or not is_source(instance):
        return None
    model = type(instance)
    row = model._default_manager.filter(pk=instance.pk).first()
    if row is None or not getattr(row, "live", True):
        return None
    return values_of(row)


def changed_fields(before, after, model):
    """[(name, label)] of the tracked fields whose text differs."""
    if before is None:
        return []
    return [
        (name, label)
        for name, label in tracked_fields(model)
        if before.get(name, "") != after.get(name, "")
    ]


# The pipeline's step (publishing.pipeline) ---------------------------------------------
LIVE_BEFORE = "_corrections_live_before"


def remember_live_values(instance, update_fields=None):
    """Before `instance` is written (pre_save): what readers see now. A write of other
    fields only (a draft's revision pointers) cannot change them."""
    if not is_tracked(instance):
        return
    if update_fields is not None:
        names = {name.split(".")[0] for name, _label in tracked_fields(type(instance))}
        if not names.intersection(update_fields):
            return
    before = live_values(instance)
    if before is not None:
        setattr(instance, LIVE_BEFORE, before)


def record(instance, when=None):
    """After `instance` was published (a page's publish, a record's save or publish) and
    the apps' effects ran: a Correction for each tracked field that readers now see
    differently, with the pending reason, which is then cleared. The live row is read
    again: an effect may have put a value back (an organization's filing follows its
    notice). Returns the corrections written."""
    before = getattr(instance, LIVE_BEFORE, None)
    if before is None:
        return []
    delattr(instance, LIVE_BEFORE)
    model = type(instance)
    row = model._default_manager.filter(pk=instance.pk).first()
    if row is None:
        return []
    after = values_of(row)
    reason = (instance.correction_reason or "").strip()
    when = when or timezone.now()
    content_type = ContentType.objects.get_for_model(model)
    corrections = [
        Correction(
            content_type=content_type,
            object_id=instance.pk,
            corrected_at=when,
            field=name,
            label=label,
            before=before.get(name, ""),
            after=after.get(name, ""),
            reason=reason,
        )
        for name, label in changed_fields(before, after, model)
    ]
    Correction.objects.bulk_create(corrections)
    if row.correction_reason:
        # The reason belongs to this publish; the next change needs its own.
        model._default_manager.filter(pk=instance.pk).update(correction_reason="")
    instance.correction_reason = ""
    return corrections


# Reading the history ------------------------------------------------------------------
@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class CorrectionGroup:
    """The corrections of one publish: when, why, and each field before → after."""

    corrected_at: object
    reason: str
    changes: list = field(default_factory=list)


def shortened(before, after):
    """Long texts (a notice's body) as the passages that changed, with a little context."""
    if len(before) <= LONG_TEXT and len(after) <= LONG_TEXT:
        return before, after
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    old, new = [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        start_old, start_new = max(0, i1 - CONTEXT), max(0, j1 - CONTEXT)
        old.append(_passage(before, start_old, i2 + CONTEXT))
        new.append(_passage(after, start_new, j2 + CONTEXT))
    return " ".join(old), " ".join(new)


def _passage(text, start, end):
    piece = text[start:end]
    return f"{'…' if start > 0 else ''}{piece}{'…' if end < len(text) else ''}"


def groups(corrections):
    """Corrections (newest first) as one CorrectionGroup per publish."""
    result = []
    key = lambda row: (row.corrected_at, row.reason)  # noqa: E731
    for (corrected_at, reason), rows in groupby(corrections, key=key):
        group = CorrectionGroup(corrected_at, reason)
        for row in sorted(rows, key=lambda row: row.pk):
            before, after = shortened(row.before, row.after)
            group.changes.append(Change(row.label, before or EMPTY, after or EMPTY))
        result.append(group)
    return result


def with_corrections(*object_lists, page=None):
    """Each object of the lists (records, zh-hans pages) gets `correction_history`: its
    CorrectionGroups, newest first; so does `page`, a page in either script (a zh-hant
    twin shows its zh-hans source's). One query for all of them."""
    objects = [obj for objects in object_lists for obj in objects if obj is not None]
    for obj in [*objects, page]:
        if obj is not None:
            obj.correction_history = []
    by_type = {}
    for obj in objects:
        by_type.setdefault(type(obj), set()).add(obj.pk)
    condition = Q()
    for model, pks in by_type.items():
        condition |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=pks)
    page_type = None
    if page is not None and page.pk is not None:
        page_type = ContentType.objects.get_for_model(type(page))
        condition |= Q(content_type=page_type, object_id__in=source_ids(page))
    if not condition:
        return
    rows = {}
    found = Correction.objects.filter(condition).order_by("-corrected_at", "reason", "pk")
    for row in found:
        rows.setdefault((row.content_type_id, row.object_id), []).append(row)
    for obj in objects:
        content_type = ContentType.objects.get_for_model(type(obj))
        obj.correction_history = groups(rows.get((content_type.pk, obj.pk), []))
    if page_type is not None:
        # The page's own rows: its pk, or its source's when it is a twin.
        page.correction_history = groups(
            [
                row
                for (type_id, _pk), found in rows.items()
                if type_id == page_type.pk
                for row in found
            ]
        )


def source_ids(page):
    """The pk of the zh-hans source of `page`, as a list or a subquery."""
    if is_source(page):
        return [page.pk]
    from translation.locales import default_locale_id

    return (
        type(page)
        ._default_manager.filter(
            translation_key=page.translation_key, locale_id=default_locale_id()
        )
        .values("pk")
    )


def corrections_of(obj):
    """The Corrections of one object, newest first (a queryset)."""
    if obj is None or obj.pk is None:
        return Correction.objects.none()
    return Correction.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk
    ).order_by("-corrected_at", "reason", "pk")


def summary(corrections):
    """The corrections of one object as one line of text (an export's column):
    "2026-11-30 金额（元）：12,000.00 → 15,000.00（说明：…）；…", newest first."""
    parts = []
    for group in groups(corrections):
        day = timezone.localdate(group.corrected_at).isoformat()
        changes = "，".join(f"{c.label}：{c.before} → {c.after}" for c in group.changes)
        reason = f"（说明：{group.reason}）" if group.reason else ""
        parts.append(f"{day} {changes}{reason}")
    return "；".join(parts)
