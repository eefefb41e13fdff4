"""A small HTTP client over urllib, injected into provider clients so tests can point them at fakes."""

from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .base import ProviderError

DEFAULT_TIMEOUT = 15.0
MAX_BODY_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class HttpResponse:
    """Status, lower-cased headers and raw body of one answer, whatever its status."""

    status: int
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def json(self) -> Any:
        if not self.body:
            return None
        try:
            return json.loads(self.body)
        except ValueError:
            raise ProviderError(
                f"expected JSON, got {self.text[:200]!r}", status=self.status
            ) from None


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class HttpClient:
    """Send one request and return an HttpResponse; network failures raise ProviderError.

    HTTP error statuses come back as responses, not exceptions, so that callers can
    read the provider's own error body (Zoom's JSON, BBB's XML).
    """

    def __init__(self, *, timeout: float = DEFAULT_TIMEOUT, user_agent: str = "allteach"):
        self.timeout = timeout
        self.user_agent = user_agent
        self._follow = urllib.request.build_opener()
        self._no_follow = urllib.request.build_opener(_NoRedirect)

    def request(
        self,
        method: str,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        body: bytes | None = None,
        follow_redirects: bool = True,
    ) -> HttpResponse:
        if not url.startswith(("https://", "http://")):
            raise ProviderError(f"refusing non-HTTP URL {url!r}")
        request = urllib.request.Request(url, data=body, method=method.upper())  # noqa: S310
        request.add_header("User-Agent", self.user_agent)
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        opener = self._follow if follow_redirects else self._no_follow
        try:
            with opener.open(request, timeout=self.timeout) as response:
                return HttpResponse(
                    status=response.status,
                    headers=_lower(response.headers.items()),
                    body=response.read(MAX_BODY_BYTES),
                )
        except urllib.error.HTTPError as error:
            with error:
                data = error.read(MAX_BODY_BYTES) if error.fp is not None else b""
            return HttpResponse(status=error.code, headers=_lower(error.headers.items()), body=data)
        except (
            urllib.error.URLError,
            TimeoutError,
            ConnectionError,
            http.client.HTTPException,
        ) as error:
            reason = getattr(error, "reason", error)
            raise ProviderError(f"could not reach {_origin(url)}: {reason}") from error

    def get(self, url: str, **kwargs) -> HttpResponse:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs) -> HttpResponse:
        return self.request("POST", url, **kwargs)


def _lower(items) -> dict[str, str]:
    return {name.lower(): value for name, value in items}


def _origin(url: str) -> str:
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}"
