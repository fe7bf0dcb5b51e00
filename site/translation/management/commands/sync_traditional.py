from django.core.management.base import BaseCommand

from core.progress import progress_bar
from translation.sync import TARGET_LANGUAGE, StringTranslation, sync_site


class Command(BaseCommand):
    help = (
        "Creates or refreshes the zh-hant twin of every zh-hans page, region and category "
        "(safe to re-run; editors' overrides are kept)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reconvert",
            action="store_true",
            help="Also redo earlier machine conversions (after a change to OpenCC or the "
            "override table). Editors' overrides are kept either way.",
        )
        parser.add_argument(
            "--missing",
            action="store_true",
            help="Only what has no zh-hant twin yet.",
        )

    def handle(self, *args, reconvert, missing, **options):
        if reconvert:
            deleted, _ = StringTranslation.objects.filter(
                translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
                locale__language_code=TARGET_LANGUAGE,
            ).delete()
            self.stdout.write(f"cleared {deleted} machine conversions")
        bars = []

        def progress(total):
            bars.append(progress_bar(self, total=total, unit="项"))
            return bars[-1].update

        synced = sync_site(only_missing=missing, progress=progress)
        for bar in bars:
            bar.close()
        self.stdout.write(f"synced {synced} pages and snippets to zh-hant")
