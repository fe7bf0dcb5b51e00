"""The bulk files: every dataset whole, in each script and format, written by
`manage.py export_open_data` into one directory (MEDIA_ROOT/open-data/ by default) with
SHA256SUMS and manifest.json, and listed on the data page (/zh-hans/data/).

A set is written into a temporary directory next to the target and renamed into place,
so a reader never sees half of one; the rows of every file come from one snapshot of the
database (one transaction, REPEATABLE READ on PostgreSQL), so a CSV, its JSON twin and
the manifest agree even while editors publish."""

import fcntl
import hashlib
import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from .exports import NoRows, stream
from .licence import LICENCE_NAME, LICENCE_URL
from .registry import datasets, site_url

DIRECTORY = "open-data"
MANIFEST = "manifest.json"
CHECKSUMS = "SHA256SUMS"
LANGUAGES = ("zh-hans", "zh-hant")
STANDARD_FORMATS = ("csv", "xlsx", "json")


def default_directory():
    return Path(settings.MEDIA_ROOT) / DIRECTORY


def file_url(name):
    return f"{settings.MEDIA_URL}{DIRECTORY}/{name}"


def bulk_file_name(dataset, language, fmt, extension):
    """organizations-zh-hans.csv; a dataset's own format is named too:
    funding-zh-hans.360giving.json."""
    if fmt in STANDARD_FORMATS:
        return f"{dataset.key}-{language}.{extension}"
    return f"{dataset.key}-{language}.{fmt}.{extension}"


def read_manifest(directory=None):
    """The manifest of the current set, with only the files that are really there; None
    when there is no (readable) set."""
    directory = Path(directory or default_directory())
    try:
        manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
        files = [entry for entry in manifest["files"] if (directory / entry["file"]).is_file()]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    manifest["files"] = files
    return manifest


@contextmanager
def snapshot():
    """One consistent view of the data for the whole set (inside a test's transaction,
    that transaction's)."""
    if connection.in_atomic_block:
        yield
        return
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        yield


class ExportRunning(Exception):
    """Another export is writing into the same directory."""


@contextmanager
def exclusive(output):
    """One export at a time per target directory (a second one fails at once)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    with open(output.parent / f".{output.name}.lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ExportRunning(f"another export into {output} is running") from None
        yield


def plan(languages, formats=None):
    """[(dataset, language, format)] of a set; `formats` limits it (None: every format of
    every dataset, its own included)."""
    return [
        (dataset, language, fmt)
        for dataset in datasets()
        for language in languages
        for fmt in dataset.formats()
        if formats is None or fmt in formats
    ]


def write_file(path, chunks):
    digest = hashlib.sha256()
    size = 0
    with open(path, "wb") as file:
        for chunk in chunks:
            file.write(chunk)
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def write_set(output=None, languages=LANGUAGES, formats=None, on_row=None, on_file=None):
    """Write a whole set into `output` (replacing the one there); returns the manifest.
    `on_row()` is called per row of the standard formats, `on_file(entry)` per file."""
    output = Path(output or default_directory())
    base_url = site_url().rstrip("/")
    with exclusive(output):
        for leftover in output.parent.glob(f".{output.name}-*"):
            shutil.rmtree(leftover, ignore_errors=True)  # from a run that was killed
        work = Path(tempfile.mkdtemp(prefix=f".{output.name}-new-", dir=output.parent))
        try:
            os.chmod(work, 0o755)  # mkdtemp's 0700 would hide the set from the web server
            entries = []
            with snapshot():
                generated_at = timezone.now()
                counts = {}
                for dataset, language, fmt in plan(languages, formats):
                    queryset = dataset.get_queryset()
                    if dataset.key not in counts:
                        counts[dataset.key] = queryset.count()
                    try:
                        content_type, name, chunks = stream(
                            dataset, queryset, fmt, language, base_url, on_row=on_row
                        )
                    except NoRows:
                        continue  # e.g. no funding yet: no 360Giving file, not an invalid one
                    extension = Path(name).suffix.lstrip(".") or fmt
                    file_name = bulk_file_name(dataset, language, fmt, extension)
                    size, sha256 = write_file(work / file_name, chunks)
                    entry = {
                        "dataset": dataset.key,
                        "language": language,
                        "format": fmt,
                        "file": file_name,
                        "content_type": content_type,
                        "rows": counts[dataset.key],
                        "bytes": size,
                        "sha256": sha256,
                    }
                    entries.append(entry)
                    if on_file:
                        on_file(entry)
            manifest = {
                "generated_at": generated_at.isoformat(timespec="seconds"),
                "site": base_url,
                "licence": {"name": LICENCE_NAME, "url": LICENCE_URL},
                "files": entries,
            }
            (work / CHECKSUMS).write_text(
                "".join(f"{e['sha256']}  {e['file']}\n" for e in entries), encoding="utf-8"
            )
            (work / MANIFEST).write_text(
                json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
            replace_directory(work, output)
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
    return manifest


def replace_directory(new, output):
    """Put `new` where `output` is: two renames on one file system, so `output` holds the
    old set or the new one, never a mixture (between the renames, for an instant, none)."""
    old = None
    if output.exists():
        old = output.with_name(f".{output.name}-old-{os.getpid()}")
        os.rename(output, old)
    os.rename(new, output)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
