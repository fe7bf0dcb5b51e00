"""Objections (异议) to a notice, sent from its page during the notice period: the form,
its guards against spam, and what the page shows about objections (docs/objections.md).

- The form posts to the notice's own page (either script; CSRF-protected). Accepted: the
  objection is stored against the zh-hans notice and the reader is redirected to the page
  with a thank-you message naming its reference number (post/redirect/get). Refused: the
  page again, with the messages beside the fields and what was typed kept.
- Spam: a honeypot field people do not see (screen readers are told to leave it empty),
  and rate limits per client address, and per address and notice, on the shared cache
  (core.rate_limits, OBJECTION_RATE_LIMIT and OBJECTION_NOTICE_RATE_LIMIT). Past a
  limit the answer is 429 with Retry-After, the form still filled in.
- Nothing about objections is public during the period. After it, the page shows how
  many were received through the site and the outcomes editors published, with their
  reference numbers: never the objector, their contact or the content.
"""

import math
import secrets

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.validators import RegexValidator
from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.client import client_address
from core.dates import today
from core.rate_limits import RateLimit
from translation.locales import default_locale_id, source_of

from .models import NoticeState, Objection

HONEYPOT = "website"
MESSAGE_TAG = "objection"
REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I/L to misread


class ObjectionForm(forms.Form):
    content = forms.CharField(
        label=_("Your objection"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What you object to in this notice, and why. At most 2,000 characters."),
        error_messages={
            "required": _("Please write your objection."),
            "max_length": _(
                "Please keep your objection within %(limit_value)d characters "
                "(it has %(show_value)d)."
            ),
        },
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=50,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={
            "required": _("Please give your name."),
            "max_length": _("Please keep your name within %(limit_value)d characters."),
        },
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        help_text=_("A phone number or an email address, at least one, so the issuer can reply."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        validators=[
            RegexValidator(
                r"^\+?[0-9][0-9 \-]{5,28}$",
                _("Please enter a phone number: digits, with - or spaces if you like."),
            )
        ],
        error_messages={
            "max_length": _("Please enter a phone number: digits, with - or spaces if you like."),
        },
    )
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        max_length=254,  # the model's (the form's default, 320, would not fit the column)
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "invalid": _("Please enter a valid email address."),
            "max_length": _("Please enter a valid email address."),
        },
    )
    # The honeypot: off screen, out of the tab order, and labelled for the screen readers
    # that do reach it. Bots fill every field they find.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean(self):
        data = super().clean()
        if data.get(HONEYPOT):
            raise forms.ValidationError(
                _(
                    "Your objection was not sent: a field meant to stay empty was filled in "
                    "(some browsers fill it by themselves). Empty the field labelled "
                    "“Leave this field empty” and send it again."
                ),
                code="honeypot",
            )
        given = [field for field in ("phone", "email") if data.get(field) or field in self.errors]
        if not given:
            self.add_error(
                "phone",
                forms.ValidationError(
                    _("Please give a phone number or an email address, so the issuer can reply."),
                    code="no_contact",
                ),
            )
        return data

    @property
    def caught_spam(self):
        return bool(self.data.get(HONEYPOT))


def objection_limits():
    return (
        RateLimit.parse("objection", settings.OBJECTION_RATE_LIMIT),
        RateLimit.parse("objection-notice", settings.OBJECTION_NOTICE_RATE_LIMIT),
    )


def _rate_parts(address, notice):
    per_address, per_notice = objection_limits()
    return ((per_address, (address,)), (per_notice, (address, str(notice.pk))))


def seconds_to_wait(address, notice):
    """0 when `address` may send an objection to `notice` (the zh-hans source) now."""
    return max(limit.retry_after(*parts) for limit, parts in _rate_parts(address, notice))


def count_attempt(address, notice):
    for limit, parts in _rate_parts(address, notice):
        limit.record(*parts)


def new_reference(day):
    """A reference number the reader can keep, e.g. 20260312-7KQ4M: the date, then five
    random characters (not a sequence, which would tell how many came before)."""
    return f"{day:%Y%m%d}-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _position in range(5))


def store_objection(notice, form):
    """The objection in `form`, stored against `notice` (the zh-hans source), with a new
    reference number."""
    for _attempt in range(10):
        try:
            with transaction.atomic():
                return Objection.objects.create(
                    notice=notice,
                    reference=new_reference(today()),
                    content=form.cleaned_data["content"],
                    name=form.cleaned_data["name"],
                    phone=form.cleaned_data["phone"],
                    email=form.cleaned_data["email"],
                )
        except IntegrityError:  # the same reference drawn twice on one day
            continue
    raise RuntimeError("no free objection reference number")


def render_notice(page, request, status=200, **context):
    """The notice page with `context` over its own (a refused form, a message)."""
    full = page.get_context(request)
    full.update(context)
    return TemplateResponse(request, page.get_template(request), full, status=status)


def receive_objection(page, request):
    """A POST to a notice's page (`page`: the zh-hans notice or its zh-hant twin)."""
    form = ObjectionForm(request.POST)
    if page.state != NoticeState.OPEN:
        return render_notice(page, request, status=403, objection_closed=True)
    notice = source_of(page)
    address = client_address(request)
    wait = seconds_to_wait(address, notice)
    if wait:
        response = render_notice(
            page,
            request,
            status=429,
            objection_form=form,
            objection_wait_minutes=math.ceil(wait / 60),
        )
        response["Retry-After"] = str(wait)
        return response
    if not form.is_valid():
        if form.caught_spam:
            count_attempt(address, notice)
        return render_notice(page, request, objection_form=form)
    objection = store_objection(notice, form)
    count_attempt(address, notice)
    messages.success(
        request,
        gettext(
            "Your objection has been received. Its reference number is %(reference)s: keep "
            "it. The issuer will look into it; after the notice period, the outcomes the "
            "issuer publishes are shown on this page with their reference numbers."
        )
        % {"reference": objection.reference},
        extra_tags=MESSAGE_TAG,
    )
    return HttpResponseRedirect(page.get_url(request) + "#objection")


def objection_context(page, request):
    """What a notice's page shows about objections: the form while the notice is open;
    after its period, how many were received and the published outcomes; nothing before."""
    state = page.state
    if state == NoticeState.OPEN:
        return {"objection_form": ObjectionForm()}
    if state == NoticeState.ENDED:
        # One query whatever their number (the notice page's query budget), reading the
        # outcome fields only: never the content or the contact.
        objections = list(
            Objection.objects.filter(
                notice__translation_key=page.translation_key,
                notice__locale_id=default_locale_id(),
            )
            .order_by("submitted_at", "pk")
            .only("reference", "outcome", "outcome_public", "outcome_recorded_at")
        )
        return {
            "objections_received": len(objections),
            "published_outcomes": [
                objection
                for objection in objections
                if objection.outcome_public and not objection.awaiting_outcome
            ],
        }
    return {}
