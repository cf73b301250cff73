#!/usr/bin/env python3
"""metrics_server.py: a local stand-in for the Mackerel API (recorded
answers, error bodies, malformed and hostile bodies, slow answers) and for a
Prometheus behind auth. Writes its port to argv[1]; stops by itself after
argv[2] seconds (default 60)."""
import json
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

KEY = "test-key"

# Recorded from the Mackerel API documentation: host metric answer shape.
def recorded(frm, to, base=42.5):
    pts = []
    t = (frm // 60 + 1) * 60
    i = 0
    while t <= to and i < 200:
        pts.append({"time": t, "value": base + i})
        t += 60
        i += 1
    return json.dumps({"metrics": pts})


def echo(secret, how):
    """secret spelt as HOW: raw, json (escaped once more), pct, pct2,
    split (over lines), prefix (its first part only, at the end)."""
    if how == "json":
        return json.dumps({"key": secret}).replace("-", "\\u002d")
    if how == "pct":
        return urllib.parse.quote(secret, safe="").replace("-", "%2D")
    if how == "pct2":
        return urllib.parse.quote(urllib.parse.quote(secret, safe="").replace("-", "%2D"), safe="")
    if how == "split":
        return secret[:7] + "\n   " + secret[7:] + " (see\ndocs)"
    if how == "prefix":
        return "x" * 155 + " " + secret[:9]
    return secret


class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def send(self, code, body, ctype="application/json", extra=None):
        if isinstance(body, str):
            body = body.encode()
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:
            pass

    def do_GET(self):
        u = urllib.parse.urlparse(self.path)
        q = urllib.parse.parse_qs(u.query)
        parts = u.path.strip("/").split("/")
        if parts[0] == "prom":
            return self.prom(parts, q)
        if parts[0] == "promx":  # extreme numbers, as Prometheus spells them
            end = int(q["end"][0])
            vals = ["NaN", "+Inf", "-Inf", "1.8e308", "-1.8e308", "1.79e308",
                    "-1.79e308", "1e400",
                    "-1e400", "99999999999999999999999999", "4.9e-324", "0"]
            return self.send(200, json.dumps({"status": "success", "data": {
                "resultType": "matrix", "result": [{"metric": {}, "values": [
                    [end - 10 * (len(vals) - i), v] for i, v in enumerate(vals)]}]}}))
        if parts[0] == "promecho":  # an error quoting the bearer token
            tok = self.headers.get("Authorization", "")
            return self.send(400, json.dumps({
                "status": "error", "errorType": "bad_data",
                "error": "rejected " + echo(tok, parts[1])}))
        if len(parts) == 5 and parts[3].startswith("echo-"):
            # An error quoting the API key it was sent, as HOW says.
            key = self.headers.get("X-Api-Key", "")
            return self.send(403, json.dumps({"error": {
                "message": "Invalid API key " + echo(key, parts[3][5:])}}))
        if len(parts) != 5 or parts[:2] != ["api", "v0"] or parts[4] != "metrics":
            return self.send(404, '{"error":{"message":"no such path"}}')
        if self.headers.get("X-Api-Key") != KEY:
            return self.send(403, '{"error":{"message":"Invalid API key"}}')
        try:
            name = q["name"][0]
            frm = int(q["from"][0])
            to = int(q["to"][0])
        except (KeyError, ValueError):
            return self.send(400, '{"error":{"message":"name, from and to are required"}}')
        kind, what = parts[2], parts[3]
        if kind == "services":
            if what == "web" and name == "req.count":
                return self.send(200, recorded(frm, to, 1000))
            return self.send(404, '{"error":{"message":"Service Not Found"}}')
        if what == "ok":
            return self.send(200, recorded(frm, to))
        if what.startswith("slow"):
            time.sleep(3)
            return self.send(200, recorded(frm, to, 7))
        if what == "hang":
            time.sleep(30)
            return self.send(200, recorded(frm, to))
        if what == "missing":
            return self.send(404, '{"error":{"message":"Host Not Found"}}')
        if what == "ratelimit":
            return self.send(429, '{"error":{"message":"Too Many Requests"}}',
                             extra={"Retry-After": "30"})
        if what == "trunc":
            return self.send(200, '{"metrics":[{"time":%d,"val' % to)
        if what == "types":
            return self.send(200, '{"metrics":[{"time":"yesterday","value":"200"}]}')
        if what == "types2":
            return self.send(200, '{"metrics":{"time":1,"value":2}}')
        if what == "notobj":
            return self.send(200, '[1,2,3]')
        if what == "huge":
            pts = ",".join('{"time":%d,"value":1}' % (to - i) for i in range(30000))
            return self.send(200, '{"metrics":[' + pts + ']}')
        if what == "deep":
            return self.send(200, '{"metrics":' + "[" * 200000 + "]" * 200000 + "}")
        if what == "html":
            return self.send(200, "<html><body>Bad Gateway</body></html>", "text/html")
        if what == "nan":
            return self.send(200, '{"metrics":[{"time":%d,"value":1e999},'
                             '{"time":%d,"value":-1e999},{"time":%d,"value":5}]}' % (to - 120, to - 60, to))
        if what == "escape":
            return self.send(500, '{"error":{"message":"bad\\u001b[31m red\\nsecond line\\u0007"}}')
        if what == "big":
            return self.send(200, '{"metrics":[' + " " * (9 << 20) + "]}")
        if what in ("endless", "endless-chunked"):
            return self.endless(what == "endless")
        if what == "extreme":  # JSON numbers at and past a double's range
            t = to - 100
            return self.send(200, '{"metrics":[{"time":%d,"value":1.8e308},'
                             '{"time":%d,"value":-1.8e308},{"time":%d,"value":1e400},'
                             '{"time":%d,"value":-1e400},'
                             '{"time":%d,"value":123456789012345678901234567890},'
                             '{"time":%d,"value":-9223372036854775809},'
                             '{"time":%d,"value":2.2e-308},'
                             '{"time":%d,"value":1.79e308},'
                             '{"time":%d,"value":-1.79e308}]}'
                             % (t, t + 10, t + 20, t + 30, t + 40, t + 50, t + 60,
                                t + 70, t + 80))
        if what == "empty":
            return self.send(200, "")
        if what == "badtime":
            return self.send(200, '{"metrics":[{"time":1e300,"value":1}]}')
        return self.send(404, '{"error":{"message":"Host Not Found"}}')

    def endless(self, claim):
        """An answer that never ends: 1 GB claimed, or chunked forever."""
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        if claim:
            self.send_header("Content-Length", str(1 << 30))
        else:
            self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = b'{"metrics":[' + b'{"time":1,"value":1},' * 3000
        end = time.time() + 30
        try:
            while time.time() < end:
                if claim:
                    self.wfile.write(chunk)
                else:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        except OSError:
            pass
        self.close_connection = True

    def prom(self, parts, q):
        auth = self.headers.get("Authorization", "")
        if auth not in ("Bearer tok-123", "Basic dXNlcjpwdw=="):  # user:pw
            return self.send(401, "Unauthorized\n", "text/plain")
        if parts[1:] != ["api", "v1", "query_range"]:
            return self.send(404, "not found", "text/plain")
        end = int(q["end"][0])
        vals = [[end - 2, "NaN"], [end - 1, "+Inf"], [end, "3.5"]]
        return self.send(200, json.dumps({"status": "success", "data": {
            "resultType": "matrix",
            "result": [{"metric": {"__name__": "x"}, "values": vals}]}}))


class Server(ThreadingHTTPServer):
    request_queue_size = 128  # every poll of a round connects at once
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # clients that hang up early (a body too big) are expected


def main():
    srv = Server(("127.0.0.1", 0), H)
    with open(sys.argv[1] + ".tmp", "w") as f:
        f.write(str(srv.server_address[1]))
    import os
    os.rename(sys.argv[1] + ".tmp", sys.argv[1])
    life = float(sys.argv[2]) if len(sys.argv) > 2 else 60
    threading.Timer(life, srv.shutdown).start()
    srv.serve_forever()


if __name__ == "__main__":
    main()
