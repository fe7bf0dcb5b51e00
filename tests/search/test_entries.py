"""The PostgreSQL store's own rules (pure functions; the relevance suite runs them on
PostgreSQL against the demo content)."""

from search.entries import token_set, tsquery
from search.normalize import index_text, query_terms


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
