"""locale/zh_Hant/LC_MESSAGES/django.po from locale/zh_Hans/LC_MESSAGES/django.po.

The zh_Hans catalogue is written by hand; the zh_Hant one is generated from it, message by
message, with the same OpenCC conversion (s2tw plus the reviewed override table) as the
page content, so the two never drift apart. Run `make messages` after changing interface
text; see README, "Interface text"."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

import polib

from core.scripts import convert

SOURCE_LOCALE, TARGET_LOCALE = "zh_Hans", "zh_Hant"
SOURCE_LANGUAGE, TARGET_LANGUAGE = "zh-hans", "zh-hant"
DOMAIN = "django"
HEADER = (
    "Interface text of the site in traditional script (zh-hant).\n"
    "GENERATED from ../../zh_Hans/LC_MESSAGES/django.po by\n"
    "`manage.py make_traditional_catalogue` (OpenCC s2tw + core/scripts.py).\n"
    "Do not edit: change the zh_Hans catalogue and run `make messages`."
)


def catalogue_path(locale, locale_dir=None):
    base = Path(locale_dir or settings.LOCALE_PATHS[0])
    return base / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def to_traditional(text):
    return convert(text, SOURCE_LANGUAGE, TARGET_LANGUAGE) if text else text


def traditional_catalogue(source):
    """A new POFile: `source` (a zh_Hans POFile) with every msgstr converted."""
    target = polib.POFile(wrapwidth=source.wrapwidth, encoding="utf-8")
    target.header = HEADER
    target.metadata = dict(source.metadata)
    target.metadata["Language"] = TARGET_LOCALE
    target.metadata["Language-Team"] = "Chinese (traditional), generated from zh_Hans"
    target.metadata_is_fuzzy = source.metadata_is_fuzzy
    for entry in source:
        if entry.obsolete:
            continue
        target.append(
            polib.POEntry(
                msgctxt=entry.msgctxt,
                msgid=entry.msgid,
                msgid_plural=entry.msgid_plural,
                msgstr=to_traditional(entry.msgstr),
                msgstr_plural={
                    index: to_traditional(text) for index, text in entry.msgstr_plural.items()
                },
                occurrences=list(entry.occurrences),
                flags=list(entry.flags),
                comment=entry.comment,
                tcomment=entry.tcomment,
            )
        )
    return target


class Command(BaseCommand):
    help = (
        "Writes the zh_Hant interface catalogue from the zh_Hans one with OpenCC "
        "(s2tw and the reviewed override table). --check only reports whether it is current."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Write nothing; exit with an error when the zh_Hant catalogue is out of date.",
        )

    def handle(self, *args, check, **options):
        source_path = catalogue_path(SOURCE_LOCALE)
        target_path = catalogue_path(TARGET_LOCALE)
        if not source_path.exists():
            raise CommandError(f"{source_path} is missing: run `make messages`.")
        text = str(traditional_catalogue(polib.pofile(str(source_path))))
        current = target_path.read_text(encoding="utf-8") if target_path.exists() else None
        if check:
            if current != text:
                raise CommandError(
                    f"{target_path} is out of date: run `manage.py make_traditional_catalogue`."
                )
            self.stdout.write(f"{target_path} is up to date.")
            return
        if current == text:
            self.stdout.write(f"{target_path} is already up to date.")
            return
        target_path.parent.mkdir(parents=True, exist_ok=True)
        target_path.write_text(text, encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Wrote {target_path}."))
