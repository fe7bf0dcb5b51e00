"""Which installed apps are this project's own (their code lives in the source root)."""

from pathlib import Path

from django.apps import apps
from django.conf import settings


def project_app_labels():
    root = Path(settings.SITE_DIR).resolve()
    return {
        config.label
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(root)
    }


def project_models():
    labels = project_app_labels()
    return [model for model in apps.get_models() if model._meta.app_label in labels]
