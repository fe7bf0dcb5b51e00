"""A model of ours that is indexed without ChineseSearchMixin would store raw text that
normalised queries never match: warn about it at start-up."""

from django.core import checks

from wagtail.search.index import get_indexed_models

from core.project import project_app_labels


@checks.register(checks.Tags.models)
def indexed_models_normalise_chinese(app_configs=None, **kwargs):
    warnings = []
    ours = project_app_labels()
    for model in get_indexed_models():
        if model._meta.app_label in ours and not getattr(model, "chinese_search", False):
            warnings.append(
                checks.Warning(
                    f"{model._meta.label} is indexed for search without ChineseSearchMixin.",
                    hint="Add search.index.ChineseSearchMixin to its bases so its Chinese text is "
                    "indexed as normalised tokens (see docs/search.md).",
                    obj=model,
                    id="search.W001",
                )
            )
    return warnings
