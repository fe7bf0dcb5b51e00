"""Showing stored (simplified) text in the reader's script."""

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

import opencc

_s2tw = opencc.OpenCC("s2tw")  # Taiwan character forms, no vocabulary change (never s2twp)


def in_reader_script(value, language=None):
    """Simplified text or safe HTML → traditional for zh-hant readers; markup is ASCII and
    passes through the conversion unchanged."""
    if (language or get_language()) != "zh-hant" or not value:
        return value
    converted = _s2tw.convert(str(value))
    return mark_safe(converted) if isinstance(value, SafeString) else converted
