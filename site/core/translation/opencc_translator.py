"""Machine "translation" between the two scripts of Chinese with OpenCC.

zh-hans → zh-hant uses `s2tw`: Taiwan standard character forms, no change of vocabulary.
Never `s2twp`, which also swaps words for Taiwanese usage (社区 → 社群, 软件 → 軟體): the
site's terms are mainland administrative terms and must stay recognisable. zh-hant →
zh-hans uses `tw2s`, its inverse. Segments reach the translator with their inline markup
as ASCII tags (wagtail-localize keeps hrefs as separate segments), and OpenCC only
changes CJK characters, so markup passes through unchanged.
"""

from functools import cache

from django.utils.translation import gettext_lazy as _

from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.strings import StringValue

import opencc

from .overrides import apply_overrides

CONFIGS = {("zh-hans", "zh-hant"): "s2tw", ("zh-hant", "zh-hans"): "tw2s"}


@cache
def converter(config):
    return opencc.OpenCC(config)


def convert(text, source="zh-hans", target="zh-hant"):
    config = CONFIGS.get((source.lower(), target.lower()))
    if config is None or not text:
        return text
    converted = converter(config).convert(text)
    return apply_overrides(converted, target.lower())


def to_traditional(text):
    return convert(text, "zh-hans", "zh-hant")


class OpenCCTranslator(BaseMachineTranslator):
    display_name = _("OpenCC (simplified ⇄ traditional)")

    def translate(self, source_locale, target_locale, strings):
        return {
            string: StringValue(
                convert(string.data, source_locale.language_code, target_locale.language_code)
            )
            for string in strings
        }

    def can_translate(self, source_locale, target_locale):
        return (source_locale.language_code.lower(), target_locale.language_code.lower()) in CONFIGS
