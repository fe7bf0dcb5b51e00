"""Reading a ledger file: CSV (UTF-8, UTF-8 with BOM or GB18030) or XLSX, into rows
numbered as a spreadsheet numbers them (the header is row 1)."""

import csv
import datetime
import io
from dataclasses import dataclass, field

XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary Excel format
ENCODING_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8（带 BOM）", "gb18030": "GB18030"}
# How a text cell made inert by our export (opendata.writers.neutralise) starts.
NEUTRALISED = ("'=", "'+", "'-", "'@")


class LedgerFileError(Exception):
    """The file cannot be read at all (one Chinese message, no row)."""


@dataclass
class Sheet:
    headers: list
    header_row: int = 1
    rows: list = field(default_factory=list)  # (row number, [cells]), blank rows left out
    file_format: str = "CSV"
    encoding: str = ""

    @property
    def description(self):
        if self.file_format == "XLSX":
            return "XLSX"
        return f"CSV，{ENCODING_NAMES.get(self.encoding, self.encoding)}"


def read_ledger(data, encoding=None):
    """A Sheet from the bytes of a CSV or XLSX file (recognised by content, not name)."""
    if not data:
        raise LedgerFileError("文件是空的。")
    if data.startswith(XLS_MAGIC):
        raise LedgerFileError("不能读取旧版 Excel（.xls）文件：请另存为 .xlsx 或 CSV 后再上传。")
    if data.startswith(XLSX_MAGIC):
        return read_xlsx(data)
    return read_csv(data, encoding)


def decode(data, encoding=None):
    """(text, encoding): the encoding given, else UTF-8 (with or without BOM), else
    GB18030."""
    if encoding:
        name = encoding.lower().replace("_", "-")
        if name in ("utf-8", "utf8"):
            name = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
        try:
            return data.decode(name), name
        except LookupError as error:
            raise LedgerFileError(f"不认识的编码“{encoding}”。") from error
        except UnicodeDecodeError as error:
            raise LedgerFileError(
                f"文件不是 {encoding} 编码（第 {error.start + 1} 个字节无法解码）。"
            ) from error
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = ("utf-8-sig",)
    else:
        candidates = ("utf-8", "gb18030")
    for name in candidates:
        try:
            return data.decode(name), name
        except UnicodeDecodeError:
            continue
    raise LedgerFileError(
        "无法识别文件的编码：请保存为 UTF-8 或 GB18030 编码的 CSV 文件，或 XLSX 文件。"
    )


def read_csv(data, encoding=None):
    text, used = decode(data, encoding)
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample.splitlines()[0] if sample else "", ",\t;")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    sheet = None
    try:
        for number, cells in enumerate(reader, start=1):
            if sheet is None:
                sheet = Sheet(headers=cells, file_format="CSV", encoding=used)
            elif any(cell.strip() for cell in cells):
                sheet.rows.append((number, [clean_text(cell) for cell in cells]))
    except csv.Error as error:
        raise LedgerFileError(f"CSV 格式有误（第 {reader.line_num} 行附近）：{error}") from error
    if sheet is None:
        raise LedgerFileError("文件是空的。")
    return sheet


def read_xlsx(data):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise LedgerFileError("无法读取这个 XLSX 文件，文件可能已损坏。") from error
    try:
        worksheet = workbook.worksheets[0]
        sheet = None
        for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
            cells = [xlsx_value(value) for value in values]
            if sheet is None:
                if not any(cells):
                    continue  # blank lines above the header
                sheet = Sheet(
                    headers=[str(cell) for cell in cells], header_row=number, file_format="XLSX"
                )
            elif any(cell != "" for cell in cells):
                sheet.rows.append((number, cells))
    finally:
        workbook.close()
    if sheet is None:
        raise LedgerFileError("文件是空的。")
    return sheet


def xlsx_value(value):
    """A cell as text, or a date/number kept as such for the typed columns."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date() if value.time() == datetime.time(0) else value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return clean_text(value)
    return value


def clean_text(value):
    value = value.strip()
    if value.startswith(NEUTRALISED):
        value = value[1:]
    return value
