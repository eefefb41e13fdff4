"""Zoom: server-to-server OAuth, meetings and registrants, the participants report, webhooks.

Every call goes through ``ZoomClient.request``, which keeps one access token until a
minute before it expires, renews it once on a 401, and retries 429s a bounded number
of times honouring ``Retry-After`` before raising ProviderRateLimited.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import quote, urlencode

from .base import (
    AttendanceEvent,
    AttendanceRow,
    MeetingRef,
    MeetingSpec,
    Participant,
    ProviderError,
    ProviderRateLimited,
    WebhookRejected,
    parse_timestamp,
)
from .http import HttpClient, HttpResponse
from .zoom_recurrence import RecurrenceRun, plan_series

API_BASE = "https://api.zoom.us/v2"
OAUTH_BASE = "https://zoom.us"
REPORT_PAGE_SIZE = 300
REPORT_SOURCE = "zoom-report"
WEBHOOK_SOURCE = "zoom-webhook"
MARKER_PREFIX = "[allteach:"
_RETRY_STATUSES_FOR_READS = {500, 502, 503, 504}


def encode_meeting_uuid(uuid: str) -> str:
    """Encode a meeting UUID for a URL path; Zoom wants ones with a leading / or // twice."""
    once = quote(uuid, safe="")
    if uuid.startswith("/") or "//" in uuid:
        return quote(once, safe="")
    return once


def meeting_marker(key: str) -> str:
    """The agenda prefix by which ensure_meeting finds a meeting it made before."""
    return f"{MARKER_PREFIX}{key}]"


class ZoomClient:
    """Authenticated calls to the Zoom REST API for one server-to-server OAuth app."""

    def __init__(
        self,
        *,
        account_id: str,
        client_id: str,
        client_secret: str,
        api_base: str = API_BASE,
        oauth_base: str = OAUTH_BASE,
        http: HttpClient | None = None,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
        max_retries: int = 3,
        max_retry_wait: float = 30.0,
        backoff_base: float = 1.0,
        renew_margin_seconds: int = 60,
    ):
        if not (account_id and client_id and client_secret):
            raise ValueError("Zoom needs an account id, a client id and a client secret")
        self.account_id = account_id
        self.client_id = client_id
        self.client_secret = client_secret
        self.api_base = api_base.rstrip("/")
        self.oauth_base = oauth_base.rstrip("/")
        self.http = http or HttpClient()
        self.clock = clock
        self.sleep = sleep
        self.max_retries = max_retries
        self.max_retry_wait = max_retry_wait
        self.backoff_base = backoff_base
        self.renew_margin_seconds = renew_margin_seconds
        self._token = ""
        self._token_renew_at = 0.0

    # -- authentication ----------------------------------------------------------

    def access_token(self) -> str:
        """Return a cached token, fetching a new one when it is within the renewal margin."""
        if self._token and self.clock() < self._token_renew_at:
            return self._token
        return self._fetch_token()

    def forget_token(self) -> None:
        self._token = ""
        self._token_renew_at = 0.0

    def _fetch_token(self) -> str:
        credentials = base64.b64encode(f"{self.client_id}:{self.client_secret}".encode()).decode()
        body = urlencode({"grant_type": "account_credentials", "account_id": self.account_id})
        response = self.http.post(
            f"{self.oauth_base}/oauth/token",
            headers={
                "Authorization": f"Basic {credentials}",
                "Content-Type": "application/x-www-form-urlencoded",
            },
            body=body.encode(),
        )
        data = _json_or_empty(response)
        if response.status != 200 or not data.get("access_token"):
            reason = data.get("reason") or data.get("error") or f"HTTP {response.status}"
            raise ProviderError(
                f"Zoom OAuth failed: {reason}", code=data.get("error"), status=response.status
            )
        lifetime = float(data.get("expires_in") or 3600)
        now = self.clock()
        self._token = str(data["access_token"])
        # Renew a minute early; very short lifetimes (tests, odd proxies) renew at half-life.
        self._token_renew_at = now + max(lifetime - self.renew_margin_seconds, lifetime / 2)
        return self._token

    # -- transport ---------------------------------------------------------------

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, object] | None = None,
        json_body: object = None,
    ) -> Any:
        """Call ``{api_base}{path}`` and return the decoded JSON (None for 204)."""
        query = urlencode({k: v for k, v in (params or {}).items() if v is not None})
        url = f"{self.api_base}{path}{'?' + query if query else ''}"
        body = json.dumps(json_body).encode() if json_body is not None else None
        renewed = False
        attempt = 0
        while True:
            headers = {
                "Authorization": f"Bearer {self.access_token()}",
                "Accept": "application/json",
            }
            if body is not None:
                headers["Content-Type"] = "application/json"
            response = self.http.request(method, url, headers=headers, body=body)
            if response.status == 401 and not renewed:
                # The token may have been revoked or expired early; renew once.
                renewed = True
                self.forget_token()
                continue
            retryable = response.status == 429 or (
                method.upper() == "GET" and response.status in _RETRY_STATUSES_FOR_READS
            )
            if retryable:
                delay = self._retry_delay(response, attempt)
                if attempt >= self.max_retries or delay > self.max_retry_wait:
                    if response.status == 429:
                        data = _json_or_empty(response)
                        raise ProviderRateLimited(
                            str(data.get("message") or "Zoom rate limit reached"),
                            retry_after=delay,
                            code=data.get("code"),
                            status=429,
                        )
                    raise _error(response)
                self.sleep(delay)
                attempt += 1
                continue
            if response.status >= 400:
                raise _error(response)
            return _json_or_empty(response) if response.body else None

    def _retry_delay(self, response: HttpResponse, attempt: int) -> float:
        header = response.headers.get("retry-after", "").strip()
        if header:
            try:
                return max(0.0, float(header))
            except ValueError:
                try:
                    return max(0.0, parsedate_to_datetime(header).timestamp() - self.clock())
                except (TypeError, ValueError):
                    pass
        return self.backoff_base * (2**attempt)

    # -- meetings ----------------------------------------------------------------

    def create_meeting(self, body: Mapping[str, Any], *, user_id: str = "me") -> dict[str, Any]:
        return self.request("POST", f"/users/{quote(user_id, safe='')}/meetings", json_body=body)

    def get_meeting(self, meeting_id: str | int) -> dict[str, Any]:
        return self.request("GET", f"/meetings/{quote(str(meeting_id), safe='')}")

    def list_meetings(self, *, user_id: str = "me", kind: str = "scheduled") -> Iterator[dict]:
        """Yield every meeting of the user, following ``next_page_token``."""
        token = ""
        while True:
            page = self.request(
                "GET",
                f"/users/{quote(user_id, safe='')}/meetings",
                params={"type": kind, "page_size": 300, "next_page_token": token or None},
            )
            yield from page.get("meetings") or []
            token = page.get("next_page_token") or ""
            if not token:
                return

    def end_meeting(self, meeting_id: str | int) -> None:
        self.request(
            "PUT",
            f"/meetings/{quote(str(meeting_id), safe='')}/status",
            json_body={"action": "end"},
        )

    def add_registrant(
        self,
        meeting_id: str | int,
        *,
        email: str,
        first_name: str,
        last_name: str = "",
        occurrence_ids: Sequence[str] = (),
    ) -> dict[str, Any]:
        """Register a person; the answer carries ``registrant_id`` and a personal ``join_url``."""
        params = {"occurrence_ids": ",".join(occurrence_ids)} if occurrence_ids else None
        body = {"email": email, "first_name": first_name[:64] or email}
        if last_name:
            body["last_name"] = last_name[:64]
        return self.request(
            "POST",
            f"/meetings/{quote(str(meeting_id), safe='')}/registrants",
            params=params,
            json_body=body,
        )

    def participants_report(
        self, meeting: str | int, *, page_size: int = REPORT_PAGE_SIZE
    ) -> list[dict[str, Any]]:
        """Return every participant row of a past meeting (an id, or an instance UUID)."""
        if not 1 <= page_size <= REPORT_PAGE_SIZE:
            raise ValueError(f"page_size must be 1-{REPORT_PAGE_SIZE}")
        path_id = str(meeting) if str(meeting).isdigit() else encode_meeting_uuid(str(meeting))
        rows: list[dict[str, Any]] = []
        token = ""
        while True:
            page = self.request(
                "GET",
                f"/report/meetings/{path_id}/participants",
                params={"page_size": page_size, "next_page_token": token or None},
            )
            rows.extend(page.get("participants") or [])
            token = page.get("next_page_token") or ""
            if not token:
                return rows

    def past_instances(self, meeting_id: str | int) -> list[dict[str, Any]]:
        """Return ``[{uuid, start_time}]`` for each ended instance of a (recurring) meeting."""
        data = self.request("GET", f"/past_meetings/{quote(str(meeting_id), safe='')}/instances")
        return list(data.get("meetings") or [])


def _json_or_empty(response: HttpResponse) -> dict[str, Any]:
    try:
        data = response.json()
    except ProviderError:
        return {}
    return data if isinstance(data, dict) else {}


def _error(response: HttpResponse) -> ProviderError:
    data = _json_or_empty(response)
    message = data.get("message") or data.get("reason") or f"Zoom answered HTTP {response.status}"
    return ProviderError(str(message), code=data.get("code"), status=response.status)


class ZoomProvider:
    """ConferenceProvider for Zoom; people join through personal registrant links."""

    kind = "zoom"

    def __init__(
        self,
        client: ZoomClient,
        *,
        user_id: str = "me",
        registration: bool = True,
        meeting_settings: Mapping[str, Any] | None = None,
    ):
        self.client = client
        self.user_id = user_id
        self.registration = registration
        self.meeting_settings = dict(meeting_settings or {})

    def ensure_meeting(self, meeting: MeetingSpec) -> MeetingRef:
        """Create one scheduled meeting (type 2) unless one with this key's marker exists."""
        existing = self._existing([meeting.key])
        if meeting.key in existing:
            return self._ref(meeting.key, existing[meeting.key])
        body = self._body(
            key=meeting.key,
            title=meeting.title,
            start_utc=meeting.start_utc,
            duration_minutes=meeting.duration_minutes,
            timezone=meeting.timezone,
            agenda=str(meeting.meta.get("agenda", "")),
        )
        return self._ref(meeting.key, self.client.create_meeting(body, user_id=self.user_id))

    def ensure_series(
        self,
        *,
        key: str,
        title: str,
        occurrences: Sequence[datetime],
        duration_minutes: int,
        timezone: str,
        agenda: str = "",
    ) -> list[MeetingRef]:
        """Create the Zoom meetings that together cover every occurrence; idempotent per key.

        Each run of ``plan_series`` becomes one meeting keyed ``{key}#{n}``; a changed
        list of occurrences gives different runs, so cancel and re-create on edits.
        """
        runs = plan_series(occurrences, timezone)
        keys = [f"{key}#{number}" for number in range(1, len(runs) + 1)]
        existing = self._existing(keys)
        refs = []
        for run_key, run in zip(keys, runs, strict=True):
            if run_key in existing:
                refs.append(self._ref(run_key, existing[run_key], run))
                continue
            body = self._body(
                key=run_key,
                title=title,
                start_utc=run.start_utc,
                duration_minutes=duration_minutes,
                timezone=timezone,
                agenda=agenda,
                recurrence=run.recurrence,
            )
            refs.append(
                self._ref(run_key, self.client.create_meeting(body, user_id=self.user_id), run)
            )
        return refs

    def join_url(self, meeting: MeetingRef, person: Participant, *, moderator: bool) -> str:
        """Hosts get a fresh ``start_url``; others a personal registrant link when possible."""
        if moderator:
            return str(self.client.get_meeting(meeting.external_id)["start_url"])
        if not (self.registration and person.email):
            return meeting.join_url
        registrant = self.client.add_registrant(
            meeting.external_id, email=person.email, first_name=person.name
        )
        return str(registrant.get("join_url") or meeting.join_url)

    def register(self, meeting: MeetingRef, person: Participant) -> dict[str, Any]:
        """Register a person and return Zoom's answer (``registrant_id``, ``join_url``)."""
        return self.client.add_registrant(
            meeting.external_id, email=person.email, first_name=person.name
        )

    def end_meeting(self, meeting: MeetingRef) -> None:
        try:
            self.client.end_meeting(meeting.external_id)
        except ProviderError as error:
            # 3001: the meeting no longer exists, which is as ended as it gets.
            if error.code != 3001:
                raise

    def fetch_attendance(self, meeting: MeetingRef) -> list[AttendanceRow]:
        """Read the participants report; pass an instance ``uuid`` in data for recurring meetings."""
        target = meeting.data.get("instance_uuid") or meeting.external_id
        return [report_row(row) for row in self.client.participants_report(target)]

    def _existing(self, keys: Sequence[str]) -> dict[str, dict[str, Any]]:
        wanted = {meeting_marker(key): key for key in keys}
        found: dict[str, dict[str, Any]] = {}
        for item in self.client.list_meetings(user_id=self.user_id):
            agenda = str(item.get("agenda") or "")
            marker = agenda.split("\n", 1)[0].strip()
            if marker in wanted:
                found.setdefault(wanted[marker], item)
        return found

    def _body(
        self,
        *,
        key: str,
        title: str,
        start_utc: datetime,
        duration_minutes: int,
        timezone: str,
        agenda: str,
        recurrence: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        if start_utc.tzinfo is None:
            raise ValueError("start_utc must be timezone-aware")
        settings: dict[str, Any] = {"join_before_host": True, "waiting_room": False}
        if self.registration:
            # Automatic approval; one registration covers every occurrence.
            settings.update({"approval_type": 0, "registration_type": 1})
        settings.update(self.meeting_settings)
        body: dict[str, Any] = {
            "topic": title[:200],
            "type": 2 if recurrence is None else 8,
            "start_time": start_utc.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "duration": int(duration_minutes),
            "timezone": timezone,
            "agenda": f"{meeting_marker(key)}\n{agenda}".strip()[:2000],
            "settings": settings,
        }
        if recurrence is not None:
            body["recurrence"] = dict(recurrence)
        return body

    def _ref(
        self, key: str, item: Mapping[str, Any], run: RecurrenceRun | None = None
    ) -> MeetingRef:
        data = {"uuid": str(item.get("uuid") or ""), "type": str(item.get("type") or "")}
        if run is not None:
            data["occurrence_count"] = str(len(run.occurrences))
        return MeetingRef(
            kind=self.kind,
            key=key,
            external_id=str(item["id"]),
            join_url=str(item.get("join_url") or ""),
            data=data,
        )


def report_row(row: Mapping[str, Any]) -> AttendanceRow:
    """Turn one participants-report row into an AttendanceRow; ``duration`` is in seconds."""
    leave = row.get("leave_time")
    duration = row.get("duration")
    return AttendanceRow(
        name=str(row.get("name") or ""),
        email=str(row.get("user_email") or ""),
        registrant_id=str(row.get("registrant_id") or ""),
        user_id="",
        join=parse_timestamp(row.get("join_time")),
        leave=parse_timestamp(leave) if leave else None,
        source=REPORT_SOURCE,
        duration_seconds=int(duration) if duration not in (None, "") else None,
        provider_user_id=str(row.get("participant_user_id") or row.get("id") or ""),
    )


# -- webhooks ------------------------------------------------------------------------


def webhook_signature(secret: str, timestamp: str, raw_body: bytes) -> str:
    """Return ``v0=`` + hex HMAC-SHA256 of ``v0:{timestamp}:{raw body}``."""
    message = b"v0:" + timestamp.encode() + b":" + raw_body
    return "v0=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def verify_zoom_webhook(
    secret: str,
    timestamp_header: str,
    signature_header: str,
    raw_body: bytes,
    *,
    now: datetime | float,
    tolerance: int = 300,
) -> None:
    """Raise WebhookRejected unless the signature matches and the timestamp is fresh."""
    if not secret:
        raise WebhookRejected("no Zoom webhook secret configured")
    timestamp = (timestamp_header or "").strip()
    if not timestamp.isdigit():
        raise WebhookRejected("missing or malformed x-zm-request-timestamp")
    sent = int(timestamp)
    sent_seconds = sent / 1000 if sent > 10**11 else sent
    current = now.timestamp() if isinstance(now, datetime) else float(now)
    if abs(current - sent_seconds) > tolerance:
        raise WebhookRejected("stale Zoom webhook timestamp")
    expected = webhook_signature(secret, timestamp, raw_body)
    if not hmac.compare_digest(expected.encode(), (signature_header or "").strip().encode()):
        raise WebhookRejected("Zoom webhook signature does not match")


def url_validation_response(secret: str, plain_token: str) -> dict[str, str]:
    """Answer Zoom's ``endpoint.url_validation`` challenge."""
    encrypted = hmac.new(secret.encode(), plain_token.encode(), hashlib.sha256).hexdigest()
    return {"plainToken": plain_token, "encryptedToken": encrypted}


_PARTICIPANT_EVENTS = {
    "meeting.participant_joined": ("joined", "join_time"),
    "meeting.participant_left": ("left", "leave_time"),
}


def parse_participant_event(payload: Mapping[str, Any]) -> AttendanceEvent:
    """Read a participant joined/left webhook; ``dedupe_key`` is stable across Zoom's retries."""
    event = payload.get("event")
    if event not in _PARTICIPANT_EVENTS:
        raise WebhookRejected(f"not a participant event: {event!r}")
    kind, time_field = _PARTICIPANT_EVENTS[event]
    try:
        obj = payload["payload"]["object"]
        person = obj["participant"]
        at = parse_timestamp(person[time_field])
        event_ts = int(payload["event_ts"])
    except (KeyError, TypeError, ValueError) as error:
        raise WebhookRejected(f"malformed {event} payload: {error!r}") from None
    meeting_uuid = str(obj.get("uuid") or "")
    participant_uuid = str(person.get("participant_uuid") or "")
    who = participant_uuid or str(person.get("user_id") or person.get("id") or "")
    return AttendanceEvent(
        kind=kind,
        meeting_id=str(obj.get("id") or ""),
        meeting_uuid=meeting_uuid,
        participant_uuid=participant_uuid,
        name=str(person.get("user_name") or ""),
        email=str(person.get("email") or ""),
        registrant_id=str(person.get("registrant_id") or ""),
        provider_user_id=str(person.get("participant_user_id") or person.get("id") or ""),
        at=at,
        event_ts=event_ts,
        dedupe_key=f"zoom:{event}:{meeting_uuid}:{who}:{event_ts}",
        source=WEBHOOK_SOURCE,
    )
