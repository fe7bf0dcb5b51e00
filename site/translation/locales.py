"""Moving between the two scripts' copies of the same content.

Pages and snippets have a zh-hant twin with the same translation_key. Records (funding,
evaluations: their organization and the notice that announced them) and the rows that
link notices and cases to organizations point at the zh-hans source; a zh-hant page
reads them through its source, then shows the zh-hant twins of whatever they point at."""

from functools import cache

from wagtail.models import Locale, Page


@cache
def _default_locale_id():
    return Locale.get_default().pk


def default_locale_id():
    try:
        return _default_locale_id()
    except Locale.DoesNotExist:  # pragma: no cover - an empty database
        _default_locale_id.cache_clear()
        raise


def source_of(page):
    """The zh-hans source of a page (the page itself when it is the source)."""
    if page.locale_id == default_locale_id():
        return page
    source = (
        type(page)
        .objects.filter(translation_key=page.translation_key, locale_id=default_locale_id())
        .first()
    )
    return source or page


def in_locale(objects, locale_id):
    """`objects` (pages of one type) replaced by their twins in `locale_id`, in order;
    an object without a twin stays as it is. One query."""
    objects = list(objects)
    if not objects or all(obj.locale_id == locale_id for obj in objects):
        return objects
    model = type(objects[0])
    if isinstance(objects[0], Page):
        model = objects[0].specific_class or model
    twins = {
        twin.translation_key: twin
        for twin in model.objects.filter(
            locale_id=locale_id, translation_key__in=[obj.translation_key for obj in objects]
        )
    }
    return [twins.get(obj.translation_key, obj) for obj in objects]


def with_display_organizations(records, locale_id):
    """`records` (funding, evaluations: they point at zh-hans organizations) as a list,
    each with `display_organization`, the organization's twin in `locale_id`."""
    records = list(records)
    twins = in_locale([record.organization for record in records], locale_id)
    for record, twin in zip(records, twins, strict=True):
        record.display_organization = twin
    return records


def with_display_notices(records, locale_id):
    """`records` (funding, evaluations: each may point at the zh-hans notice that
    announced it, `notice`) as a list, each with `display_notice`: that notice's twin in
    `locale_id`, or None when it names none or its notice is not live. Two queries at
    most (the notices, then their twins), however many records."""
    records = list(records)
    notice_ids = {record.notice_id for record in records} - {None}
    twins = {}
    if notice_ids:
        notice_model = type(records[0])._meta.get_field("notice").related_model
        notices = list(notice_model.objects.filter(pk__in=notice_ids, live=True))
        twins = {
            notice.pk: twin
            for notice, twin in zip(notices, in_locale(notices, locale_id), strict=True)
        }
    for record in records:
        record.display_notice = twins.get(record.notice_id)
    return records


def linked_organizations(page, links, request):
    """The organizations a page's link rows (NoticeOrganization, CaseOrganization) point
    at, as their twins in the page's locale. A preview's rows are unsaved: no join.
    Rows with the same sort_order (written by code, not the admin's inline panel) keep the
    order they were added in, whatever the database's physical order (a restored backup's
    differs: tests/core/test_backup_restore.py)."""
    if page.pk and not getattr(request, "is_preview", False):
        links = links.select_related("organization").order_by("sort_order", "pk")
    return in_locale([link.organization for link in links], page.locale_id)
