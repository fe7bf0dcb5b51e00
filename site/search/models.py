"""The public search's entries in the database: one narrow row per searchable object.

Both database engines keep their entries here: the kind, the locale and whether the
object is live, the date hits are listed by within a weight, and the facet values
("district=420106", "year=2026": any kind's facets, without a column per facet). Each
engine keeps the tokens where its full-text machinery reads them:

- PostgreSQL: in this row, as token sets (tsvector without positions, GIN-indexed),
  one per weight and up: `tokens` (every field), `tokens_2` … `tokens_5` (the fields
  of that weight or more; `tokens_4` holds the names).
- SQLite: in the FTS5 table `search_entry_text` (rowid = this row's id), one column
  per weight. It is created by migration 0003 on SQLite only, since Django has no
  field for it.

modelsearch's own tables are wide and its PostgreSQL query cannot use an index (common
words took seconds at 40,000 organizations); they still serve the admin search.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchEntry(models.Model):
    kind = models.CharField(max_length=20)  # a key of search.registry.kinds()
    object_id = models.BigIntegerField()
    locale_id = models.IntegerField()
    live = models.BooleanField()
    sort_date = models.DateField(null=True)
    facets = models.JSONField(default=list)  # ["name=value", …]
    tokens = SearchVectorField(null=True)
    tokens_2 = SearchVectorField(null=True)
    tokens_3 = SearchVectorField(null=True)
    tokens_4 = SearchVectorField(null=True)
    tokens_5 = SearchVectorField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="unique_search_entry")
        ]
        indexes = [models.Index(fields=["kind", "locale_id", "live"], name="search_entry_scope")]

    def __str__(self):
        return f"{self.kind} {self.object_id}"
