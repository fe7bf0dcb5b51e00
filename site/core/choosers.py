"""What the project's admin choosers share."""

from django.urls import reverse

from wagtail.admin.ui.tables import TitleColumn


def title_column(view, label, accessor):
    """The column that chooses a row in a chooser's results (`view`: a ChooseResultsView):
    a checkbox label in a multiple chooser, else a link to the view's `chosen` URL."""
    if view.is_multiple_choice:
        return TitleColumn(
            "title", label=label, accessor=accessor, label_prefix="chooser-modal-select"
        )
    return TitleColumn(
        "title",
        label=label,
        accessor=accessor,
        get_url=lambda obj: view.append_preserved_url_parameters(
            reverse(view.chosen_url_name, args=(obj.pk,))
        ),
        link_attrs={"data-chooser-modal-choice": True},
    )
