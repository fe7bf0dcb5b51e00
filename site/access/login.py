"""The admin's login under django-axes (docs/security.md).

After settings.AXES_FAILURE_LIMIT wrong passwords for one username from one address, the
axes backend refuses that pair, the right password included, until the cool-off has
passed. Django's `authenticate` then answers "no such user", so the form below says what
really happened: the login page is shown again with the Chinese lockout message (and
status 429 from `lockout_response`), not axes's bare English page.
"""

from django import forms

from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from axes.helpers import get_cool_off

LOCKED_OUT_MESSAGE = "登录失败次数过多，该账号已在此网络地址暂时锁定，请 {minutes} 分钟后再试。"


def locked_out_message(request) -> str:
    cool_off = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else 15
    return LOCKED_OUT_MESSAGE.format(minutes=minutes)


class LoginForm(WagtailLoginForm):
    """Wagtail's login form, which names a lockout instead of a wrong password."""

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            if getattr(self.request, "axes_locked_out", False):
                raise forms.ValidationError(
                    locked_out_message(self.request), code="locked_out"
                ) from None
            raise


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the login page the form above rendered, as 429."""
    if original_response is None or getattr(original_response, "status_code", 0) != 200:
        from django.http import HttpResponse

        return HttpResponse(locked_out_message(request), status=429, charset="utf-8")
    original_response.status_code = 429
    return original_response
