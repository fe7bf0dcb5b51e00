"""The organization's status in the admin: shown, never set by hand (orgs/lifecycle.py)."""

from django.urls import reverse

from wagtail.admin.panels import Panel


class StatusPanel(Panel):
    """The status today, since when, and the notice that decided it (linked to its edit
    view), or, for a new organization, how its status will be decided."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "wagtailadmin/orgs/status_panel.html"

        def get_context_data(self, parent_context=None):
            from .lifecycle import lifecycle_of

            context = super().get_context_data(parent_context)
            page = self.instance
            lifecycle = lifecycle_of(page) if page.pk else None
            context["lifecycle"] = lifecycle
            notice = lifecycle.notice if lifecycle else None
            if notice is not None:
                context["notice_edit_url"] = reverse("wagtailadmin_pages:edit", args=[notice.pk])
            return context
