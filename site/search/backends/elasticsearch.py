"""WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.elasticsearch", ...}}

modelsearch's Elasticsearch 8 backend with the Chinese query rewrite, for Wagtail's own
search (the admin's page, image and document search) when ELASTICSEARCH_URL is set.

Our models index normalised text (search/normalize.py: bigrams, single characters and
Latin words separated by spaces) and the rewrite turns queries into the same tokens, so
Elasticsearch must only split on whitespace: its standard analyser would cut 七宝 into
七 and 宝 and lose the adjacency that keeps 东亭 from matching "东湖…亭台". The
analysis sits directly under `settings`, where modelsearch passes it to
`indices.create`.
"""

from copy import deepcopy

from modelsearch.backends.elasticsearch8 import (
    Elasticsearch8AutocompleteQueryCompiler,
    Elasticsearch8Mapping,
    Elasticsearch8SearchBackend,
    Elasticsearch8SearchQueryCompiler,
)
from modelsearch.utils import deep_update

from .query import ChineseQueryMixin

# Lower-casing is a no-op on normalised tokens; it keeps the search of Wagtail's own
# models (images, documents, users: stock text, stock queries) case-insensitive.
WHITESPACE = {"type": "custom", "tokenizer": "whitespace", "filter": ["lowercase"]}

ANALYSIS = {
    "settings": {
        "analysis": {
            "analyzer": {
                # Every text field without an analyser of its own, at index and query time.
                "default": WHITESPACE,
                "default_search": WHITESPACE,
                # The query side of autocomplete fields (modelsearch names "standard").
                "whitespace_lowercase": WHITESPACE,
                # modelsearch's autocomplete analyser, splitting on whitespace only.
                "edgengram_analyzer": {
                    "type": "custom",
                    "tokenizer": "whitespace",
                    "filter": ["lowercase", "edgengram"],
                },
            },
        },
    },
}


class ChineseMapping(Elasticsearch8Mapping):
    # Redirected rather than redefining the built-in "standard" analyser in the index,
    # which Elasticsearch may refuse one day (elastic/elasticsearch#22263).
    edgengram_analyzer_config = {
        "analyzer": "edgengram_analyzer",
        "search_analyzer": "whitespace_lowercase",
    }


class ChineseSearchQueryCompiler(Elasticsearch8SearchQueryCompiler):
    mapping_class = ChineseMapping
    DEFAULT_OPERATOR = "and"  # every word must match, as with the database backend


class ChineseAutocompleteQueryCompiler(Elasticsearch8AutocompleteQueryCompiler):
    mapping_class = ChineseMapping
    DEFAULT_OPERATOR = "and"


class SearchBackend(ChineseQueryMixin, Elasticsearch8SearchBackend):
    mapping_class = ChineseMapping
    query_compiler_class = ChineseSearchQueryCompiler
    autocomplete_query_compiler_class = ChineseAutocompleteQueryCompiler
    settings = deep_update(deepcopy(Elasticsearch8SearchBackend.settings), ANALYSIS)
