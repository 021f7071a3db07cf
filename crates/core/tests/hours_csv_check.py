"""Reads an hours CSV export the way a spreadsheet user's tools would.

Usage: python hours_csv_check.py FILE

Checks the framing a strict reader needs (UTF-8 byte-order mark, every
record ended by CRLF outside quotes), parses the file with Python's csv
module (the default "excel" dialect: RFC 4180 quoting) and prints JSON:

    {"header": [...], "rows": [[...], ...],
     "supervision_minutes": n, "supervision_hours": "12.50",
     "clinical_minutes": n, "non_clinical_minutes": n}

The sums are computed here, from the parsed cells, so the Rust test can
compare them with the app's own totals. Exits non-zero on any problem.
"""

import csv
import io
import json
import sys
from decimal import Decimal


def fail(message):
    print(message, file=sys.stderr)
    sys.exit(1)


def main():
    if len(sys.argv) != 2:
        fail("usage: hours_csv_check.py FILE")
    raw = open(sys.argv[1], "rb").read()
    if not raw.startswith(b"\xef\xbb\xbf"):
        fail("no UTF-8 byte-order mark")
    text = raw.decode("utf-8-sig")
    if not text.endswith("\r\n"):
        fail("the last record does not end with CRLF")
    # Outside quoted fields every line break must be CRLF.
    quoted = False
    for i, ch in enumerate(text):
        if ch == '"':
            quoted = not quoted
        elif ch == "\n" and not quoted and (i == 0 or text[i - 1] != "\r"):
            fail("a bare LF ends a record at offset %d" % i)
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    header, body = rows[0], rows[1:]
    for n, row in enumerate(body, start=2):
        if len(row) != len(header):
            fail("record %d has %d fields, the header %d" % (n, len(row), len(header)))
    col = {name: i for i, name in enumerate(header)}
    minutes = 0
    hours = Decimal("0")
    clinical = 0
    non_clinical = 0
    for row in body:
        if row[col["kind"]] == "supervision":
            minutes += int(row[col["minutes"]])
            hours += Decimal(row[col["hours"]])
        elif row[col["kind"]] == "practice_week":
            clinical += int(row[col["clinical_minutes"]])
            non_clinical += int(row[col["non_clinical_minutes"]])
        else:
            fail("unknown kind %r" % row[col["kind"]])
    print(
        json.dumps(
            {
                "header": header,
                "rows": body,
                "supervision_minutes": minutes,
                "supervision_hours": str(hours),
                "clinical_minutes": clinical,
                "non_clinical_minutes": non_clinical,
            }
        )
    )


main()
