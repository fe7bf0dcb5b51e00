"""Files of rows: CSV, XLSX and JSON, written as a stream.

Every writer takes the columns and an iterator of row dicts and yields bytes, so a
download of 200,000 rows holds one chunk of rows at a time (bench/exports.py measures
it). CSV is UTF-8 with a byte order mark, which Excel and WPS need to read Chinese;
its headers are the Chinese column names. A text cell that begins with =, +, -, @ (or
a tab or carriage return) would run as a formula in a spreadsheet: it gets a leading
apostrophe in CSV and XLSX (OWASP's advice), and JSON keeps the value as it is.
"""

import csv
import datetime
import io
import json
import re
import tempfile
from decimal import Decimal

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?\Z")
ROWS_PER_CHUNK = 500


def neutralise(value):
    """A text cell a spreadsheet would read as a formula, made inert."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    return neutralise(value)


def csv_stream(columns, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([column.label for column in columns])
    yield "\ufeff".encode() + buffer.getvalue().encode()
    names = [column.name for column in columns]
    count = 0
    buffer.seek(0)
    buffer.truncate()
    for row in rows:
        writer.writerow([csv_cell(row.get(name)) for name in names])
        count += 1
        if count % ROWS_PER_CHUNK == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue().encode()


def xlsx_cell(value, column_type):
    """Numbers and dates as the spreadsheet's own types; text made inert."""
    if value is None or value == "":
        return None
    if column_type == "decimal":
        return Decimal(value)
    if column_type == "integer":
        return int(value)
    if column_type == "date":
        return datetime.date.fromisoformat(value)
    if column_type == "boolean":
        return "是" if value else "否"
    return neutralise(str(value))


def xlsx_stream(columns, rows, sheet_title="data"):
    """openpyxl's write-only workbook keeps rows on disk, not in memory; the finished file
    is then streamed from a temporary file (an XLSX is a zip: it cannot be sent before it
    is complete)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    sheet.append([column.label for column in columns])
    types = [(column.name, column.type) for column in columns]
    for row in rows:
        cells = []
        for name, column_type in types:
            cell = WriteOnlyCell(sheet, value=xlsx_cell(row.get(name), column_type))
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text
            elif column_type == "date" and cell.value is not None:
                cell.number_format = "yyyy-mm-dd"
            cells.append(cell)
        sheet.append(cells)
    with tempfile.TemporaryFile() as file:
        workbook.save(file)
        file.seek(0)
        while chunk := file.read(256 * 1024):
            yield chunk


def json_stream(head, rows):
    """{...head, "results": [row, …]}: `head` says what the file is (dataset, script,
    filters, columns)."""
    opening = json.dumps(head, ensure_ascii=False, default=str)[:-1]
    separator = ", " if head else ""
    yield f'{opening}{separator}"results": ['.encode()
    first = True
    parts = []
    for row in rows:
        parts.append(("" if first else ",\n") + json.dumps(row, ensure_ascii=False, default=str))
        first = False
        if len(parts) >= ROWS_PER_CHUNK:
            yield "".join(parts).encode()
            parts = []
    parts.append("]}\n")
    yield "".join(parts).encode()


FORMATS = {
    # format: (content type, file extension)
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "json": ("application/json; charset=utf-8", "json"),
}
