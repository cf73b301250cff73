#!/usr/bin/env python3
"""slack_receiver.py: a Slack-incoming-webhook stand-in for tests (python3
standard library only). Records every POST and answers as scripted.

  slack_receiver.py --dir D [--port 0] [--script 200,429:7,500,400,hang]
                    [--timeout 60] [--hang 5]

Binds 127.0.0.1 (port 0 = a free one) and writes the port to D/port. Request
N (from 1) is recorded as D/N.body (the raw body), D/N.path and, once
answered, D/N.status (the status sent, or "hang"). Answers follow --script
in order (200, 429:SECONDS for Retry-After, 429 without it, 500, 400, 403,
404, 410, hang = read the request then close without an answer after --hang
seconds, delay:SECONDS = answer 200 that late, echo:CODE:HOW = answer CODE
with a body that echoes the webhook URL, HOW = raw, json (\\/-escaped),
pct (percent-encoded), pct2 (twice), split (over lines), prefix (its first
part only), uni (\\u002f-escaped)); after the script, 200. Exits by itself
after --timeout seconds.
"""
import json
import urllib.parse
import argparse
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

REASONS = {
    200: b"ok",
    400: b"invalid_payload",
    403: b"action_prohibited",
    404: b"channel_not_found",
    410: b"channel_is_archived",
    429: b"rate_limited",
    500: b"internal_error",
    503: b"service_unavailable",
}


def echo_body(req, how):
    """An error body quoting the webhook the request came to."""
    url = "http://%s%s" % (req.headers.get("Host", "127.0.0.1"), req.path)
    if how == "raw":
        text = "invalid_token: " + url
    elif how == "json":
        text = json.dumps({"ok": False, "error": "invalid_token", "url": url})
        text = text.replace("/", "\\/")
    elif how == "pct":
        text = "no_such_hook url=" + urllib.parse.quote(url, safe="")
    elif how == "pct2":
        text = "no_such_hook url=" + urllib.parse.quote(
            urllib.parse.quote(url, safe=""), safe="")
    elif how == "split":
        half = len(url) - 9
        text = "invalid_token:\n" + url[:half] + "\r\n  " + url[half:] + "\n"
    elif how == "prefix":
        text = "x" * 100 + " invalid_token for " + req.path[:-6]
    elif how == "uni":
        text = json.dumps({"error": "bad", "hook": url}).replace(
            "/", "\\u002f")
    else:
        text = url
    return text.encode()


def write_atomic(path, data):
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.rename(tmp, path)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def log_message(self, *args):
        pass

    def do_POST(self):
        srv = self.server
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n > 0 else b""
        with srv.lock:
            srv.count += 1
            seq = srv.count
            action = srv.script[seq - 1] if seq <= len(srv.script) else "200"
        base = os.path.join(srv.dir, str(seq))
        write_atomic(base + ".path", self.path.encode())
        write_atomic(base + ".body", body)
        if action == "hang":
            write_atomic(base + ".status", b"hang")
            time.sleep(srv.hang)
            self.close_connection = True
            return
        if action.startswith("echo:"):
            _, code, how = action.split(":", 2)
            self.answer(base, int(code), echo_body(self, how))
            return
        if action.startswith("delay:"):  # answer 200, but late
            time.sleep(float(action[6:]))
            action = "200"
        code, _, after = action.partition(":")
        self.answer(base, int(code), REASONS.get(int(code), b"error"), after)

    def answer(self, base, code, reply, after=""):
        try:
            self.send_response(code)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(reply)))
            if after:
                self.send_header("Retry-After", after)
            self.end_headers()
            self.wfile.write(reply)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client died waiting; the post happened all the same
        write_atomic(base + ".status", str(code).encode())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--script", default="")
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--hang", type=float, default=5)
    a = ap.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    srv = ThreadingHTTPServer(("127.0.0.1", a.port), Handler)
    srv.daemon_threads = True
    srv.lock = threading.Lock()
    srv.count = 0
    srv.dir = a.dir
    srv.hang = a.hang
    srv.script = [s.strip() for s in a.script.split(",") if s.strip()]
    write_atomic(os.path.join(a.dir, "port"),
                 str(srv.server_address[1]).encode())
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    time.sleep(a.timeout)
    srv.shutdown()


if __name__ == "__main__":
    main()
