"""The public search's own index on PostgreSQL: one narrow row per searchable object.

modelsearch's index table is wide (two tsvectors and two texts a row) and its queries
test `(title || body) @@ query`, which no index serves: common words took seconds at
40,000 organizations. This table holds, per object, its normalised tokens (GIN-indexed),
its names, and the columns the facets count (district, category, notice kind, year,
star level), so counts, facets and a page of hits are each one query on a narrow table.

Rows are written in the same transaction as the content (search/sync.py), built from the
same documents as the Elasticsearch engine (search/documents.py). On SQLite the table
exists but stays empty: SQLite's FTS5 index (modelsearch) serves that engine.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchEntry(models.Model):
    kind = models.CharField(max_length=12)  # a key of search.kinds.KINDS
    object_id = models.BigIntegerField()
    locale_id = models.IntegerField()
    live = models.BooleanField()
    tokens = SearchVectorField()  # every search field's normalised tokens
    names = SearchVectorField()  # the kind's names (Kind.title_fields), for names first
    district = models.CharField(max_length=12, blank=True)
    category = models.CharField(max_length=40, blank=True)
    notice_kind = models.CharField(max_length=16, blank=True)
    year = models.SmallIntegerField(null=True)
    star = models.SmallIntegerField(null=True)
    sort_date = models.DateField(null=True)  # newest first after names

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="unique_search_entry")
        ]
        indexes = [models.Index(fields=["kind", "locale_id", "live"], name="search_entry_scope")]

    def __str__(self):
        return f"{self.kind} {self.object_id}"
