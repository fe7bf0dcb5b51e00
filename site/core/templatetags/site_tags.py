"""Small template helpers used across the public pages."""

from decimal import Decimal

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from wagtail.templatetags.wagtailcore_tags import pageurl

register = template.Library()


@register.simple_tag(takes_context=True)
def organization_link(context, organization):
    """An organization's name, linked to its page while it is published, as text when it
    is not: its page is gone, its name stays part of the record (docs/operations.md,
    "Unpublished organizations")."""
    if not organization.live:
        return organization.title
    return format_html('<a href="{}">{}</a>', pageurl(context, organization), organization.title)


@register.filter
def money(value):
    """Yuan with thousands separators and two decimals: 2600000 → "2,600,000.00"."""
    if value in (None, ""):
        return "—"
    return intcomma(f"{Decimal(value):.2f}")


@register.filter
def wan(value):
    """Yuan as 万元 for headline figures: 2634500 → "263.45"."""
    if value in (None, ""):
        return "0"
    return intcomma(f"{Decimal(value) / 10000:.2f}")


@register.simple_tag
def nav_current(nav_page, page):
    """aria-current for a navigation link: "page" on the page itself, "true" inside its section."""
    if page is None or not hasattr(page, "path"):
        return ""
    if nav_page["pk"] == page.pk:
        return mark_safe('aria-current="page"')
    if nav_page["depth"] > 2 and page.path.startswith(nav_page["path"]):
        return mark_safe('aria-current="true"')
    return ""


@register.simple_tag(takes_context=True)
def script_alternates(context):
    """This page in each script (see core.languages): for the switcher, hreflang and
    <html lang>. Each entry also carries its absolute URL."""
    from core.languages import alternates

    request = context.get("request")
    if request is None:
        return []
    links = alternates(request, context.get("page"))
    for link in links:
        link["absolute"] = request.build_absolute_uri(link["url"])
    return links


@register.filter
def script(value):
    """Text stored once in simplified script (records, tags, names outside pages), shown
    in the reader's script."""
    from core.scripts import in_reader_script

    return in_reader_script(value)


@register.inclusion_tag("core/includes/bar_chart.html")
def bar_chart(chart, table=True):
    """A chart from core.charts.bar_chart() or stacked_bar_chart() (nothing for None), with
    its data table unless `table=False` (the page shows the figures in a table of its own)."""
    return {"chart": chart, "table": table}
