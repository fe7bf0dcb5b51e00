"""Errors of the API as JSON in both languages: the site's readers read Chinese, many of
the API's users read English. Every error has the same shape:

    {"error": {"status": 400, "message": "…", "message_en": "…",
               "fields": {"year": {"message": "…", "message_en": "…"}}}}
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import override

from rest_framework import exceptions, status
from rest_framework.views import exception_handler


class ParameterError(exceptions.APIException):
    """Query parameters that do not validate; `fields` maps each to its two messages."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid_parameter"

    def __init__(self, fields):
        self.fields = fields
        super().__init__("invalid parameters")


def both(message):
    """(Chinese, English) of a lazy or plain message."""
    with override("zh-hans"):
        chinese = str(message)
    with override("en"):
        english = str(message)
    return chinese, english


def filter_errors(filterset_factory):
    """{parameter: {message, message_en}}: the filterset validated in each language
    (Django's and django-filter's messages are translated lazily, at validation)."""
    fields = {}
    for language, key in (("zh-hans", "message"), ("en", "message_en")):
        with override(language):
            for name, messages in filterset_factory().errors.items():
                fields.setdefault(name, {})[key] = " ".join(str(m) for m in messages)
    return fields


SUMMARY = {
    400: (
        "请求参数有误，请按各参数的说明修改后重试。",
        "Some parameters are not valid: see each parameter's message.",
    ),
}


def handle(exc, context):
    # As DRF's own handler does: Django's 404 and 403 become the API's.
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None  # not an API error: Django's 500 handling (and logging) applies
    if isinstance(exc, ParameterError):
        chinese, english = SUMMARY[400]
        fields = exc.fields
    else:
        detail = getattr(exc, "default_detail", None) or exc.detail
        if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
            wait = int(exc.wait) + 1
            chinese = f"请求过于频繁，请 {wait} 秒后再试。"
            english = f"Too many requests: try again in {wait} seconds."
        elif isinstance(exc, exceptions.ValidationError):
            chinese, english = SUMMARY[400]
        else:
            chinese, english = both(detail)
        fields = {}
    response.data = {
        "error": {
            "status": response.status_code,
            "message": chinese,
            "message_en": english,
            "fields": fields,
        }
    }
    return response
