"""A real HTTP server on 127.0.0.1 in a background thread that records every request."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit


@dataclass
class Recorded:
    """One request as the fake saw it; ``path`` is raw (not percent-decoded)."""

    method: str
    path: str
    raw_query: str
    headers: dict[str, str]
    body: bytes
    params: dict[str, str] = field(default_factory=dict)


@dataclass
class Reply:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def json(cls, status: int, data: object, headers: dict[str, str] | None = None) -> Reply:
        return cls(
            status,
            json.dumps(data).encode(),
            {"Content-Type": "application/json", **(headers or {})},
        )


class FakeServer:
    """Subclasses implement ``handle(request) -> Reply``; use as a context manager."""

    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                request = Recorded(
                    method=self.command,
                    path=parts.path,
                    raw_query=parts.query,
                    headers={k.lower(): v for k, v in self.headers.items()},
                    body=body,
                    params=dict(parse_qsl(parts.query, keep_blank_values=True)),
                )
                with fake._lock:
                    fake.requests.append(request)
                    reply = fake.handle(request)
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve

            def log_message(self, format, *args):  # noqa: A002 - silence the console
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        host, port = self._server.server_address[:2]
        self.url = f"http://{host}:{port}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def handle(self, request: Recorded) -> Reply:
        raise NotImplementedError

    def start(self):
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def requests_to(self, path_suffix: str, method: str | None = None) -> list[Recorded]:
        return [
            r
            for r in self.requests
            if r.path.endswith(path_suffix) and (method is None or r.method == method)
        ]


class ManualClock:
    """A clock the test moves by hand, shared by a fake and the client under test."""

    def __init__(self, start: float = 1_800_000_000.0):
        self.now = start
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds

    def sleep(self, seconds: float) -> None:
        # Sleeping moves time on without making the test wait.
        self.sleeps.append(seconds)
        self.now += seconds
