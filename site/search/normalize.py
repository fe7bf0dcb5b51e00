"""One normaliser for every search backend.

Stock full-text search keeps a run of Chinese characters as one token, so 巡逻 does not
find 七宝巡逻队 and 巡邏 finds nothing. Here text is folded (NFKC, lower case, traditional
→ simplified) and cut into tokens that every engine can match exactly:

- index side: each run of Chinese characters becomes its character bigrams, followed by
  its single characters; other words (Latin letters, digits) pass through;
- query side: jieba segments the query (HMM off, with a domain dictionary); each word
  becomes the phrase of its bigrams, so a word matches only where its characters are
  adjacent ("东亭" never matches "东湖…亭台"); a one-character word matches the single
  character.

Changing anything here changes the tokens: bump NORMALIZER_VERSION and rebuild the index.
"""

import logging
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jieba
import opencc

NORMALIZER_VERSION = 1
MAX_QUERY_LENGTH = 100  # characters kept from a query; see clean_query()
MAX_QUERY_TOKENS = 32  # tokens kept from a query: full-text parsers have a depth limit

DICTIONARY = Path(__file__).resolve().parent / "dictionary.txt"

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
CJK_RUN = re.compile(f"[{_CJK}]+")
TOKEN = re.compile(f"[{_CJK}]+|[0-9a-z]+")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202f\ufeff]")

_t2s = opencc.OpenCC("t2s")
_segmenter = jieba.Tokenizer()
_loaded = threading.Lock()
_ready = False


def load_dictionary():
    """Load jieba's dictionary and ours once per process (about half a second)."""
    global _ready
    with _loaded:
        if _ready:
            return
        jieba.setLogLevel(logging.WARNING)
        _segmenter.initialize()
        if DICTIONARY.exists():
            _segmenter.load_userdict(str(DICTIONARY))
        _ready = True


def fold(text: str) -> str:
    """NFKC, lower case, traditional → simplified. Keeps the length of Chinese text."""
    return _t2s.convert(unicodedata.normalize("NFKC", text or "").lower())


def is_cjk(text: str) -> bool:
    return bool(CJK_RUN.fullmatch(text))


def bigrams(run: str) -> list[str]:
    if len(run) < 2:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def index_text(text: str) -> str:
    """The tokens to store for `text`: bigrams of every Chinese run, then its characters,
    then the other words. Space-separated, in order, so phrase queries see adjacency."""
    if not text:
        return ""
    text = str(text)
    return _recent_tokens(text) if len(text) <= CACHED_TEXT_LENGTH else _tokens(text)


# Each object written is normalised for both stores (the public entries and Wagtail's
# index), and names of regions, categories and tags recur: short texts' tokens are
# remembered (a pure function of the text), long ones (policy bodies) are not kept.
CACHED_TEXT_LENGTH = 1000


@lru_cache(maxsize=20_000)
def _recent_tokens(text):
    return _tokens(text)


def _tokens(text):
    pairs, singles, words = [], [], []
    for token in TOKEN.findall(fold(text)):
        if is_cjk(token):
            if len(token) > 1:
                pairs.extend(bigrams(token))
            singles.extend(token)
        else:
            words.append(token)
    return " ".join(pairs + singles + words)


@dataclass(frozen=True)
class QueryTerm:
    """One word of a query: the tokens that must appear next to each other."""

    word: str
    tokens: tuple[str, ...]
    quoted: bool = False  # typed in quotes: an exact substring everywhere

    @property
    def is_phrase(self) -> bool:
        return len(self.tokens) > 1


OPERATORS = re.compile(r"\b(?:AND|OR|NOT)\b")


def clean_query(raw: str) -> str:
    """Bound the length, drop control characters; what is left is safe to tokenise."""
    return CONTROL.sub(" ", raw or "")[:MAX_QUERY_LENGTH].strip()


def _without_operators(text: str) -> str:
    """Every word must match anyway; AND/OR/NOT typed as operators are not words to find."""
    return OPERATORS.sub(" ", text)


def _segment(run: str) -> list[str]:
    """jieba words of a Chinese run, with runs of one-character words joined back
    together: a name jieba does not know (东亭) must not become two loose characters."""
    load_dictionary()
    words, singles = [], ""
    for word in _segmenter.cut(run, HMM=False):
        if len(word) == 1:
            singles += word
            continue
        if singles:
            words.append(singles)
            singles = ""
        words.append(word)
    if singles:
        words.append(singles)
    return words


def query_terms(raw: str) -> list[QueryTerm]:
    """The terms of a query; every term must match (AND). Quoted text is one term."""
    text = _without_operators(clean_query(raw))
    terms = []
    for quoted, plain in re.findall(r'"([^"]*)"|([^"]+)', text.replace("“", '"').replace("”", '"')):
        if quoted:
            tokens = tuple(t for part in TOKEN.findall(fold(quoted)) for t in _tokens_of(part))
            if tokens:
                terms.append(QueryTerm(fold(quoted).strip(), tokens, quoted=True))
            continue
        for token in TOKEN.findall(fold(plain)):
            if is_cjk(token):
                for word in _segment(token):
                    terms.append(QueryTerm(word, tuple(bigrams(word))))
            else:
                terms.append(QueryTerm(token, (token,)))
    # The same word twice adds nothing; past MAX_QUERY_TOKENS the query is cut.
    kept, budget = [], MAX_QUERY_TOKENS
    for term in dict.fromkeys(terms):
        if len(term.tokens) > budget:
            if budget:  # keep the start of an over-long word as a shorter phrase
                kept.append(QueryTerm(term.word[: budget + 1], term.tokens[:budget], term.quoted))
            break
        kept.append(term)
        budget -= len(term.tokens)
    return kept


def _tokens_of(part: str) -> list[str]:
    return bigrams(part) if is_cjk(part) else [part]


def highlight_words(raw: str) -> list[str]:
    """The folded words to mark in results, longest first."""
    return sorted({term.word for term in query_terms(raw)}, key=len, reverse=True)
