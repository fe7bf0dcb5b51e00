"""What the two database engines share: entries in the SearchEntry table (search/models.py),
written in the content's own transaction, and one way to count, filter, rank and page them.
Each subclass says how its database matches tokens (`match`, `weight`), filters and
counts facet values, and stores the tokens."""

from django.db import connection, transaction
from django.db.models import Case, Count, F, IntegerField, Q, Value, When

from .. import registry
from ..documents import prepare
from ..models import SearchEntry
from ..normalize import query_terms
from ..registry import WEIGHTS
from .base import SearchEngine, everything

LOWEST = min(WEIGHTS)


class TableEngine(SearchEngine):
    writes_in_transaction = True

    # What each database does its own way -----------------------------------------------
    def match(self, terms, weight=LOWEST):
        """A condition on SearchEntry: every term within the fields of `weight` or more."""
        raise NotImplementedError

    def has_facet(self, name, value):
        """A condition on SearchEntry: the entry counts under facet `name` = `value`."""
        raise NotImplementedError

    facet_values_sql = ""  # "SELECT j.value, COUNT(*) FROM ({entries}) e, <e's values> j"

    def facet_counts(self, queryset, name):
        """{value: count} of facet `name` over the entries of `queryset`."""
        sql, params = queryset.order_by().values("id", "facets").query.sql_with_params()
        prefix = f"{name}="
        with connection.cursor() as cursor:
            cursor.execute(
                self.facet_values_sql.format(entries=sql)
                + " WHERE substr(j.value, 1, %s) = %s GROUP BY j.value",
                [*params, len(prefix), prefix],
            )
            return {value[len(prefix) :]: count for value, count in cursor.fetchall()}

    def insert(self, entries):
        """Write new rows for `entries` (prepared Entry objects), tokens included."""
        raise NotImplementedError

    def remove(self, entry_ids):
        """Delete the rows `entry_ids`, tokens included."""
        raise NotImplementedError

    def clear(self):
        raise NotImplementedError

    # Searching ------------------------------------------------------------------------
    def scope(self, kind, request):
        condition = Q(kind=kind.key, locale_id=kind.entry_locale_id(request.locale_id))
        for name, value in request.filters_for(kind):
            condition &= self.has_facet(name, value)
        return condition

    def weight(self, terms):
        """The highest weight whose fields (with the heavier ones) hold every term."""
        return Case(
            *(When(self.match(terms, weight), then=Value(int(weight))) for weight in WEIGHTS[:-1]),
            default=Value(int(LOWEST)),
            output_field=IntegerField(),
        )

    def search(self, request):
        kinds = registry.kinds()
        terms = query_terms(request.query)
        if not terms:
            return self.results(request, dict.fromkeys(kinds, 0), [], {})
        matched = SearchEntry.objects.filter(self.match(terms), live=True)
        scopes = {key: self.scope(kind, request) for key, kind in kinds.items()}
        counts = matched.aggregate(  # every tab's count in one pass over the matches
            **{key: Count("id", filter=scope) for key, scope in scopes.items()}
        )
        active = matched.filter(scopes[request.kind])
        ids = list(
            active.annotate(_weight=self.weight(terms))
            .order_by("-_weight", F("sort_date").desc(nulls_last=True), "-object_id")
            .values_list("object_id", flat=True)[request.offset : request.offset + request.per_page]
        )
        facets = {}
        if counts[request.kind]:
            for facet in registry.get(request.kind).facets:
                facets[facet.name] = self.facet_counts(active, facet.name)
        return self.results(request, counts, ids, facets)

    # Writing --------------------------------------------------------------------------
    def write(self, kind, objects):
        entries = [prepare(kind, obj) for obj in objects]
        if not entries:
            return
        with transaction.atomic():
            self.delete(kind, [entry.object_id for entry in entries])
            self.insert(entries)

    def delete(self, kind, object_ids):
        ids = list(
            SearchEntry.objects.filter(kind=kind.key, object_id__in=list(object_ids)).values_list(
                "id", flat=True
            )
        )
        if ids:
            self.remove(ids)

    def rebuild(self, progress=None):
        self.clear()
        indexed = 0
        for kind, batch in everything(progress):
            self.insert([prepare(kind, obj) for obj in batch])
            indexed += len(batch)
        self.analyze()
        return indexed

    def analyze(self):
        """Fresh statistics for the planner after a bulk write."""
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {SearchEntry._meta.db_table}")
