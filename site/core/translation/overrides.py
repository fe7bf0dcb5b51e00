"""A small, reviewed table of conversions OpenCC gets wrong for this site's vocabulary.

Applied after OpenCC, whole strings only. Keep it short and explain every entry."""

OVERRIDES = {
    "zh-hant": {
        # (wrong output, right output)
    },
    "zh-hans": {},
}


def apply_overrides(text, target):
    for wrong, right in OVERRIDES.get(target, {}).items():
        text = text.replace(wrong, right)
    return text
