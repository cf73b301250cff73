#!/usr/bin/env python3
"""rawcheck.py [--json] FILE...: the bytes a command wrote for a terminal are
plain visible text: valid UTF-8, no ESC or other C0 control but '\\n', no
DEL, no C1 control, no bidi control, line or paragraph separator or BOM.
With --json, every file must also parse (strictly) and its decoded strings
obey the same rule ('\\n' allowed in multi-line texts); TAB is allowed as
indentation between tokens. One line per problem."""
import json
import sys

FORBIDDEN = set(range(0x00, 0x20)) - {0x0A}
FORBIDDEN |= set(range(0x7F, 0xA0))
FORBIDDEN |= {0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0xFEFF}
FORBIDDEN |= set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))


def bad_chars(s):
    return sorted({"U+%04X" % ord(c) for c in s if ord(c) in FORBIDDEN})


def strings(v):
    if isinstance(v, str):
        yield v
    elif isinstance(v, dict):
        for k, x in v.items():
            yield k
            yield from strings(x)
    elif isinstance(v, list):
        for x in v:
            yield from strings(x)


def main():
    args = sys.argv[1:]
    as_json = args[:1] == ["--json"]
    if as_json:
        args = args[1:]
    problems = 0
    for path in args:
        raw = open(path, "rb").read()
        try:
            text = raw.decode("utf-8", "strict")
        except UnicodeDecodeError as e:
            print("%s: invalid UTF-8 at byte %d" % (path, e.start))
            problems += 1
            continue
        # In JSON a raw TAB can only be indentation (cJSON_Print's): the
        # strict parse below rejects control characters inside strings.
        b = bad_chars(text.replace("\t", "") if as_json else text)
        if b:
            print("%s: raw control characters %s" % (path, " ".join(b[:8])))
            problems += 1
        if as_json and raw.strip():
            try:
                doc = json.loads(text)
            except ValueError as e:
                print("%s: not JSON: %s" % (path, e))
                problems += 1
                continue
            for s in strings(doc):
                b = bad_chars(s.replace("\n", ""))
                if b:
                    print("%s: JSON string holds %s" % (path, " ".join(b)))
                    problems += 1
                    break
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
