"""wagtail-localize's machine translator for the two scripts of Chinese: OpenCC, through
core.scripts (s2tw for zh-hans → zh-hant, tw2s back; see there why never s2twp). Segments
reach the translator with their inline markup as ASCII tags (wagtail-localize keeps hrefs
as separate segments), and OpenCC only changes CJK characters, so markup passes through."""

from django.utils.translation import gettext_lazy as _

from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.strings import StringValue

from core.scripts import CONFIGS, convert


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
