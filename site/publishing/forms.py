"""The reason for a correction, on the admin forms of tracked content: required when a
tracked field of a live object is changed (docs/corrections.md)."""

from . import corrections


class CorrectionReasonFormMixin:
    """For the admin form of a `Correctable` model (before Wagtail's form class in the
    bases). The reason field starts blank unless a draft holding one awaits publishing;
    it is required when a tracked field differs from what readers see. `related_rows`
    gives the rows of a tracked child relation as the form's formset has them."""

    REASON = "correction_reason"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.REASON in self.fields and not getattr(
            self.instance, "has_unpublished_changes", False
        ):
            # The published revision still carries the last publish's reason; it was used.
            self.initial[self.REASON] = ""

    def _post_clean(self):
        super()._post_clean()
        if self.REASON not in self.fields or self.REASON in self.errors:
            return
        if (self.cleaned_data.get(self.REASON) or "").strip():
            return
        model = type(self.instance)
        before = corrections.live_values(self.instance)
        if before is None:
            return
        after = corrections.values_of(self.instance, self.related_rows())
        changed = corrections.changed_fields(before, after, model)
        if changed:
            labels = "、".join(label for _name, label in changed)
            self.add_error(
                self.REASON,
                f"已公开的{labels}有改动，请填写更正说明：发布后，公开页面会显示“已更正”、"
                "改动前后的内容和这条说明。",
            )

    def related_rows(self):
        """{"relation.field": [objects]} for the tracked child relations, from the
        form's formsets (the instance still holds the rows it was loaded with)."""
        rows = {}
        formsets = getattr(self, "formsets", {})
        for name, _label in corrections.tracked_fields(type(self.instance)):
            if "." not in name:
                continue
            relation, attribute = name.split(".", 1)
            formset = formsets.get(relation)
            if formset is None:
                continue
            formset.is_valid()
            rows[name] = [
                form.cleaned_data.get(attribute)
                for form in formset.forms
                if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
            ]
        return rows
