"""Panels of the admin's dashboard (the page after logging in): what needs an editor's
attention this week, each list narrowed to the editor's street by the app that owns it.

A panel is a Wagtail `Component` added by its app's `construct_homepage_panels` hook; it
names what it lists and how to read one row, and this base renders them all alike: a
heading with the count, at most `limit` rows, a link to the whole list, and a sentence
when there is nothing (docs/editors.md, "The dashboard")."""

from dataclasses import dataclass

from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.components import Component


@dataclass
class DashboardRow:
    title: str
    url: str = ""
    detail: str = ""  # e.g. the street, the rating
    when: object = None  # a date shown in its own column


class DashboardPanel(Component):
    template_name = "core/admin/dashboard_panel.html"
    heading = ""
    empty_text = ""
    limit = 10
    order = 150  # after Wagtail's site summary (100), before its workflow panels (210)

    def __init__(self, request):
        self.request = request

    @property
    def name(self):
        return f"dashboard-{type(self).__name__.lower()}"

    def queryset(self):
        """Everything this panel lists for `self.request.user`, in the order shown."""
        raise NotImplementedError

    def row(self, item):
        """A DashboardRow for one item of the queryset."""
        raise NotImplementedError

    def more_url(self):
        """Where the whole list is, or ""."""
        return ""

    def edit_url(self, instance):
        """The admin edit view of a listed object if the user may edit it, else "" (one
        URL finder for the panel's rows)."""
        finder = getattr(self, "_finder", None)
        if finder is None:
            finder = self._finder = AdminURLFinder(self.request.user)
        return finder.get_edit_url(instance) or ""

    def is_shown(self):
        """Whether the user works with what this panel lists (a permission check)."""
        return True

    def render_html(self, parent_context=None):
        return super().render_html(parent_context) if self.is_shown() else ""

    def get_context_data(self, parent_context=None):
        items = self.queryset()
        count = len(items) if isinstance(items, list) else items.count()
        rows = [self.row(item) for item in items[: self.limit]]
        summary = f"共 {count} 项" + (f"，显示前 {len(rows)} 项。" if count > len(rows) else "。")
        return {
            "panel_id": self.name,
            "heading": self.heading,
            "summary": summary,
            "columns": ("名称", "说明", "日期"),
            "rows": rows,
            "more_url": self.more_url() if count > self.limit else "",
            "more_label": f"查看全部 {count} 项",
            "empty_text": self.empty_text,
        }
