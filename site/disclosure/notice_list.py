"""The notice list: filter by kind, state and district."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.dates import today
from core.labels import ANY_VALUE
from core.paging import paginate, unfiltered_count
from taxonomy.models import Region

from .models import NoticePage, NoticeState

PER_PAGE = 20


class NoticeFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Notice type"),
        required=False,
        choices=[("", ANY_VALUE)] + NoticePage.Kind.choices,
    )
    state = forms.ChoiceField(
        label=_("Notice status"),
        required=False,
        choices=[("", ANY_VALUE)] + NoticeState.choices,
    )
    district = forms.ChoiceField(label=_("District (county)"), required=False)

    def __init__(self, data, locale_id):
        super().__init__(data)
        self.districts = {
            r.code: r
            for r in Region.objects.filter(locale_id=locale_id, level=Region.Level.DISTRICT)
        }
        self.fields["district"].choices = [("", ANY_VALUE)] + [
            (r.code, r.name) for r in self.districts.values()
        ]


def notice_list_context(index_page, request):

    form = NoticeFilterForm(request.GET, index_page.locale_id)
    form.is_valid()
    values = {name: form.cleaned_data.get(name) for name in form.fields if name not in form.errors}
    notices = NoticePage.objects.live().filter(
        locale_id=index_page.locale_id
    )  # one list per locale
    if values.get("kind"):
        notices = notices.filter(kind=values["kind"])
    if values.get("state"):
        notices = notices.in_state(values["state"])
    if values.get("district"):
        # By code prefix: the linked organizations are the zh-hans sources, whose regions
        # are the zh-hans twins of this locale's; 区划代码 are the same in both.
        notices = notices.filter(
            notice_organizations__organization__region__code__startswith=values["district"]
        ).distinct()
    notices = notices.order_by("-starts_on", "-page_ptr_id")
    page_obj = paginate(
        request,
        notices,
        PER_PAGE,
        count=unfiltered_count(values, f"notice-count:{index_page.locale_id}", notices),
    )
    return {
        "filter_form": form,
        "page_obj": page_obj,
        "notices": list(page_obj.object_list),
        "ignored_filters": [form.fields[name].label for name in form.errors],
        "today": today(),
    }
