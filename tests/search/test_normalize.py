"""The normaliser's own rules (pure functions, no database)."""

import pytest

from search.highlight import highlight, match_spans
from search.normalize import (
    MAX_QUERY_LENGTH,
    MAX_QUERY_TOKENS,
    bigrams,
    clean_query,
    fold,
    index_text,
    query_terms,
)


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("東亭社區", "东亭社区"),
        ("巡邏隊", "巡逻队"),
        ("ＡＢＣ１２３", "abc123"),
        ("七宝", "七宝"),
        ("", ""),
    ],
)
def test_fold(raw, folded):
    assert fold(raw) == folded


def test_fold_keeps_the_length_of_chinese_text():
    text = "東亭社區七寶巡邏隊每天巡邏，發現問題及時處理"
    assert len(fold(text)) == len(text)


def test_index_text_bigrams_then_characters_then_words():
    assert index_text("七宝巡逻队 Tel 027") == "七宝 宝巡 巡逻 逻队 七 宝 巡 逻 队 tel 027"
    assert index_text("巡") == "巡"
    assert index_text("東亭") == "东亭 东 亭"
    assert index_text(None) == ""


def test_bigrams():
    assert bigrams("东亭社区") == ["东亭", "亭社", "社区"]
    assert bigrams("东") == ["东"]


def tokens(query):
    return [term.tokens for term in query_terms(query)]


def test_query_words_become_adjacent_bigrams():
    assert tokens("巡逻队") == [("巡逻", "逻队")]
    # 东亭社区 is in the domain dictionary: one word, so one phrase.
    assert tokens("东亭社区巡逻") == [("东亭", "亭社", "社区"), ("巡逻",)]
    assert tokens("社区巡逻") == [("社区",), ("巡逻",)]
    assert tokens("巡邏") == [("巡逻",)]


def test_unknown_names_are_not_split_into_loose_characters():
    # jieba cuts an unknown two-character name into characters; they are joined back.
    for query in ("东亭", "叠嶂", "茶港"):
        assert tokens(query) == [(query,)]


def test_quotes_make_one_phrase_and_operators_are_dropped():
    assert tokens('"七宝巡逻" 2026') == [("七宝", "宝巡", "巡逻"), ("2026",)]
    assert tokens("七宝 AND 巡逻 OR NOT") == [("七宝",), ("巡逻",)]
    assert tokens("“七宝巡逻”") == [("七宝", "宝巡", "巡逻")]


@pytest.mark.parametrize(
    "hostile",
    [
        "",
        " ",
        '"',
        '""',
        "😀",
        "\x00\x01\x02",
        "'; DROP TABLE x; --",
        "title:巡逻 AND *",
        "(((",
        "\\",
        "*?~^",
    ],
)
def test_hostile_queries_give_terms_or_nothing(hostile):
    for term in query_terms(hostile):
        assert term.tokens and all(token.strip() for token in term.tokens)


def test_query_length_is_bounded():
    assert len(clean_query("巡" * 5000)) == MAX_QUERY_LENGTH
    terms = query_terms("巡" * 2000)
    assert [len(term.tokens) for term in terms] == [MAX_QUERY_TOKENS]
    assert query_terms("巡逻" * 500) == query_terms("巡逻")  # a repeated word counts once


def test_highlight_marks_in_the_original_script():
    assert (
        str(highlight("東亭社區七寶巡邏隊", ["巡逻", "东亭"]))
        == "<mark>東亭</mark>社區七寶<mark>巡邏</mark>隊"
    )


def test_highlight_escapes_and_merges_adjacent_words():
    assert str(highlight("<b>公益创投</b>&", ["公益", "创投"])) == "<mark>公益创投</mark>&amp;"


def test_highlight_window_centres_on_the_match():
    text = "前" * 200 + "七宝巡逻队" + "后" * 200
    out = str(highlight(text, ["巡逻"], length=60))
    assert out.startswith("…") and out.endswith("…") and "<mark>巡逻</mark>" in out


def test_match_spans_with_characters_that_change_length():
    # "ﬁ" (one character) folds to "fi" (two): offsets map back to the original.
    assert match_spans("ﬁ巡逻", ["巡逻"]) == [(1, 3)]
