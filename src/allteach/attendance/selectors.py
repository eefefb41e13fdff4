"""Reads about attendance, always through sessions the user may manage."""

from django.db.models import QuerySet, Sum
from django.shortcuts import get_object_or_404

from allteach.attendance.models import Attendance, AttendanceImport, AttendanceStatus, GroupViewing
from allteach.core.models import AuditEvent
from allteach.hubs.selectors import hub_ids_managed_by
from allteach.meetings.models import Session
from allteach.programs.models import Registration, RegistrationStatus


def session_get_managed(*, user, session_id: int) -> Session:
    """The session if the user manages its hub; 404 otherwise (also for other hubs)."""
    return get_object_or_404(
        Session.objects.select_related("cohort", "cohort__program", "cohort__program__hub").filter(
            cohort__program__hub_id__in=hub_ids_managed_by(user)
        ),
        pk=session_id,
    )


def attendance_get_managed(*, user, attendance_id: int) -> Attendance:
    return get_object_or_404(
        Attendance.objects.select_related(
            "session", "session__cohort", "session__cohort__program__hub"
        ).filter(session__cohort__program__hub_id__in=hub_ids_managed_by(user)),
        pk=attendance_id,
    )


def session_roster(*, session: Session) -> QuerySet[Attendance]:
    return (
        Attendance.objects.filter(session=session)
        .exclude(status=AttendanceStatus.REVIEW)
        .select_related("registration", "registration__user")
        .order_by("-counts", "name")
    )


def session_review_rows(*, session: Session) -> QuerySet[Attendance]:
    return Attendance.objects.filter(session=session, status=AttendanceStatus.REVIEW).order_by(
        "name"
    )


def session_registrations(*, session: Session) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(cohort=session.cohort, status=RegistrationStatus.APPROVED)
        .select_related("user")
        .order_by("user__name", "user__email")
    )


def session_group_viewings(*, session: Session) -> QuerySet[GroupViewing]:
    return (
        GroupViewing.objects.filter(session=session)
        .select_related("reporter")
        .order_by("created_at")
    )


def session_imports(*, session: Session) -> QuerySet[AttendanceImport]:
    return AttendanceImport.objects.filter(session=session).select_related("created_by")


def session_attendance_history(*, session: Session) -> QuerySet[AuditEvent]:
    ids = [
        str(pk) for pk in Attendance.objects.filter(session=session).values_list("pk", flat=True)
    ]
    import_ids = [
        str(pk)
        for pk in AttendanceImport.objects.filter(session=session).values_list("pk", flat=True)
    ]
    return (
        AuditEvent.objects.filter(object_type="attendance.attendance", object_id__in=ids)
        | AuditEvent.objects.filter(
            object_type="attendance.attendanceimport", object_id__in=import_ids
        )
    ).select_related("actor")


def session_summary(*, session: Session) -> dict:
    rows = Attendance.objects.filter(session=session)
    return {
        "counted": rows.filter(counts=True).exclude(status=AttendanceStatus.DISMISSED).count(),
        "review": rows.filter(status=AttendanceStatus.REVIEW).count(),
        "group_headcount": GroupViewing.objects.filter(session=session).aggregate(
            total=Sum("headcount")
        )["total"]
        or 0,
    }


def my_group_viewing(*, user, session: Session) -> GroupViewing | None:
    if not user.is_authenticated:
        return None
    return GroupViewing.objects.filter(session=session, reporter=user).first()
