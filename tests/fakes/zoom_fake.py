"""A local Zoom API following the published contract: OAuth, meetings, registrants, reports.

Checks what Zoom checks (Basic auth and grant type on /oauth/token, bearer tokens and
their expiry, recurrence fields, ``end_times`` <= 50, report ``page_size`` <= 300,
double-encoded UUIDs) and answers Zoom's JSON errors. 429s can be injected.
"""

from __future__ import annotations

import base64
import calendar
import itertools
import json
import secrets
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from urllib.parse import parse_qsl, unquote
from zoneinfo import ZoneInfo

from ._server import FakeServer, Recorded, Reply

INVALID_TOKEN = {"code": 124, "message": "Invalid access token."}
EXPIRED_TOKEN = {"code": 124, "message": "Access token is expired."}
RATE_LIMITED = {
    "code": 429,
    "message": "You have reached the maximum per-second rate limit for this API. Try again later.",
}


def _bad(message: str) -> Reply:
    return Reply.json(400, {"code": 300, "message": message})


def _not_found(meeting: str) -> Reply:
    return Reply.json(404, {"code": 3001, "message": f"Meeting does not exist: {meeting}."})


class ZoomFake(FakeServer):
    def __init__(
        self,
        *,
        account_id: str = "acct-1",
        client_id: str = "client-1",
        client_secret: str = "secret-1",
        token_lifetime: int = 3600,
        clock: Callable[[], float] = time.time,
    ):
        super().__init__()
        self.account_id = account_id
        self.client_id = client_id
        self.client_secret = client_secret
        self.token_lifetime = token_lifetime
        self.clock = clock
        self.tokens: dict[str, float] = {}
        self.meetings: dict[str, dict] = {}
        self.registrants: dict[str, dict[str, dict]] = {}
        self.reports: dict[str, list[dict]] = {}
        self.instances: dict[str, list[dict]] = {}
        self.status_changes: list[tuple[str, str]] = []
        self._pages: dict[str, tuple[str, int, int]] = {}
        self._ids = itertools.count(81_234_567_890)
        self._rate_limits: list[str | None] = []

    @property
    def api_base(self) -> str:
        return f"{self.url}/v2"

    @property
    def oauth_base(self) -> str:
        return self.url

    # -- test controls -------------------------------------------------------------

    def rate_limit_next(self, count: int, *, retry_after: str | None = "1") -> None:
        """Answer the next ``count`` API calls with 429 (Retry-After omitted if None)."""
        self._rate_limits.extend([retry_after] * count)

    def revoke_tokens(self) -> None:
        self.tokens.clear()

    def add_report(self, meeting: str, rows: list[dict]) -> None:
        """Store participant rows under a meeting id or an instance UUID."""
        self.reports[meeting] = rows

    @property
    def token_requests(self) -> list[Recorded]:
        return self.requests_to("/oauth/token", "POST")

    # -- dispatch ------------------------------------------------------------------

    def handle(self, request: Recorded) -> Reply:
        if request.path == "/oauth/token":
            return self._oauth(request)
        if not request.path.startswith("/v2/"):
            return Reply.json(404, {"code": 404, "message": "Not found"})
        auth = request.headers.get("authorization", "")
        token = auth[7:] if auth.startswith("Bearer ") else ""
        if token not in self.tokens:
            return Reply.json(401, INVALID_TOKEN)
        if self.tokens[token] <= self.clock():
            return Reply.json(401, EXPIRED_TOKEN)
        if self._rate_limits:
            retry_after = self._rate_limits.pop(0)
            headers = {"Retry-After": retry_after} if retry_after is not None else {}
            headers["X-RateLimit-Type"] = "Light"
            return Reply.json(429, RATE_LIMITED, headers)
        segments = request.path[len("/v2/") :].split("/")
        method = request.method
        match segments:
            case ["users", _user, "meetings"] if method == "POST":
                return self._create(request)
            case ["users", _user, "meetings"] if method == "GET":
                return self._list(request)
            case ["meetings", meeting_id] if method == "GET":
                meeting = self.meetings.get(unquote(meeting_id))
                return Reply.json(200, meeting) if meeting else _not_found(meeting_id)
            case ["meetings", meeting_id, "status"] if method == "PUT":
                if unquote(meeting_id) not in self.meetings:
                    return _not_found(meeting_id)
                action = request_json(request).get("action")
                if action not in ("end", "recover"):
                    return _bad("Invalid field: action")
                self.status_changes.append((unquote(meeting_id), action))
                return Reply(204)
            case ["meetings", meeting_id, "registrants"] if method == "POST":
                return self._register(unquote(meeting_id), request)
            case ["report", "meetings", raw_id, "participants"] if method == "GET":
                return self._report(raw_id, request)
            case ["past_meetings", meeting_id, "instances"] if method == "GET":
                return Reply.json(200, {"meetings": self.instances.get(unquote(meeting_id), [])})
        return Reply.json(404, {"code": 404, "message": "Not found"})

    # -- OAuth ---------------------------------------------------------------------

    def _oauth(self, request: Recorded) -> Reply:
        if request.method != "POST":
            return Reply.json(405, {"reason": "Method not allowed", "error": "invalid_request"})
        expected = base64.b64encode(f"{self.client_id}:{self.client_secret}".encode()).decode()
        if request.headers.get("authorization") != f"Basic {expected}":
            return Reply.json(
                401, {"reason": "Invalid client_id or client_secret", "error": "invalid_client"}
            )
        # Zoom reads these from the query string or a form body.
        fields = dict(request.params)
        if request.body:
            fields.update(parse_qsl(request.body.decode()))
        if fields.get("grant_type") != "account_credentials":
            return Reply.json(
                400, {"reason": "Unsupported grant type", "error": "unsupported_grant_type"}
            )
        if fields.get("account_id") != self.account_id:
            return Reply.json(400, {"reason": "Invalid account_id", "error": "invalid_request"})
        token = secrets.token_urlsafe(24)
        self.tokens[token] = self.clock() + self.token_lifetime
        return Reply.json(
            200,
            {
                "access_token": token,
                "token_type": "bearer",
                "expires_in": self.token_lifetime,
                "scope": "meeting:write:admin report:read:admin",
                "api_url": "https://api.zoom.us",
            },
        )

    # -- meetings ------------------------------------------------------------------

    def _create(self, request: Recorded) -> Reply:
        body = request_json(request)
        kind = body.get("type", 2)
        if kind not in (1, 2, 3, 8):
            return _bad("Invalid field: type")
        if not body.get("topic"):
            return _bad("Invalid field: topic")
        occurrences = []
        if kind == 8:
            error = validate_recurrence(body.get("recurrence"))
            if error:
                return _bad(error)
            start = _zoom_time(body["start_time"])
            occurrences = expand_recurrence(body["recurrence"], start, body.get("timezone", "UTC"))
        meeting_id = str(next(self._ids))
        settings = body.get("settings") or {}
        meeting = {
            "id": int(meeting_id),
            "uuid": _uuid(),
            "host_id": "host-1",
            "topic": body["topic"],
            "type": kind,
            "start_time": body.get("start_time"),
            "duration": body.get("duration", 60),
            "timezone": body.get("timezone", "UTC"),
            "agenda": body.get("agenda", ""),
            "created_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "join_url": f"https://zoom.example/j/{meeting_id}",
            "start_url": f"https://zoom.example/s/{meeting_id}?zak={secrets.token_hex(8)}",
            "settings": {"approval_type": 2, **settings},
        }
        if kind == 8:
            meeting["recurrence"] = body["recurrence"]
            meeting["occurrences"] = [
                {
                    "occurrence_id": str(int(when.timestamp() * 1000)),
                    "start_time": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "duration": meeting["duration"],
                    "status": "available",
                }
                for when in occurrences
            ]
        self.meetings[meeting_id] = meeting
        return Reply.json(201, meeting)

    def _list(self, request: Recorded) -> Reply:
        size = int(request.params.get("page_size") or 30)
        if not 1 <= size <= 300:
            return _bad("Invalid field: page_size")
        items = [
            {
                k: m[k]
                for k in (
                    "id",
                    "uuid",
                    "topic",
                    "type",
                    "start_time",
                    "duration",
                    "timezone",
                    "agenda",
                    "join_url",
                    "created_at",
                    "host_id",
                )
            }
            for m in self.meetings.values()
        ]
        return self._page("list", items, "meetings", size, request)

    def _register(self, meeting_id: str, request: Recorded) -> Reply:
        meeting = self.meetings.get(meeting_id)
        if meeting is None:
            return _not_found(meeting_id)
        if meeting["settings"].get("approval_type") not in (0, 1):
            return Reply.json(
                400,
                {"code": 3000, "message": "Registration has not been enabled for this meeting."},
            )
        body = request_json(request)
        if not body.get("email") or "@" not in body["email"]:
            return _bad("Invalid field: email")
        if not body.get("first_name"):
            return _bad("Invalid field: first_name")
        people = self.registrants.setdefault(meeting_id, {})
        existing = people.get(body["email"].lower())
        if existing is None:
            registrant_id = secrets.token_urlsafe(16)
            existing = {
                "id": int(meeting_id),
                "registrant_id": registrant_id,
                "join_url": f"https://zoom.example/w/{meeting_id}?tk={registrant_id}",
                "topic": meeting["topic"],
                "start_time": meeting["start_time"],
                "email": body["email"],
                "first_name": body["first_name"],
                "last_name": body.get("last_name", ""),
            }
            people[body["email"].lower()] = existing
        return Reply.json(201, existing)

    # -- reports -------------------------------------------------------------------

    def _report(self, raw_id: str, request: Recorded) -> Reply:
        once = unquote(raw_id)
        if once.startswith("/") or "//" in once:
            # Zoom's gateway decodes once and then routes on the slashes: not found.
            return _not_found(once)
        key = unquote(once) if "%" in once else once
        if key not in self.reports:
            return _not_found(key)
        size = int(request.params.get("page_size") or 30)
        if not 1 <= size <= 300:
            return _bad("Invalid field: page_size")
        return self._page(f"report:{key}", self.reports[key], "participants", size, request)

    def _page(self, scope: str, items: list, field: str, size: int, request: Recorded) -> Reply:
        token = request.params.get("next_page_token") or ""
        offset = 0
        if token:
            saved = self._pages.get(token)
            if saved is None or saved[0] != scope or saved[2] != size:
                return _bad("Invalid field: next_page_token")
            offset = saved[1]
        page = items[offset : offset + size]
        next_token = ""
        if offset + size < len(items):
            next_token = secrets.token_urlsafe(12)
            self._pages[next_token] = (scope, offset + size, size)
        return Reply.json(
            200,
            {
                "page_count": -(-len(items) // size),
                "page_size": size,
                "total_records": len(items),
                "next_page_token": next_token,
                field: page,
            },
        )


def request_json(request: Recorded) -> dict:
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _uuid() -> str:
    return base64.b64encode(secrets.token_bytes(16)).decode()


def _zoom_time(value: str) -> datetime:
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def validate_recurrence(recurrence: object) -> str:
    """Return Zoom's complaint about a type 8 recurrence, or '' if it is valid."""
    if not isinstance(recurrence, dict):
        return "Recurrence is required for a recurring meeting with fixed time."
    kind = recurrence.get("type")
    limits = {1: 99, 2: 50, 3: 10}
    if kind not in limits:
        return "Invalid field: recurrence.type"
    interval = recurrence.get("repeat_interval", 1)
    if not isinstance(interval, int) or not 1 <= interval <= limits[kind]:
        return "Invalid field: recurrence.repeat_interval"
    if kind == 2:
        days = str(recurrence.get("weekly_days", ""))
        parts = days.split(",")
        if not days or any(p not in {"1", "2", "3", "4", "5", "6", "7"} for p in parts):
            return "Invalid field: recurrence.weekly_days"
    if kind == 3:
        if "monthly_day" in recurrence:
            if recurrence["monthly_day"] not in range(1, 32):
                return "Invalid field: recurrence.monthly_day"
        elif recurrence.get("monthly_week") not in (-1, 1, 2, 3, 4) or recurrence.get(
            "monthly_week_day"
        ) not in range(1, 8):
            return "Invalid field: recurrence.monthly_week"
    has_times = "end_times" in recurrence
    if has_times == ("end_date_time" in recurrence):
        return "Either end_times or end_date_time is required, not both."
    if has_times:
        times = recurrence["end_times"]
        if not isinstance(times, int) or not 1 <= times <= 50:
            return "Invalid field: recurrence.end_times must be between 1 and 50."
    return ""


def expand_recurrence(recurrence: dict, start: datetime, timezone: str) -> list[datetime]:
    """The fake's own reading of a Zoom recurrence, walking the calendar day by day."""
    zone = ZoneInfo(timezone)
    local = start.astimezone(zone)
    if "end_times" in recurrence:
        limit, until = recurrence["end_times"], None
    else:
        limit, until = 50, _zoom_time(recurrence["end_date_time"])
    kind, interval = recurrence["type"], recurrence.get("repeat_interval", 1)
    first = local.date()
    sunday = first - timedelta(days=(first.weekday() + 1) % 7)
    result: list[datetime] = []
    day = first
    while len(result) < limit and day < first + timedelta(days=366 * 12):
        if kind == 1:
            hit = (day - first).days % interval == 0
        elif kind == 2:
            week = (day - sunday).days // 7
            zoom_day = str((day.weekday() + 1) % 7 + 1)
            hit = week % interval == 0 and zoom_day in recurrence["weekly_days"].split(",")
        else:
            months = (day.year - first.year) * 12 + day.month - first.month
            hit = months % interval == 0 and _monthly_hit(recurrence, day)
        if hit:
            when = datetime.combine(day, local.time(), zone).astimezone(UTC)
            if until is not None and when > until:
                break
            result.append(when)
        day += timedelta(days=1)
    return result


def _monthly_hit(recurrence: dict, day: date) -> bool:
    if "monthly_day" in recurrence:
        return day.day == recurrence["monthly_day"]
    zoom_day = (day.weekday() + 1) % 7 + 1
    if zoom_day != recurrence["monthly_week_day"]:
        return False
    week = recurrence["monthly_week"]
    if week == -1:
        return day.day + 7 > calendar.monthrange(day.year, day.month)[1]
    return (day.day - 1) // 7 + 1 == week
