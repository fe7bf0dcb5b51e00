"""The corrections of an object, in its admin edit form (read only)."""

from wagtail.admin.panels import Panel

from . import corrections


class CorrectionHistoryPanel(Panel):
    """Each publish that corrected this object: when, what changed (before → after) and
    the reason, as readers see it. Nothing for a new object."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "wagtailadmin/publishing/correction_history_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            instance = self.instance
            context["correction_history"] = (
                corrections.groups(corrections.corrections_of(instance)) if instance.pk else []
            )
            return context
