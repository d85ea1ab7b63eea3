#!/usr/bin/env python3
"""Static test server for the browser tests: serves the repository on 127.0.0.1.

    python3 tests/e2e/server.py [--port N]     prints "PORT <n>" on its first line, then serves

* Any file under the repository root is served at its path (`/tests/fixtures/panorama/source.html`).
* `X.html` missing but `X.html.gz` present (the ScrapingHub corpus): served decompressed.
* `?csp=strict` on any URL adds `Content-Security-Policy: script-src 'self'` (the page's own
  scripts only: no inline script, no eval, no WebAssembly compile for content scripts).
* `?csp=none-script` adds `Content-Security-Policy: script-src 'none'` (the page runs no script
  at all: what the parity test uses, so that page scripts cannot rewrite the DOM).
* `.html` whose bytes are valid UTF-8 is served as `text/html; charset=utf-8`: the corpora store
  every page re-encoded as UTF-8 (the CLI reads them so), though many still declare their site's
  encoding (`<meta charset=gb2312>`) or declare UTF-8 past the 1024 bytes a browser pre-scans,
  and the HTTP charset wins over both, so the browser reads the bytes the CLI reads. Other
  `.html` bytes are left to their own declaration (a `<meta charset>`, as on the real site).
Quiet: no request log. Stops on SIGTERM/SIGINT.
"""
import argparse
import gzip
import http.server
import os
import socketserver
import sys
import urllib.parse

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

CSP = {
    "strict": "script-src 'self'",
    "none-script": "script-src 'none'",
}

TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # quiet
        pass

    def do_HEAD(self):
        self.respond(head=True)

    def do_GET(self):
        self.respond(head=False)

    def respond(self, head):
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query)
        rel = urllib.parse.unquote(url.path).lstrip("/")
        path = os.path.realpath(os.path.join(ROOT, rel))
        if path != ROOT and not path.startswith(ROOT + os.sep):
            return self.send_error(403)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        body = None
        if os.path.isfile(path):
            with open(path, "rb") as f:
                body = f.read()
        elif os.path.isfile(path + ".gz"):
            with gzip.open(path + ".gz", "rb") as f:
                body = f.read()
        if body is None:
            return self.send_error(404)
        ext = os.path.splitext(path)[1].lower()
        ctype = TYPES.get(ext, "application/octet-stream")
        if ctype == "text/html" and (is_utf8(body) or b"charset" not in body[:4096].lower()):
            ctype += "; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        csp = CSP.get((query.get("csp") or [""])[0])
        if csp:
            self.send_header("Content-Security-Policy", csp)
        self.end_headers()
        if not head:
            self.wfile.write(body)


def is_utf8(body):
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, default=0)
    args = ap.parse_args()
    server = Server(("127.0.0.1", args.port), Handler)
    print(f"PORT {server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
