"""The ledger in the Wagtail admin: upload → preview (what will be created and changed,
every error with its row) → confirm, which applies the same stored file, checked again;
and the export of the user's regions."""

import csv
import io

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import (
    COLUMNS,
    HEADERS,
    LedgerFileError,
    allowed_region_codes,
    can_export,
    can_import,
    import_ledger,
    uploads,
    validate_ledger,
    write_ledger,
)
from .exporting import FORMATS

PREVIEW_ROWS = 200  # rows shown of each list; the counts are of all
SHOWN_ERRORS = 1000  # errors shown; all of them are in the error file


class LedgerImportForm(forms.Form):
    file = forms.FileField(
        label=_("Ledger file"),
        help_text=_(
            "CSV (UTF-8 or GB18030) or XLSX, with the ledger's column names in the first row."
        ),
    )
    encoding = forms.ChoiceField(
        label=_("Encoding of a CSV file"),
        choices=[
            ("", _("Detect (UTF-8, then GB18030)")),
            ("utf-8", "UTF-8"),
            ("gb18030", "GB18030 / GBK"),
        ],
        required=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.LEDGER_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                gettext("The file is larger than %(size)s.")
                % {"size": filesizeformat(settings.LEDGER_MAX_UPLOAD_BYTES)}
            )
        return upload


def require(check, request):
    if not check(request.user):
        raise PermissionDenied


class LedgerImportView(WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Import ledger")
    header_icon = "upload"
    template_name = "orgs/ledger/import.html"

    def dispatch(self, request, *args, **kwargs):
        require(can_import, request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=LedgerImportForm()))

    def post(self, request, *args, **kwargs):
        form = LedgerImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        upload = form.cleaned_data["file"]
        data = upload.read()
        encoding = form.cleaned_data["encoding"] or None
        try:
            plan = validate_ledger(data, allowed_region_codes(request.user), encoding)
        except LedgerFileError as error:
            form.add_error("file", str(error))
            return self.render_to_response(self.get_context_data(form=form))
        token = uploads.store(request, data, upload.name, encoding, plan.fingerprint())
        return self.render_to_response(
            self.get_context_data(form=LedgerImportForm(), plan=plan, token=token, name=upload.name)
        )

    def get_context_data(self, plan=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context["headers"] = HEADERS
        context["headers_text"] = "、".join(HEADERS)
        context["required_headers_text"] = "、".join(c.header for c in COLUMNS if c.required)
        if plan is not None:
            context.update(preview_context(plan))
        return context


def preview_context(plan):
    keys = [column.key for column in COLUMNS]
    return {
        "plan": plan,
        "create_rows": [
            (planned.row, [planned.values[key] for key in keys])
            for planned in plan.creates[:PREVIEW_ROWS]
        ],
        "update_rows": plan.updates[:PREVIEW_ROWS],
        "errors": sorted(plan.errors, key=lambda e: e.row)[:SHOWN_ERRORS],
        "more_errors": max(0, len(plan.errors) - SHOWN_ERRORS),
        "preview_rows": PREVIEW_ROWS,
    }


@require_POST
def confirm_import(request):
    """Apply the previewed file: read again from the server, checked again, written in
    one transaction, or not at all."""
    require(can_import, request)
    token = request.POST.get("token", "")
    stored = uploads.load(request, token)
    if stored is None:
        messages.error(request, gettext("The uploaded file has expired. Please upload it again."))
        return redirect("orgs_ledger_import")
    data, name, encoding, fingerprint = stored
    try:
        plan = import_ledger(
            data,
            user=request.user,
            allowed_region_codes=allowed_region_codes(request.user),
            encoding=encoding,
            expected=fingerprint,
        )
    except LedgerFileError as error:  # the file was read once already: only if it changed
        messages.error(request, str(error))
        return redirect("orgs_ledger_import")
    if not plan.ok or plan.unexpected:
        # Something changed since the preview (another editor's import, a new region):
        # nothing was written; the new preview is shown, to confirm again if it passes.
        if plan.ok:
            message = gettext(
                "Nothing was imported: the organizations changed since the preview. "
                "Check the new preview and confirm again."
            )
        else:
            message = gettext("Nothing was imported: the file no longer passes the checks.")
        messages.error(request, message)
        uploads.update(request, token, plan.fingerprint())
        view = LedgerImportView()
        view.setup(request)
        return view.render_to_response(
            view.get_context_data(form=LedgerImportForm(), plan=plan, token=token, name=name)
        )
    uploads.discard(request, token)
    messages.success(
        request,
        gettext("Ledger imported: %(created)s organizations created, %(changed)s changed.")
        % {"created": len(plan.created), "changed": len(plan.changed)},
    )
    return redirect("orgs_ledger_import")


def import_errors(request, token):
    """Every error of an uploaded file, as a CSV (UTF-8 with BOM)."""
    require(can_import, request)
    stored = uploads.load(request, token)
    if stored is None:
        messages.error(request, gettext("The uploaded file has expired. Please upload it again."))
        return redirect("orgs_ledger_import")
    data, _name, encoding, _fingerprint = stored
    plan = validate_ledger(data, allowed_region_codes(request.user), encoding)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["行", "列", "说明"])
    for error in sorted(plan.errors, key=lambda e: e.row):
        writer.writerow([error.row, error.column, error.message])
    response = HttpResponse(("\ufeff" + buffer.getvalue()).encode(), content_type=FORMATS["csv"])
    response["Content-Disposition"] = 'attachment; filename="ledger-errors.csv"'
    return response


class LedgerExportView(WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Export ledger")
    header_icon = "download"
    template_name = "orgs/ledger/export.html"

    def dispatch(self, request, *args, **kwargs):
        require(can_export, request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get(self, request, *args, **kwargs):
        file_format = request.GET.get("format")
        if file_format not in FORMATS:
            return super().get(request, *args, **kwargs)
        response = StreamingHttpResponse(
            write_ledger(file_format, allowed_region_codes(request.user)),
            content_type=FORMATS[file_format],
        )
        response["Content-Disposition"] = f'attachment; filename="ledger.{file_format}"'
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["links"] = [
            (reverse("orgs_ledger_export") + f"?format={key}", key.upper()) for key in FORMATS
        ]
        return context
