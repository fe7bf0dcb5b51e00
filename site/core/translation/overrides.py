"""A small, reviewed table of conversions OpenCC gets wrong for this site's vocabulary.

Applied after OpenCC, whole strings only. Keep it short and explain every entry."""

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


def apply_overrides(text, target):
    for wrong, right in OVERRIDES.get(target, {}).items():
        text = text.replace(wrong, right)
    return text
