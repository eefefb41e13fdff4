"""A local BigBlueButton API following the published contract.

Every call's checksum is verified (``SHA(callName + query + secret)`` with the
algorithm told apart by length, as BBB does); create is idempotent per meetingID;
join answers a 302; end, getMeetingInfo and getRecordings answer BBB's XML.
"""

from __future__ import annotations

import hashlib
import itertools
import secrets
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable

from ._server import FakeServer, Recorded, Reply

_ITEM_NAMES = {"recordings": "recording", "attendees": "attendee", "playback": "format"}
ALGORITHMS_BY_LENGTH = {40: "sha1", 64: "sha256", 96: "sha384", 128: "sha512"}


def _xml(fields: dict) -> Reply:
    root = ET.Element("response")
    _fill(root, fields)
    return Reply(200, ET.tostring(root, encoding="utf-8"), {"Content-Type": "text/xml"})


def _fill(parent: ET.Element, fields: dict) -> None:
    for name, value in fields.items():
        child = ET.SubElement(parent, name)
        if isinstance(value, dict):
            _fill(child, value)
        elif isinstance(value, list):
            item_name = _ITEM_NAMES.get(name, "item")
            for item in value:
                _fill(ET.SubElement(child, item_name), item)
        elif isinstance(value, bool):
            child.text = "true" if value else "false"
        else:
            child.text = str(value)


def _failed(key: str, message: str) -> Reply:
    return _xml({"returncode": "FAILED", "messageKey": key, "message": message})


class BBBFake(FakeServer):
    def __init__(
        self,
        *,
        secret: str = "8cd8ef52e8e101574e400365b55e11a6",
        algorithms: tuple[str, ...] = ("sha1", "sha256", "sha384", "sha512"),
        clock: Callable[[], float] = time.time,
    ):
        super().__init__()
        self.secret = secret
        self.algorithms = algorithms
        self.clock = clock
        self.meetings: dict[str, dict] = {}
        self.recordings: list[dict] = []
        self.joins: list[dict] = []
        self._voice = itertools.count(70_001)

    @property
    def base_url(self) -> str:
        return f"{self.url}/bigbluebutton/"

    def handle(self, request: Recorded) -> Reply:
        prefix = "/bigbluebutton/api"
        if not request.path.startswith(prefix):
            return Reply(404, b"not found")
        call = request.path[len(prefix) :].strip("/")
        if call == "":
            return _xml({"returncode": "SUCCESS", "version": "2.0", "apiVersion": "2.0"})
        if not self._checksum_ok(call, request.raw_query):
            return _failed(
                "checksumError",
                "Checksums do not match",
            )
        handler = getattr(self, f"_call_{call}", None)
        if handler is None:
            return _failed("unsupportedRequest", "This request is not supported.")
        return handler(request.params)

    def _checksum_ok(self, call: str, raw_query: str) -> bool:
        parts = raw_query.split("&") if raw_query else []
        sums = [p for p in parts if p.startswith("checksum=")]
        if len(sums) != 1:
            return False
        given = sums[0][len("checksum=") :]
        algorithm = ALGORITHMS_BY_LENGTH.get(len(given))
        if algorithm not in self.algorithms:
            return False
        query = "&".join(p for p in parts if not p.startswith("checksum="))
        expected = hashlib.new(algorithm, f"{call}{query}{self.secret}".encode()).hexdigest()
        return secrets.compare_digest(expected, given.lower())

    # -- calls ---------------------------------------------------------------------

    def _call_create(self, params: dict) -> Reply:
        meeting_id = params.get("meetingID", "")
        if not meeting_id:
            return _failed("missingParamMeetingID", "You must specify a meeting ID.")
        if not 2 <= len(meeting_id) <= 256 or "," in meeting_id:
            return _failed("sizeError", "Meeting ID must be between 2 and 256 characters")
        if not params.get("name"):
            return _failed("missingParamName", "You must specify a name for the meeting.")
        meeting = self.meetings.get(meeting_id)
        duplicate = meeting is not None
        if meeting is None:
            create_time = int(self.clock() * 1000)
            meeting = {
                "meetingID": meeting_id,
                "meetingName": params["name"],
                "internalMeetingID": (
                    f"{hashlib.sha1(meeting_id.encode()).hexdigest()}-{create_time}"
                ),
                "createTime": create_time,
                "voiceBridge": next(self._voice),
                "params": dict(params),
                "metadata": {
                    k[len("meta_") :].lower(): v for k, v in params.items() if k.startswith("meta_")
                },
                "attendees": [],
                "running": False,
            }
            self.meetings[meeting_id] = meeting
        fields = {
            "returncode": "SUCCESS",
            "meetingID": meeting_id,
            "internalMeetingID": meeting["internalMeetingID"],
            "parentMeetingID": "bbb-none",
            "createTime": meeting["createTime"],
            "voiceBridge": meeting["voiceBridge"],
            "dialNumber": "613-555-1234",
            "hasUserJoined": bool(meeting["attendees"]),
            "duration": 0,
            "hasBeenForciblyEnded": False,
        }
        if duplicate:
            fields["messageKey"] = "duplicateWarning"
            fields["message"] = (
                "This conference was already in existence and may currently be in progress."
            )
        else:
            fields["messageKey"] = ""
            fields["message"] = ""
        return _xml(fields)

    def _call_join(self, params: dict) -> Reply:
        if not params.get("fullName"):
            return _failed("missingParamFullName", "You must specify a name for the attendee.")
        meeting = self.meetings.get(params.get("meetingID", ""))
        if meeting is None:
            return _failed(
                "invalidMeetingIdentifier",
                "The meeting ID that you supplied did not match any existing meetings",
            )
        if params.get("createTime") and params["createTime"] != str(meeting["createTime"]):
            return _failed(
                "mismatchCreateTimeParam", "The createTime parameter submitted mismatches."
            )
        role = params.get("role", "").upper()
        if role not in ("MODERATOR", "VIEWER"):
            return _failed("invalidRole", "Role must be MODERATOR or VIEWER.")
        user = {
            "userID": params.get("userID", ""),
            "fullName": params["fullName"],
            "role": role,
            "isPresenter": False,
        }
        meeting["attendees"].append(user)
        meeting["running"] = True
        self.joins.append(user | {"meetingID": meeting["meetingID"]})
        token = secrets.token_hex(8)
        return Reply(302, b"", {"Location": f"{self.url}/html5client/join?sessionToken={token}"})

    def _call_end(self, params: dict) -> Reply:
        meeting_id = params.get("meetingID", "")
        if self.meetings.pop(meeting_id, None) is None:
            return _failed(
                "notFound",
                "We could not find a meeting with that meeting ID - perhaps the meeting is not"
                " yet running?",
            )
        return _xml(
            {
                "returncode": "SUCCESS",
                "messageKey": "sentEndMeetingRequest",
                "message": "A request to end the meeting was sent.",
            }
        )

    def _call_getMeetingInfo(self, params: dict) -> Reply:  # noqa: N802 - BBB's call name
        meeting = self.meetings.get(params.get("meetingID", ""))
        if meeting is None:
            return _failed("notFound", "We could not find a meeting with that meeting ID")
        attendees = meeting["attendees"]
        return _xml(
            {
                "returncode": "SUCCESS",
                "meetingName": meeting["meetingName"],
                "meetingID": meeting["meetingID"],
                "internalMeetingID": meeting["internalMeetingID"],
                "createTime": meeting["createTime"],
                "voiceBridge": meeting["voiceBridge"],
                "running": meeting["running"],
                "participantCount": len(attendees),
                "moderatorCount": sum(a["role"] == "MODERATOR" for a in attendees),
                "attendees": attendees,
                "metadata": meeting["metadata"],
            }
        )

    def _call_isMeetingRunning(self, params: dict) -> Reply:  # noqa: N802 - BBB's call name
        meeting = self.meetings.get(params.get("meetingID", ""))
        return _xml({"returncode": "SUCCESS", "running": bool(meeting and meeting["running"])})

    def _call_getRecordings(self, params: dict) -> Reply:  # noqa: N802 - BBB's call name
        wanted = set(filter(None, params.get("meetingID", "").split(",")))
        found = [r for r in self.recordings if not wanted or r["meetingID"] in wanted]
        if not found:
            return _xml(
                {
                    "returncode": "SUCCESS",
                    "recordings": [],
                    "messageKey": "noRecordings",
                    "message": "There are no recordings for the meeting(s).",
                }
            )
        return _xml({"returncode": "SUCCESS", "recordings": found})
