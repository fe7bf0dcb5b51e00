"""How each database engine writes a query for its full-text machinery (pure functions;
the relevance suite runs them against the demo content on its database)."""

from search.engines.postgresql import token_set, tsquery
from search.engines.sqlite import fts_query
from search.normalize import index_text, query_terms
from search.registry import Weight


def test_token_set_keeps_bigrams_words_and_run_final_characters():
    tokens = token_set(index_text("七宝巡逻队 tel 027 巡"))
    assert "七宝" in tokens and "逻队" in tokens and "tel" in tokens and "027" in tokens
    assert "队" in tokens  # ends its run: no bigram starts with it
    assert "七" not in tokens  # 七宝 starts with it: found by the prefix 七:*
    assert tokens == sorted(set(tokens))


def text(query):
    return query.source_expressions[-1].value  # the raw tsquery handed to PostgreSQL


def test_tsquery_requires_every_term_and_every_bigram():
    assert text(tsquery(query_terms("巡逻队 东亭"))) == "(巡逻 & 逻队) & (东亭)"
    assert text(tsquery(query_terms("七"))) == "(七:* | 七)"
    assert text(tsquery(query_terms("七宝 巡"), prefix_last=True)) == "(七宝) & (巡:*)"
    assert text(tsquery(query_terms("巡逻 敲门"), any_term=True)) == "(巡逻) | (敲门)"


def test_fts_query_phrases_every_term_and_narrows_columns_by_weight():
    assert fts_query(query_terms("巡逻队 东亭")) == '"巡逻 逻队" AND "东亭"'
    assert fts_query(query_terms("巡逻队"), Weight.SHORT_NAME) == '{w5 w4} : ("巡逻 逻队")'
    assert (
        fts_query(query_terms("七宝 巡"), Weight.NAME, prefix=True) == '{w5} : ("七宝" AND "巡"*)'
    )
    assert fts_query(query_terms("巡逻 敲门"), any_term=True) == '"巡逻" OR "敲门"'
