"""Errors of the API as JSON in both languages: the site's readers read Chinese, many of
the API's users read English. Every error has the same shape:

    {"error": {"status": 400, "message": "…", "message_en": "…",
               "fields": {"year": {"message": "…", "message_en": "…"}}}}

`fields` names each query parameter that was refused (empty for other errors).
"""

import math

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, JsonResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from rest_framework import exceptions, status
from rest_framework.views import exception_handler


def both(message, **values):
    """(Chinese, English) of a lazy or plain message, %-formatted with `values`."""
    texts = []
    for language in ("zh-hans", "en"):
        with override(language):
            text = str(message)
            texts.append(text % values if values else text)
    return tuple(texts)


def field_message(message, **values):
    chinese, english = both(message, **values)
    return {"message": chinese, "message_en": english}


class ParameterError(exceptions.APIException):
    """Query parameters that do not validate; `fields` maps each to its two messages."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid_parameter"

    def __init__(self, fields):
        self.fields = fields
        super().__init__("invalid parameters")

    @classmethod
    def one(cls, name, message, **values):
        return cls({name: field_message(message, **values)})


class NotFound(exceptions.NotFound):
    """A 404 with its own message (lazy, so it can be given in both languages)."""

    def __init__(self, message, **values):
        self.bilingual = both(message, **values)
        super().__init__(self.bilingual[1])


def filter_errors(filterset_factory):
    """{parameter: {message, message_en}}: the filterset validated in each language
    (Django's and django-filter's messages are translated lazily, at validation)."""
    fields = {}
    for language, key in (("zh-hans", "message"), ("en", "message_en")):
        with override(language):
            for name, messages in filterset_factory().errors.items():
                fields.setdefault(name, {})[key] = " ".join(str(m) for m in messages)
    return fields


BAD_PARAMETERS = _("Some parameters are not valid: see each parameter's message.")
NOT_FOUND = _("Nothing here: check the address against the documentation at /api/v1/docs/.")
METHOD_NOT_ALLOWED = _("This API is read-only: use GET (or HEAD), not %(method)s.")
TOO_MANY = _("Too many requests: try again in %(wait)d seconds.")


def body(status_code, chinese, english, fields=None):
    return {
        "error": {
            "status": status_code,
            "message": chinese,
            "message_en": english,
            "fields": fields or {},
        }
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
    fields = {}
    if isinstance(exc, ParameterError):
        chinese, english = both(BAD_PARAMETERS)
        fields = exc.fields
    elif isinstance(exc, exceptions.Throttled):
        # Whole seconds, rounded up: DRF's own header rounds down (0 for half a second).
        wait = max(1, math.ceil(exc.wait or 0))
        response["Retry-After"] = str(wait)
        chinese, english = both(TOO_MANY, wait=wait)
    elif isinstance(exc, exceptions.MethodNotAllowed):
        chinese, english = both(METHOD_NOT_ALLOWED, method=context["request"].method)
    elif getattr(exc, "bilingual", None):
        chinese, english = exc.bilingual
    elif isinstance(exc, exceptions.NotFound):
        chinese, english = both(NOT_FOUND)
    elif isinstance(exc, exceptions.ValidationError):
        chinese, english = both(BAD_PARAMETERS)
    else:
        chinese, english = both(exc.default_detail)
    response.data = body(response.status_code, chinese, english, fields)
    return response


def not_found(request, *args, **kwargs):
    """Any other address under /api/v1/: the API's 404, not the site's HTML page."""
    return JsonResponse(
        body(404, *both(NOT_FOUND)),
        status=404,
        json_dumps_params={"ensure_ascii": False},
    )
