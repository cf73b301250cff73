#!/usr/bin/env python3
"""statuspage_receiver.py: an Atlassian Statuspage API stand-in for tests
(python3 standard library only). Keeps incidents in memory, checks every
request and answers as scripted.

  statuspage_receiver.py --dir D --page PAGE_ID --key API_KEY
                         [--port 0] [--script ok,429:7,500,drop]
                         [--timeout 60]

Binds 127.0.0.1 (port 0 = a free one) and writes the port to D/port.
It serves, for page PAGE_ID only:
  GET   /v1/pages/P/incidents         the incidents, newest first
  GET   /v1/pages/P/incidents/ID      one incident
  POST  /v1/pages/P/incidents         create   {"incident": {name, status,
  PATCH /v1/pages/P/incidents/ID      update    body[, metadata]}}
Every request must carry "Authorization: OAuth API_KEY" (else 401), a
known page (else 404), and for POST/PATCH a JSON object body with
"incident" holding a known status and a string body, a name to create
(else 422). Each problem is also appended to D/problems.
Request N (from 1) is logged as one line "METHOD PATH STATUS" in D/log and
its body kept in D/N.body. Answers follow --script in order: ok (serve
it), 429:SECONDS (Retry-After), 500, drop (serve it, then close the
connection without an answer: the change is made, the answer lost), hang
(read it, answer nothing for 4 s), echo401 (401 with a body that quotes
the Authorization header it got); after the script, ok. D/incidents.json
is the state after each change. Exits by itself after --timeout seconds.
"""
import argparse
import json
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STATUSES = ("investigating", "identified", "monitoring", "resolved")


def write_atomic(path, data):
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.rename(tmp, path)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.handle_any("GET")

    def do_POST(self):
        self.handle_any("POST")

    def do_PATCH(self):
        self.handle_any("PATCH")

    def problem(self, text):
        with self.server.lock:
            with open(os.path.join(self.server.dir, "problems"), "a") as f:
                f.write("%s %s: %s\n" % (self.command, self.path, text))

    def handle_any(self, method):
        srv = self.server
        n = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(n) if n > 0 else b""
        with srv.lock:
            srv.count += 1
            seq = srv.count
            action = srv.script[seq - 1] if seq <= len(srv.script) else "ok"
        write_atomic(os.path.join(srv.dir, "%d.body" % seq), raw)
        if action == "hang":
            self.log(seq, "hang")
            time.sleep(4)
            self.close_connection = True
            return
        if action == "echo401":
            return self.answer(seq, 401, {
                "error": "invalid key: " +
                str(self.headers.get("Authorization"))})
        if action == "500":
            return self.answer(seq, 500, {"error": "internal"})
        if action.startswith("429"):
            after = action.partition(":")[2]
            return self.answer(seq, 429, {"error": "rate limited"}, after)
        code, reply = self.serve(method, raw)
        if action == "drop":  # done, but the answer never arrives
            self.log(seq, "drop(%d)" % code)
            self.close_connection = True
            return
        self.answer(seq, code, reply)

    def serve(self, method, raw):
        srv = self.server
        if self.headers.get("Authorization") != "OAuth " + srv.key:
            self.problem("bad Authorization")
            return 401, {"error": "unauthorized"}
        parts = self.path.split("/")
        # ['', 'v1', 'pages', P, 'incidents'(, ID)]
        if (len(parts) not in (5, 6) or parts[1:3] != ["v1", "pages"] or
                parts[4] != "incidents"):
            self.problem("bad path")
            return 404, {"error": "not found"}
        if parts[3] != srv.page:
            self.problem("unknown page")
            return 404, {"error": "page not found"}
        ident = parts[5] if len(parts) == 6 else None
        with srv.lock:
            if method == "GET":
                if ident is None:
                    return 200, list(reversed(srv.incidents))
                inc = self.find(ident)
                return (200, inc) if inc else (404, {"error": "no incident"})
            want = self.check_body(method, raw)
            if want is None:
                return 422, {"error": "invalid"}
            if method == "POST" and ident is None:
                return 201, self.create(want)
            if method == "PATCH" and ident is not None:
                inc = self.find(ident)
                if inc is None:
                    self.problem("PATCH of an unknown incident")
                    return 404, {"error": "no incident"}
                return 200, self.update(inc, want)
        self.problem("bad method")
        return 405, {"error": "method"}

    def check_body(self, method, raw):
        if not self.headers.get("Content-Type", "").startswith(
                "application/json"):
            self.problem("Content-Type is not JSON")
            return None
        try:
            doc = json.loads(raw.decode("utf-8"))
        except ValueError:
            self.problem("body is not JSON")
            return None
        inc = doc.get("incident") if isinstance(doc, dict) else None
        if not isinstance(inc, dict):
            self.problem("no incident object")
            return None
        if inc.get("status") not in STATUSES:
            self.problem("bad status %r" % inc.get("status"))
            return None
        if not isinstance(inc.get("body"), str) or not inc["body"]:
            self.problem("no body")
            return None
        if method == "POST" and not (isinstance(inc.get("name"), str) and
                                     inc["name"]):
            self.problem("create without a name")
            return None
        return inc

    def find(self, ident):
        for inc in self.server.incidents:
            if inc["id"] == ident:
                return inc
        return None

    def create(self, want):
        srv = self.server
        srv.next_id += 1
        inc = {"id": "inc%04dx" % srv.next_id, "name": want["name"],
               "status": want["status"],
               "metadata": want.get("metadata") or {},
               "incident_updates": []}
        srv.incidents.append(inc)
        return self.update(inc, want)

    def update(self, inc, want):
        inc["status"] = want["status"]
        if "name" in want:
            inc["name"] = want["name"]
        inc["incident_updates"].insert(0, {
            "id": "upd%d" % (len(inc["incident_updates"]) + 1),
            "status": want["status"], "body": want["body"]})
        write_atomic(os.path.join(self.server.dir, "incidents.json"),
                     json.dumps(self.server.incidents, indent=1).encode())
        return inc

    def log(self, seq, status):
        with self.server.lock:
            with open(os.path.join(self.server.dir, "log"), "a") as f:
                f.write("%s %s %s\n" % (self.command, self.path, status))

    def answer(self, seq, code, reply, after=""):
        data = json.dumps(reply).encode()
        self.log(seq, str(code))
        try:
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            if after:
                self.send_header("Retry-After", after)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True)
    ap.add_argument("--page", required=True)
    ap.add_argument("--key", required=True)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--script", default="")
    ap.add_argument("--timeout", type=float, default=60)
    a = ap.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    srv = ThreadingHTTPServer(("127.0.0.1", a.port), Handler)
    srv.daemon_threads = True
    srv.lock = threading.RLock()
    srv.count = 0
    srv.next_id = 0
    srv.incidents = []
    srv.dir = a.dir
    srv.page = a.page
    srv.key = a.key
    srv.script = [s.strip() for s in a.script.split(",") if s.strip()]
    write_atomic(os.path.join(a.dir, "port"),
                 str(srv.server_address[1]).encode())
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    time.sleep(a.timeout)
    srv.shutdown()


if __name__ == "__main__":
    main()
