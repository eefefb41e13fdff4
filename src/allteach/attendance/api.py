"""API: session attendance, imports, corrections and group viewing."""

from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from allteach.attendance import selectors, services
from allteach.core.access import access
from allteach.meetings.selectors import session_get_for_user
from allteach.programs.models import Registration

router = Router(tags=["attendance"])


class AttendanceOut(Schema):
    id: int
    identity_key: str
    registration: int | None
    status: str
    name: str
    email: str
    minutes: Decimal
    counts: bool
    first_join: datetime | None
    last_leave: datetime | None
    connections: int
    sources: list[str]
    evidence: str
    review_reason: str

    @staticmethod
    def resolve_registration(obj):
        return obj.registration_id


class ImportOut(Schema):
    id: int
    source: str
    layout: str
    row_count: int
    filename: str


class ChangeIn(Schema):
    reason: str
    minutes: Decimal | None = None
    registration: int | None = None


class GroupViewingIn(Schema):
    headcount: int
    site: str = ""
    names: str = ""


class GroupViewingOut(Schema):
    session: int
    headcount: int
    site: str

    @staticmethod
    def resolve_session(obj):
        return obj.session_id


@router.get("/sessions/{session_id}/attendance", response=list[AttendanceOut])
@access("manager")
def attendance_list(request, session_id: int):
    session = selectors.session_get_managed(user=request.user, session_id=session_id)
    return session.attendances.order_by("status", "name")


@router.post("/sessions/{session_id}/attendance/import", response={201: ImportOut})
@access("manager")
def attendance_import(request, session_id: int, file: File[UploadedFile], tz: Form[str] = ""):
    """Import a Zoom CSV export (any layout); importing the same file again changes nothing."""
    session = selectors.session_get_managed(user=request.user, session_id=session_id)
    result = services.attendance_import_zoom_csv(
        actor=request.user, session=session, data=file.read(), filename=file.name or "", tz=tz
    )
    return Status(201, result)


@router.post("/attendance/{attendance_id}/{action}", response=AttendanceOut)
@access("manager")
def attendance_change(request, attendance_id: int, action: str, payload: ChangeIn):
    """`assign` (registration), `adjust` (minutes) or `dismiss`; a reason is required."""
    attendance = selectors.attendance_get_managed(user=request.user, attendance_id=attendance_id)
    if action == "assign":
        registration = get_object_or_404(
            Registration, pk=payload.registration or 0, cohort=attendance.session.cohort
        )
        return services.attendance_assign(
            actor=request.user,
            attendance=attendance,
            registration=registration,
            reason=payload.reason,
        )
    if action == "adjust":
        if payload.minutes is None:
            raise ValidationError({"minutes": "Give the minutes attended."})
        return services.attendance_adjust(
            actor=request.user,
            attendance=attendance,
            minutes=payload.minutes,
            reason=payload.reason,
        )
    if action == "dismiss":
        return services.attendance_dismiss(
            actor=request.user, attendance=attendance, reason=payload.reason
        )
    raise ValidationError({"action": "Use assign, adjust or dismiss."})


@router.put("/sessions/{session_id}/group-viewing", response=GroupViewingOut)
@access("authenticated")
def group_viewing(request, session_id: int, payload: GroupViewingIn):
    session = session_get_for_user(user=request.user, session_id=session_id)
    return services.group_viewing_report(actor=request.user, session=session, **payload.dict())
