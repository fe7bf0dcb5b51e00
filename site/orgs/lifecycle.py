"""An organization's status follows its notices.

| notice | from its first day | from the day after its last |
|---|---|---|
| 备案公示 filing | 活动中; a 街道备案 organization takes the notice's first day as its filing date and its 文号 (when it has one) as its filing number | — |
| 变更公示 change | kept in the history with what changed; the status stays | — |
| 终止公示 exit | 退出公示中 | 已终止 (已注销 for a 依法登记 organization: its registration is cancelled) |
| 撤销备案公示 revocation | 退出公示中 | 已撤销备案 |

Each step is an `OrganizationStatusChange` row of the zh-hans organization, with its day
and its notice. A notice's rows are written when it is published (and rewritten when it
is published again, or removed when it is withdrawn) by the publish pipeline's content
effects (`register()`, called by OrgsConfig.ready()). An organization's first row is the
status it had when it was entered (the admin's default 活动中, or what an import gave
it): that is what it falls back to when its notices are withdrawn.

The status on a day is the last row with a status whose day has come. The organization
(both scripts' pages) stores it; rows whose day has not come yet are applied by
`manage.py advance_lifecycle` (hourly), and until then pages derive them on view
(`pending_statuses`, one query on a partial index, usually empty), so nothing readers see
is stale between runs.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Case, F, Q, Value, When

from core.dates import today
from core.scripts import convert
from disclosure.models import NoticePage
from translation.locales import default_locale_id, source_of, with_display_notices

from .models import OrganizationPage, OrganizationStatusChange

Status = OrganizationPage.Status
Cause = OrganizationStatusChange.Cause
Kind = NoticePage.Kind
LIFECYCLE_KINDS = (Kind.FILING, Kind.CHANGE, Kind.EXIT, Kind.REVOCATION)


# What a notice means (no database) ----------------------------------------------------
def planned_changes(notice, organization):
    """The rows (unsaved) that `notice` writes for `organization`, one of those it concerns."""
    kind = notice.kind
    if kind not in LIFECYCLE_KINDS or not notice.starts_on or not notice.ends_on:
        return []
    after = notice.ends_on + datetime.timedelta(days=1)

    def row(status, day, **fields):
        return OrganizationStatusChange(
            organization=organization,
            notice=notice,
            cause=kind,
            status=status,
            effective_on=day,
            **fields,
        )

    if kind == Kind.FILING:
        number = ""
        if organization.management == OrganizationPage.Management.FILED:
            number = notice.reference_number.strip()
        return [row(Status.ACTIVE, notice.starts_on, filing_number=number)]
    if kind == Kind.CHANGE:
        return [row("", notice.starts_on, note=what_changed(notice.title, organization.title))]
    if kind == Kind.EXIT:
        ended = (
            Status.DEREGISTERED
            if organization.management == OrganizationPage.Management.REGISTERED
            else Status.EXITED
        )
        return [row(Status.EXITING, notice.starts_on), row(ended, after)]
    return [row(Status.EXITING, notice.starts_on), row(Status.REVOKED, after)]


def what_changed(title, organization_title):
    """What a change notice changed, from its title: "关于东亭社区七宝巡逻队负责人变更的公示"
    → "负责人变更". The title itself when it is not of that shape."""
    text = title.strip()
    text = text.removeprefix("关于")
    for ending in ("的公示", "的公告"):
        text = text.removesuffix(ending)
    text = text.replace(organization_title, "", 1).strip('“”"「」 ')
    return (text or title)[:200]


def _order(change):
    return (
        change.effective_on is not None,
        change.effective_on or datetime.date.min,
        change.pk or 0,
    )


def deciding_change(changes, day):
    """Of one organization's rows, the one that decides its status on `day` (the last with
    a status whose day has come), or None."""
    current = None
    for change in sorted(changes, key=_order):
        if change.status and (change.effective_on is None or change.effective_on <= day):
            current = change
    return current


def filing_change(changes, day):
    """The filing notice's row that gives the filing number and date on `day`, or None."""
    current = None
    for change in sorted(changes, key=_order):
        if change.cause == Cause.FILING and change.effective_on <= day:
            current = change
    return current


# Writing the rows and applying them -----------------------------------------------------
def _changes_of(organization_ids):
    by_organization = defaultdict(list)
    for change in OrganizationStatusChange.objects.filter(organization_id__in=organization_ids):
        by_organization[change.organization_id].append(change)
    return by_organization


def ensure_entered(organizations):
    """Give the organizations that have no history yet their first row: the status they
    have now, as entered."""
    organizations = [org for org in organizations if org.pk]
    known = set(
        OrganizationStatusChange.objects.filter(organization__in=organizations)
        .values_list("organization_id", flat=True)
        .distinct()
    )
    OrganizationStatusChange.objects.bulk_create(
        [
            OrganizationStatusChange(
                organization=org, cause=Cause.ENTERED, status=org.status, applied=True
            )
            for org in organizations
            if org.pk not in known
        ]
    )


@dataclass
class Applied:
    """A page whose stored lifecycle fields were brought up to date."""

    page: OrganizationPage
    before: dict
    after: dict


def apply(organization_ids, day=None):
    """Store on the organizations (`organization_ids`: zh-hans) and their twins what their
    rows decide on `day`: the status, and a 街道备案 organization's filing number and
    date. Marks the rows whose day has come as applied. Returns what changed."""
    day = day or today()
    organization_ids = set(organization_ids)
    if not organization_ids:
        return []
    changes = _changes_of(organization_ids)
    sources = OrganizationPage.objects.filter(
        pk__in=organization_ids, locale_id=default_locale_id()
    )
    wanted = {}
    for source in sources.only("pk", "translation_key", "status", "management", "filing_number"):
        values = {}
        deciding = deciding_change(changes[source.pk], day)
        if deciding is not None:
            values["status"] = deciding.status
        filing = filing_change(changes[source.pk], day)
        if filing is not None and source.management == OrganizationPage.Management.FILED:
            values["filed_on"] = filing.effective_on
            if filing.filing_number:
                values["filing_number"] = filing.filing_number
        wanted[source.translation_key] = values
    applied = []
    pages = OrganizationPage.objects.filter(translation_key__in=wanted).only(
        "pk", "translation_key", "locale_id", "title", "status", "filing_number", "filed_on"
    )
    for page in pages:
        values = dict(wanted[page.translation_key])
        if "filing_number" in values and page.locale_id != default_locale_id():
            values["filing_number"] = convert(values["filing_number"])  # as the sync does
        updates = {name: value for name, value in values.items() if getattr(page, name) != value}
        if updates:
            before = {name: getattr(page, name) for name in updates}
            OrganizationPage.objects.filter(pk=page.pk).update(**updates)
            for name, value in updates.items():
                setattr(page, name, value)
            applied.append(Applied(page, before, updates))
    OrganizationStatusChange.objects.filter(
        organization_id__in=organization_ids, applied=False, effective_on__lte=day
    ).update(applied=True)
    return applied


def advance(day=None):
    """Apply every row whose day has come (`manage.py advance_lifecycle`). Idempotent."""
    day = day or today()
    due = OrganizationStatusChange.objects.filter(applied=False, effective_on__lte=day)
    return apply(set(due.values_list("organization_id", flat=True)), day)


def rebuild(day=None):
    """Write the rows of every published zh-hans notice of a lifecycle kind, then apply
    them (`advance_lifecycle --rebuild`: a database from before the lifecycle, or repairs)."""
    notices = NoticePage.objects.live().filter(
        locale_id=default_locale_id(), kind__in=LIFECYCLE_KINDS
    )
    touched = set()
    for notice in notices.iterator():
        touched |= write_notice_changes(notice)
    return apply(touched, day) + advance(day)


def write_notice_changes(notice, withdrawn=False):
    """Make `notice`'s rows what it says now (none when it is withdrawn or of another kind);
    rows that stay the same are kept. Returns the organizations whose rows changed."""
    organization_ids = set()
    wanted = []
    if not withdrawn and notice.live:
        concerned = list(
            OrganizationPage.objects.filter(
                notice_links__notice=notice, locale_id=default_locale_id()
            )
        )
        for org in concerned:
            wanted.extend(planned_changes(notice, org))
        if wanted:
            ensure_entered(concerned)

    def key(change):
        return (
            change.organization_id,
            change.cause,
            change.status,
            change.effective_on,
            change.filing_number,
            change.note,
        )

    existing = list(OrganizationStatusChange.objects.filter(notice=notice))
    wanted_keys = {key(change) for change in wanted}
    existing_keys = {key(change) for change in existing}
    stale = [change for change in existing if key(change) not in wanted_keys]
    new = [change for change in wanted if key(change) not in existing_keys]
    if stale:
        OrganizationStatusChange.objects.filter(pk__in=[c.pk for c in stale]).delete()
    OrganizationStatusChange.objects.bulk_create(new)
    organization_ids.update(change.organization_id for change in stale + new)
    return organization_ids


# The publish pipeline's effects (publishing/pipeline.py, step 2) -------------------------
def notice_published(notice):
    """A notice published: its organizations' rows, applied at once where their day has
    come. Twins carry copies of the link rows: only the zh-hans notice counts."""
    if notice.locale_id != default_locale_id():
        return []
    return [applied.page for applied in apply(write_notice_changes(notice))]


def notice_unpublished(notice):
    """A notice withdrawn (or deleted): its rows go, and its organizations fall back on
    what their other rows decide."""
    if notice.locale_id != default_locale_id():
        return []
    return [applied.page for applied in apply(write_notice_changes(notice, withdrawn=True))]


def organization_published(page):
    """An organization published: its status is not the editor's to set (the form does
    not offer it), but the revision published carries the value it was saved with, which
    a notice may have changed since. Put back what its rows decide, in both scripts. A
    new organization gets its first row (its status as entered)."""
    source = source_of(page)
    if source.locale_id != default_locale_id():
        return []
    ensure_entered([source])
    return [applied.page for applied in apply([source.pk]) if applied.page.pk != page.pk]


def register():
    from publishing.pipeline import PUBLISHED, UNPUBLISHED, register_effect

    register_effect(PUBLISHED, NoticePage, notice_published)
    register_effect(UNPUBLISHED, NoticePage, notice_unpublished)
    register_effect(PUBLISHED, OrganizationPage, organization_published)


# Reading: the status today, derived on view -----------------------------------------------
def pending_statuses(day=None):
    """{translation_key: status} of the organizations whose status on `day` is not the one
    stored, because rows have come due since `advance_lifecycle` last ran. One query on a
    partial index (usually nothing), and one more when something is pending."""
    day = day or today()
    organization_ids = set(
        OrganizationStatusChange.objects.filter(applied=False, effective_on__lte=day).values_list(
            "organization_id", flat=True
        )
    )
    if not organization_ids:
        return {}
    changes = _changes_of(organization_ids)
    pending = {}
    for org in OrganizationPage.objects.filter(pk__in=organization_ids).only(
        "pk", "translation_key", "status"
    ):
        deciding = deciding_change(changes[org.pk], day)
        if deciding is not None and deciding.status != org.status:
            pending[org.translation_key] = deciding.status
    return pending


def filter_status(queryset, status, pending=None):
    """The organizations of `queryset` (either script) whose status today is `status`."""
    pending = pending_statuses() if pending is None else pending
    if not pending:
        return queryset.filter(status=status)
    now = [key for key, value in pending.items() if value == status]
    return queryset.filter(
        (Q(status=status) & ~Q(translation_key__in=list(pending))) | Q(translation_key__in=now)
    )


def current_status_expression(pending=None):
    """The status today as an SQL expression (for an annotation): the stored one, but for
    the few organizations with pending rows."""
    pending = pending_statuses() if pending is None else pending
    if not pending:
        return F("status")
    by_status = defaultdict(list)
    for key, status in pending.items():
        by_status[status].append(key)
    return Case(
        *[When(translation_key__in=keys, then=Value(status)) for status, keys in by_status.items()],
        default=F("status"),
    )


def show_current_status(organizations, pending=None):
    """Set each organization's `status` (pages of either script) to its status today."""
    organizations = list(organizations)
    pending = pending_statuses() if pending is None else pending
    for org in organizations:
        if org is not None and org.translation_key in pending:
            org.status = pending[org.translation_key]
    return organizations


@dataclass
class Lifecycle:
    """An organization's status today and where it comes from, with its history."""

    status: str
    deciding: OrganizationStatusChange | None  # None: no history yet (the stored status)
    history: list  # the rows whose day has come, newest first, with `display_notice`

    @property
    def status_label(self):
        return Status(self.status).label

    @property
    def notice(self):
        """The notice (zh-hans) that decided the status, if one did."""
        return self.deciding.notice if self.deciding is not None else None


def lifecycle_of(page, day=None, locale_id=None):
    """The lifecycle of `page` (either script) on `day`; notices in `locale_id`'s script."""
    day = day or today()
    source = source_of(page)
    changes = list(
        OrganizationStatusChange.objects.filter(organization_id=source.pk).select_related("notice")
    )
    deciding = deciding_change(changes, day)
    due = [
        change for change in changes if change.effective_on is None or change.effective_on <= day
    ]
    history = with_display_notices(
        sorted(due, key=_order, reverse=True), locale_id or page.locale_id
    )
    return Lifecycle(
        status=deciding.status if deciding is not None else page.status,
        deciding=deciding,
        history=history,
    )


def decided_filing(page, day=None):
    """The filing notice's row that decides a 街道备案 organization's filing number and date
    (so the admin form does not offer them), or None."""
    if page.management != OrganizationPage.Management.FILED:
        return None
    source = source_of(page)
    changes = OrganizationStatusChange.objects.filter(
        organization_id=source.pk, cause=Cause.FILING
    ).select_related("notice")
    return filing_change(list(changes), day or today())
