"""Child rows chosen again are the rows already there.

A page's inline rows (a notice's organizations, a case's organizations) carry their row
ids in the edit form; modelcluster keeps a saved row the form does not mention and adds
every form without an id as a new row. A form that arrives without the id of a row it
repeats then makes a second row for the same organization, which the unique constraint
refuses with a 500. It happens to editors: Wagtail's autosave creates the page while
the create form is open, and a submit sent before the autosave's answer has put the new
ids into the form repeats the rows (seen in tests/browser/test_registry_journey.py).

`adopt_existing_rows(form, relation, key)` gives each form without an id the id of the
saved row with the same `key` (e.g. the organization), so saving updates that row instead
of adding another; a key chosen twice in one form is the formset's own unique error."""


def adopt_existing_rows(page_form, relation, key):
    formset = page_form.formsets.get(relation)
    instance = page_form.instance
    if formset is None or instance.pk is None:
        return
    saved = dict(
        formset.model._default_manager.filter(**{formset.fk.name: instance.pk}).values_list(
            f"{key}_id", "pk"
        )
    )
    if not saved:
        return
    claimed = {form.instance.pk for form in formset.forms if form.instance.pk is not None}
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        if form.instance.pk is not None or data.get("DELETE") or data.get(key) is None:
            continue
        pk = saved.get(data[key].pk)
        if pk is not None and pk not in claimed:
            form.instance.pk = pk
            claimed.add(pk)
