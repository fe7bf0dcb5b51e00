"""Showing text that is stored once, in simplified script (records, tags, names held
outside pages, search snippets), in the reader's script at render time."""

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from .opencc_translator import to_traditional


def in_reader_script(value, language=None):
    """Simplified text or safe HTML → traditional for zh-hant readers. Markup is ASCII
    and passes through the conversion unchanged, so safe HTML stays safe."""
    if (language or get_language()) != "zh-hant" or value in (None, ""):
        return value
    converted = to_traditional(str(value))
    return mark_safe(converted) if isinstance(value, SafeString) else converted
