"""BigBlueButton: signed API calls, role-based join links and the learning-analytics callback.

Every API call carries ``checksum = SHA(callName + query + sharedSecret)`` over the
query exactly as sent. Attendance is not queryable after a meeting: BBB posts it to
``meta_analytics-callback-url`` as JSON authenticated by a ``Bearer`` JWT (HS512,
signed with the shared secret) once the meeting's events are processed.
"""

from __future__ import annotations

import hashlib
import json
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any
from urllib.parse import quote, urlencode

import jwt

from .base import (
    AttendanceRow,
    MeetingRef,
    MeetingSpec,
    Participant,
    ProviderError,
    WebhookRejected,
    parse_timestamp,
)
from .http import HttpClient

CHECKSUM_ALGORITHMS = {
    "sha1": hashlib.sha1,
    "sha256": hashlib.sha256,
    "sha384": hashlib.sha384,
    "sha512": hashlib.sha512,
}
# Elements whose children form a list even when there is only one child.
_LIST_ELEMENTS = {"attendees", "recordings", "playback", "preview", "images", "breakoutRooms"}
_TEXT_LIST_ELEMENTS = {"breakoutRooms"}
ANALYTICS_SOURCE = "bbb-analytics"


def checksum(call_name: str, query: str, secret: str, algorithm: str = "sha256") -> str:
    """Return the hex checksum BBB expects for one call and its query string."""
    try:
        digest = CHECKSUM_ALGORITHMS[algorithm.lower()]
    except KeyError:
        raise ValueError(f"unsupported BBB checksum algorithm {algorithm!r}") from None
    return digest(f"{call_name}{query}{secret}".encode()).hexdigest()


def validate_meeting_id(meeting_id: str) -> str:
    """Return the meetingID if BBB will accept it (2-256 characters, no commas)."""
    if not 2 <= len(meeting_id) <= 256:
        raise ProviderError(f"BBB meetingID must be 2-256 characters, got {len(meeting_id)}")
    if "," in meeting_id:
        raise ProviderError("BBB meetingID must not contain a comma")
    return meeting_id


def parse_response(body: bytes | str) -> dict[str, Any]:
    """Parse a BBB XML answer into plain dicts; FAILED raises ProviderError with messageKey."""
    text = body.decode("utf-8", errors="replace") if isinstance(body, bytes) else body
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        # The API never sends a DTD; refusing one avoids entity tricks altogether.
        raise ProviderError("BBB answer contains a DTD; refusing to parse it")
    try:
        root = ET.fromstring(text)  # noqa: S314 - no DTD allowed, see above
    except ET.ParseError as error:
        raise ProviderError(f"BBB answered something that is not XML: {text[:200]!r}") from error
    result = _to_python(root)
    if not isinstance(result, dict):
        raise ProviderError("BBB answer has no response fields")
    if result.get("returncode") != "SUCCESS":
        key = result.get("messageKey") or "unknownError"
        message = result.get("message") or key
        raise ProviderError(str(message), code=str(key))
    return result


def _to_python(element: ET.Element) -> Any:
    children = list(element)
    if element.tag in _LIST_ELEMENTS:
        if element.tag in _TEXT_LIST_ELEMENTS:
            return [(child.text or "").strip() for child in children]
        return [_to_python(child) for child in children]
    if not children:
        return (element.text or "").strip()
    return {child.tag: _to_python(child) for child in children}


class BBBClient:
    """Calls to one BigBlueButton (or Scalelite) server."""

    def __init__(
        self,
        *,
        base_url: str,
        secret: str,
        checksum_algorithm: str = "sha256",
        http: HttpClient | None = None,
    ):
        if checksum_algorithm.lower() not in CHECKSUM_ALGORITHMS:
            raise ValueError(f"unsupported BBB checksum algorithm {checksum_algorithm!r}")
        if not secret:
            raise ValueError("a BBB shared secret is required")
        url = base_url.strip().rstrip("/")
        self.api_url = url if url.endswith("/api") else f"{url}/api"
        self.secret = secret
        self.checksum_algorithm = checksum_algorithm.lower()
        self.http = http or HttpClient()

    def url(
        self, call_name: str, params: Mapping[str, object] | Sequence[tuple[str, object]]
    ) -> str:
        """Return the signed URL for a call; parameter order is kept as given."""
        items = params.items() if isinstance(params, Mapping) else params
        pairs = [(name, _param(value)) for name, value in items if value is not None]
        query = urlencode(pairs)
        signature = checksum(call_name, query, self.secret, self.checksum_algorithm)
        separator = "&" if query else ""
        return f"{self.api_url}/{call_name}?{query}{separator}checksum={signature}"

    def call(self, call_name: str, params: Mapping[str, object] | Sequence[tuple[str, object]]):
        """Send a signed GET and return the parsed response fields."""
        response = self.http.get(self.url(call_name, params))
        if response.status >= 500 or not response.body:
            raise ProviderError(f"BBB {call_name} failed", status=response.status)
        return parse_response(response.body)

    def create(
        self,
        *,
        meeting_id: str,
        name: str,
        meta: Mapping[str, str] | None = None,
        analytics_callback_url: str = "",
        extra: Mapping[str, object] | None = None,
    ) -> dict[str, Any]:
        """Create the meeting, or get the running one back: BBB's create is idempotent."""
        params: list[tuple[str, object]] = [
            ("name", name),
            ("meetingID", validate_meeting_id(meeting_id)),
            # Keeps events.xml, which the analytics callback is computed from.
            ("meetingKeepEvents", True),
        ]
        params.extend((name_, value) for name_, value in (extra or {}).items())
        for key, value in (meta or {}).items():
            params.append((f"meta_{key}", value))
        if analytics_callback_url:
            params.append(("meta_analytics-callback-url", analytics_callback_url))
        return self.call("create", params)

    def join_url(
        self,
        *,
        meeting_id: str,
        full_name: str,
        moderator: bool,
        user_id: str = "",
        create_time: str = "",
        extra: Mapping[str, object] | None = None,
    ) -> str:
        """Return a signed join link; the browser follows it, we never fetch it."""
        params: list[tuple[str, object]] = [
            ("fullName", full_name),
            ("meetingID", meeting_id),
            ("role", "MODERATOR" if moderator else "VIEWER"),
        ]
        if user_id:
            params.append(("userID", user_id))
        if create_time:
            # Stops an old link from opening a later meeting that reuses the meetingID.
            params.append(("createTime", create_time))
        params.extend((extra or {}).items())
        return self.url("join", params)

    def end(self, meeting_id: str) -> None:
        self.call("end", [("meetingID", meeting_id)])

    def get_meeting_info(self, meeting_id: str) -> dict[str, Any]:
        return self.call("getMeetingInfo", [("meetingID", meeting_id)])

    def is_meeting_running(self, meeting_id: str) -> bool:
        return self.call("isMeetingRunning", [("meetingID", meeting_id)]).get("running") == "true"

    def get_recordings(self, meeting_id: str | Iterable[str] | None = None) -> list[dict[str, Any]]:
        params: list[tuple[str, object]] = []
        if meeting_id is not None:
            ids = [meeting_id] if isinstance(meeting_id, str) else list(meeting_id)
            params.append(("meetingID", ",".join(ids)))
        result = self.call("getRecordings", params)
        recordings = result.get("recordings")
        return recordings if isinstance(recordings, list) else []


def _param(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class BBBProvider:
    """ConferenceProvider for BigBlueButton; attendance arrives by the analytics callback."""

    kind = "bbb"

    def __init__(
        self,
        client: BBBClient,
        *,
        analytics_callback_url: str = "",
        create_params: Mapping[str, object] | None = None,
    ):
        """``analytics_callback_url`` may hold ``{key}``, replaced by the quoted meeting key."""
        self.client = client
        self.analytics_callback_url = analytics_callback_url
        self.create_params = dict(create_params or {})

    def ensure_meeting(self, meeting: MeetingSpec) -> MeetingRef:
        callback = self.analytics_callback_url.replace("{key}", quote(meeting.key, safe=""))
        meta = {"allteach-key": meeting.key, **{k.lower(): v for k, v in meeting.meta.items()}}
        result = self.client.create(
            meeting_id=meeting.key,
            name=meeting.title,
            meta=meta,
            analytics_callback_url=callback,
            extra=self.create_params,
        )
        return MeetingRef(
            kind=self.kind,
            key=meeting.key,
            external_id=str(result.get("meetingID") or meeting.key),
            data={
                "create_time": str(result.get("createTime", "")),
                "internal_meeting_id": str(result.get("internalMeetingID", "")),
            },
        )

    def join_url(self, meeting: MeetingRef, person: Participant, *, moderator: bool) -> str:
        return self.client.join_url(
            meeting_id=meeting.external_id,
            full_name=person.name,
            moderator=moderator,
            user_id=str(person.id),
            create_time=str(meeting.data.get("create_time", "")),
        )

    def end_meeting(self, meeting: MeetingRef) -> None:
        try:
            self.client.end(meeting.external_id)
        except ProviderError as error:
            # Already over is what we wanted.
            if error.code != "notFound":
                raise

    def fetch_attendance(self, meeting: MeetingRef) -> list[AttendanceRow]:
        """BBB has no attendance report to fetch; use parse_analytics_callback on the callback."""
        return []


def verify_analytics_callback(
    body: bytes,
    authorization_header: str,
    secret: str,
    *,
    algorithm: str = "HS512",
    now: datetime | float | None = None,
    leeway_seconds: int = 30,
) -> dict[str, Any]:
    """Authenticate BBB's analytics POST and return its JSON payload.

    Only ``Bearer <JWT>`` signed with the shared secret using ``algorithm`` is
    accepted; ``none`` and every other algorithm are refused, and ``exp`` is required.
    """
    if algorithm not in {"HS256", "HS384", "HS512"}:
        raise ValueError(f"unsupported analytics JWT algorithm {algorithm!r}")
    scheme, _, token = (authorization_header or "").strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise WebhookRejected("analytics callback without a Bearer token")
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError as error:
        raise WebhookRejected(f"malformed analytics token: {error}") from None
    if header.get("alg") != algorithm:
        raise WebhookRejected(f"analytics token algorithm {header.get('alg')!r} is not {algorithm}")
    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=[algorithm],
            options={"require": ["exp"], "verify_exp": False},
        )
    except jwt.PyJWTError as error:
        raise WebhookRejected(f"analytics token rejected: {error}") from None
    current = _epoch(now)
    try:
        expires = float(claims["exp"])
    except (TypeError, ValueError):
        raise WebhookRejected("analytics token has a non-numeric exp") from None
    if expires < current - leeway_seconds:
        raise WebhookRejected("analytics token has expired")
    try:
        payload = json.loads(body)
    except ValueError:
        raise WebhookRejected("analytics callback body is not JSON") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("data"), dict):
        raise WebhookRejected("analytics callback body has no data object")
    return payload


def _epoch(now: datetime | float | None) -> float:
    if now is None:
        return time.time()
    if isinstance(now, datetime):
        if now.tzinfo is None:
            raise ValueError("now must be timezone-aware")
        return now.timestamp()
    return float(now)


def parse_analytics_callback(payload: Mapping[str, Any]) -> list[AttendanceRow]:
    """Turn BBB's learning-analytics payload into one row per join-leave interval.

    A join with no matching leave ends at the meeting's ``finish`` (BBB writes no
    leave for people still present when the meeting ends).
    """
    data = payload.get("data")
    if not isinstance(data, Mapping):
        raise ProviderError("analytics payload has no data object")
    finish = _optional_time(data.get("finish"))
    rows: list[AttendanceRow] = []
    for attendee in data.get("attendees") or []:
        if not isinstance(attendee, Mapping):
            continue
        joins = sorted(_times(attendee.get("joins")))
        leaves = sorted(_times(attendee.get("leaves")))
        name = str(attendee.get("name") or "")
        user_id = str(attendee.get("ext_user_id") or "")
        for index, joined in enumerate(joins):
            next_join = joins[index + 1] if index + 1 < len(joins) else None
            left = next(
                (
                    leave
                    for leave in leaves
                    if leave >= joined and (next_join is None or leave <= next_join)
                ),
                None,
            )
            if left is not None:
                leaves.remove(left)
            elif finish is not None and finish >= joined:
                left = finish
            rows.append(
                AttendanceRow(
                    name=name,
                    email="",
                    registrant_id="",
                    user_id=user_id,
                    join=joined,
                    leave=left,
                    source=ANALYTICS_SOURCE,
                    duration_seconds=int((left - joined).total_seconds()) if left else None,
                )
            )
    return rows


def _times(values: object) -> list[datetime]:
    result = []
    for value in values if isinstance(values, list) else []:
        # Newer bbbevents versions write {"timestamp": ...} objects instead of strings.
        raw = value.get("timestamp") if isinstance(value, Mapping) else value
        try:
            result.append(parse_timestamp(raw))
        except ValueError as error:
            raise ProviderError(f"analytics payload has a bad timestamp: {error}") from None
    return result


def _optional_time(value: object) -> datetime | None:
    if value in (None, "", 0):
        return None
    try:
        return parse_timestamp(value)
    except ValueError:
        return None


__all__ = [
    "BBBClient",
    "BBBProvider",
    "checksum",
    "parse_analytics_callback",
    "parse_response",
    "validate_meeting_id",
    "verify_analytics_callback",
]
