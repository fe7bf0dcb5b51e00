"""Converting between the two scripts of Chinese with OpenCC, shared by everything that
shows or stores text in both: the zh-hant twins (translation), the interface catalogues,
search snippets and text stored once in simplified script (records, tags).

zh-hans → zh-hant uses `s2tw`: Taiwan standard character forms, no change of vocabulary.
Never `s2twp`, which also swaps words for Taiwanese usage (社区 → 社群, 软件 → 軟體): the
site's terms are mainland administrative terms and must stay recognisable. zh-hant →
zh-hans uses `tw2s`, its inverse. OpenCC only changes CJK characters, so ASCII markup
passes through unchanged.
"""

from functools import cache

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

import opencc

CONFIGS = {("zh-hans", "zh-hant"): "s2tw", ("zh-hant", "zh-hans"): "tw2s"}

# A small, reviewed table of conversions OpenCC gets wrong for this site's vocabulary,
# applied after OpenCC to whole strings. Keep it short and explain every entry.
OVERRIDES = {
    "zh-hant": {
        # s2tw writes 佈 in these words; Taiwan's Ministry of Education standard (and
        # government usage) is 布: 公布, 發布, 分布, 宣布.
        "公佈": "公布",
        "發佈": "發布",
        "分佈": "分布",
        "宣佈": "宣布",
    },
    "zh-hans": {},
}


@cache
def converter(config):
    return opencc.OpenCC(config)


def apply_overrides(text, target):
    for wrong, right in OVERRIDES.get(target, {}).items():
        text = text.replace(wrong, right)
    return text


def convert(text, source="zh-hans", target="zh-hant"):
    config = CONFIGS.get((source.lower(), target.lower()))
    if config is None or not text:
        return text
    return apply_overrides(converter(config).convert(text), target.lower())


def to_traditional(text):
    return convert(text, "zh-hans", "zh-hant")


def in_reader_script(value, language=None):
    """Text stored once in simplified script (records, tags, names held outside pages,
    search snippets) or safe HTML → traditional for zh-hant readers. Markup is ASCII and
    passes through the conversion unchanged, so safe HTML stays safe."""
    if (language or get_language()) != "zh-hant" or value in (None, ""):
        return value
    converted = to_traditional(str(value))
    return mark_safe(converted) if isinstance(value, SafeString) else converted
