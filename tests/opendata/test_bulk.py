"""manage.py export_open_data and the data page that lists its files."""

import csv
import hashlib
import io
import json
import shutil
import tempfile
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import override_settings

from openpyxl import load_workbook

from opendata.registry import datasets
from tests.shared_world import WorldTestCase


class BulkTestCase(WorldTestCase):
    def setUp(self):
        self.media = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.media, True)
        overridden = override_settings(MEDIA_ROOT=self.media)
        overridden.enable()
        self.addCleanup(overridden.disable)

    def export(self, *args):
        out, err = io.StringIO(), io.StringIO()
        call_command("export_open_data", *args, stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()


class ExportCommandTests(BulkTestCase):
    def test_writes_every_dataset_with_checksums_and_manifest(self):
        output = self.media / "set"
        out, err = self.export("--output", str(output))
        self.assertIn("files", out)
        self.assertIn("rows", err)  # the progress bar
        manifest = json.loads((output / "manifest.json").read_text(encoding="utf-8"))
        self.assertEqual(manifest["licence"]["name"], "CC BY 4.0")
        entries = manifest["files"]
        expected = {
            (d.key, language, fmt)
            for d in datasets()
            for language in ("zh-hans", "zh-hant")
            for fmt in d.formats()
        }
        self.assertEqual({(e["dataset"], e["language"], e["format"]) for e in entries}, expected)
        self.assertIn(("funding", "zh-hant", "csv"), expected)

        sums = dict(
            reversed(line.split("  ", 1))
            for line in (output / "SHA256SUMS").read_text().splitlines()
        )
        self.assertEqual(set(sums), {e["file"] for e in entries})
        for entry in entries:
            with self.subTest(entry["file"]):
                data = (output / entry["file"]).read_bytes()
                self.assertEqual(len(data), entry["bytes"])
                self.assertEqual(hashlib.sha256(data).hexdigest(), entry["sha256"])
                self.assertEqual(sums[entry["file"]], entry["sha256"])
                rows = None
                if entry["format"] == "csv":
                    self.assertTrue(data.startswith(b"\xef\xbb\xbf"))
                    rows = len(list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))) - 1
                elif entry["format"] == "json":
                    document = json.loads(data)
                    self.assertEqual(document["language"], entry["language"])
                    rows = len(document["results"])
                elif entry["format"] == "xlsx":
                    rows = load_workbook(io.BytesIO(data)).active.max_row - 1
                if rows is not None:
                    self.assertEqual(rows, entry["rows"])
        counts = {e["dataset"]: e["rows"] for e in entries}
        self.assertEqual(counts["organizations"], 6)
        self.assertEqual(counts["notices"], 4)
        self.assertEqual(counts["funding"], 2)
        self.assertEqual(counts["evaluations"], 5)

    def test_without_funding_there_is_no_360giving_file(self):
        """A package needs one grant: an empty one would fail the standard's schema, so
        the set leaves the file out (and the CSV, with its header only, stays)."""
        from disclosure.models import FundingRecord

        FundingRecord.objects.all().delete()
        output = self.media / "set"
        self.export("--output", str(output))
        manifest = json.loads((output / "manifest.json").read_text(encoding="utf-8"))
        written = {(e["dataset"], e["format"]) for e in manifest["files"]}
        self.assertIn(("funding", "csv"), written)
        self.assertNotIn(("funding", "360giving"), written)
        self.assertEqual(list(output.glob("*360giving*")), [])

    def test_traditional_files_are_in_traditional_script(self):
        output = self.media / "set"
        self.export("--output", str(output), "--language", "zh-hant", "--formats", "csv,json")
        names = sorted(p.name for p in output.iterdir())
        self.assertIn("organizations-zh-hant.csv", names)
        self.assertFalse([n for n in names if "zh-hans" in n or n.endswith(".xlsx")])
        text = (output / "organizations-zh-hant.csv").read_text(encoding="utf-8-sig")
        self.assertIn("組織名稱", text)
        self.assertIn("東亭社區七寶巡邏隊", text)
        document = json.loads((output / "funding-zh-hant.json").read_text(encoding="utf-8"))
        self.assertEqual(document["language"], "zh-hant")
        self.assertIn("金額（元）", [column["label"] for column in document["columns"]])

    def test_a_new_set_replaces_the_old_one_whole(self):
        output = self.media / "open-data"
        self.export("--output", str(output), "--formats", "csv")
        (output / "stale.csv").write_text("old")
        self.export("--output", str(output), "--formats", "json")
        names = {p.name for p in output.iterdir()}
        self.assertNotIn("stale.csv", names)
        self.assertNotIn("organizations-zh-hans.csv", names)
        self.assertIn("organizations-zh-hans.json", names)
        # Nothing is left next to it: no temporary or old directory.
        self.assertEqual(sorted(p.name for p in self.media.iterdir() if p.is_dir()), ["open-data"])

    def test_a_failed_export_keeps_the_old_set(self):
        from opendata import writers

        output = self.media / "open-data"
        self.export("--output", str(output), "--formats", "csv")
        before = (output / "manifest.json").read_text()

        def broken(*args, **kwargs):
            yield b"["
            raise RuntimeError("disk full")

        original = writers.json_stream
        writers.json_stream = broken
        try:
            with self.assertRaises(RuntimeError):
                self.export("--output", str(output), "--formats", "json")
        finally:
            writers.json_stream = original
        self.assertEqual((output / "manifest.json").read_text(), before)
        self.assertEqual(sorted(p.name for p in self.media.iterdir() if p.is_dir()), ["open-data"])

    def test_default_directory_is_under_media_root(self):
        self.export("--language", "zh-hans", "--formats", "csv", "--no-progress")
        self.assertTrue((self.media / "open-data" / "organizations-zh-hans.csv").is_file())

    def test_unknown_formats_are_refused(self):
        with self.assertRaises(CommandError):
            self.export("--formats", "pdf")


class DataPageTests(BulkTestCase):
    def test_without_bulk_files_every_format_builds_from_live_data(self):
        response = self.client.get("/zh-hans/data/")
        self.assertEqual(response.status_code, 200)
        content = response.content.decode()
        self.assertIn("<h1>开放数据</h1>", content)
        for dataset in datasets():
            self.assertIn(str(dataset.title), content)
            for fmt in dataset.formats():
                self.assertIn(f"/zh-hans/data/?dataset={dataset.key}&amp;format={fmt}", content)
        # The data dictionary: Chinese names, types and meanings.
        self.assertIn("统一社会信用代码", content)
        self.assertIn("依法登记的组织才有。", content)
        self.assertIn("<code>credit_code</code>", content)
        self.assertIn("CC BY 4.0", content)
        self.assertIn('href="/api/v1/"', content)
        self.assertIn('href="/api/v1/docs/"', content)
        self.assertNotIn("SHA256SUMS", content)

        response = self.client.get("/zh-hans/data/?dataset=regions&format=csv")
        self.assertEqual(response.status_code, 200)
        text = response.getvalue().decode("utf-8-sig")
        self.assertTrue(text.startswith("区划代码,"))
        self.assertIn("东亭社区", text)

    def test_traditional_page_and_live_files(self):
        response = self.client.get("/zh-hant/data/")
        self.assertEqual(response.status_code, 200)
        content = response.content.decode()
        self.assertIn("開放數據", content)
        self.assertIn("統一社會信用代碼", content)
        self.assertIn("/zh-hant/data/?dataset=organizations&amp;format=csv", content)
        response = self.client.get("/zh-hant/data/?dataset=organizations&format=csv")
        text = response.getvalue().decode("utf-8-sig")
        self.assertIn("組織名稱", text)
        self.assertIn("東亭社區七寶巡邏隊", text)

    def test_with_bulk_files_links_them_with_size_and_checksum(self):
        self.export("--formats", "csv,json")
        manifest = json.loads((self.media / "open-data" / "manifest.json").read_text())
        response = self.client.get("/zh-hant/data/")
        content = response.content.decode()
        self.assertIn('href="/media/open-data/SHA256SUMS"', content)
        for entry in manifest["files"]:
            if entry["language"] == "zh-hant":
                self.assertIn(f'href="/media/open-data/{entry["file"]}"', content)
                self.assertIn(entry["sha256"], content)
            else:
                self.assertNotIn(entry["sha256"], content)
        # XLSX was not written: its links still work, from the live data.
        self.assertIn("/zh-hant/data/?dataset=funding&amp;format=xlsx", content)

    def test_a_missing_or_broken_manifest_falls_back_to_live_files(self):
        directory = self.media / "open-data"
        directory.mkdir()
        (directory / "manifest.json").write_text("{not json")
        response = self.client.get("/zh-hans/data/")
        self.assertEqual(response.status_code, 200)
        self.assertIn("/zh-hans/data/?dataset=funding&amp;format=csv", response.content.decode())
        self.export("--formats", "csv")
        (directory / "funding-zh-hans.csv").unlink()
        content = self.client.get("/zh-hans/data/").content.decode()
        self.assertIn("/zh-hans/data/?dataset=funding&amp;format=csv", content)
        self.assertIn('href="/media/open-data/notices-zh-hans.csv"', content)

    def test_unknown_dataset_or_format_shows_the_page(self):
        for query in ("?dataset=nope&format=csv", "?dataset=funding&format=pdf", "?format=csv"):
            response = self.client.get("/zh-hans/data/" + query)
            self.assertEqual(response.status_code, 200, query)
            self.assertTrue(response["Content-Type"].startswith("text/html"))

    def test_footer_links_to_the_data_page(self):
        self.assertContains(self.client.get("/zh-hans/"), 'href="/zh-hans/data/"')
        self.assertContains(self.client.get("/zh-hant/"), 'href="/zh-hant/data/"')
