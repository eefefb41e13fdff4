"""Demo attendance: past sessions reconciled from each provider kind (Jitsi, Zoom, BigBlueButton).

Everything is deterministic, so a second run finds the same imports (by digest) and
changes nothing.
"""

import csv
import io
import zoneinfo
from datetime import timedelta

from django.utils import timezone

from allteach.attendance.models import GroupViewing
from allteach.attendance.services import (
    attendance_from_bbb_callback,
    attendance_import_zoom_csv,
    attendance_reconcile,
)
from allteach.conferencing.models import JoinLink, ProviderAccount, ProviderKind, SessionMeeting
from allteach.conferencing.services import LINK_GRACE
from allteach.meetings.models import Session, SessionStatus
from allteach.programs.models import Registration, RegistrationStatus
from allteach.providers import AttendanceRow

ZOOM_TIME = "%m/%d/%Y %I:%M:%S %p"


def _past_sessions(cohort, count: int) -> list[Session]:
    return list(
        Session.objects.filter(cohort=cohort, ends_at__lt=timezone.now())
        .exclude(status=SessionStatus.CANCELLED)
        .order_by("-starts_at")[:count]
    )


def _registrants(cohort, count: int) -> list[Registration]:
    return list(
        Registration.objects.filter(cohort=cohort, status=RegistrationStatus.APPROVED)
        .select_related("user")
        .order_by("pk")[:count]
    )


def _jitsi_session(session: Session, registrations: list[Registration]) -> None:
    """Jitsi keeps no report: attendance comes from clicks on personal join links."""
    for index, registration in enumerate(registrations):
        clicked = session.starts_at + timedelta(minutes=index % 9)
        JoinLink.objects.get_or_create(
            session=session,
            user=registration.user,
            defaults={
                "expires_at": session.ends_at + LINK_GRACE,
                "first_clicked_at": clicked,
                "last_clicked_at": clicked,
                "clicks": 1 + (index % 3 == 0),
            },
        )
    attendance_reconcile(session=session)


def _zoom_csv(session: Session, registrations: list[Registration]) -> bytes:
    """A Zoom web-portal export (plain layout) with reconnections, a dial-in and strangers."""
    zone = zoneinfo.ZoneInfo(session.cohort.timezone)
    start, end = session.starts_at, session.ends_at

    def local(moment):
        return moment.astimezone(zone).strftime(ZOOM_TIME)

    rows = []

    def add(name, email, joined, left):
        minutes = max(1, round((left - joined).total_seconds() / 60))
        rows.append([name, email, local(joined), local(left), str(minutes), "No"])

    for index, registration in enumerate(registrations):
        user = registration.user
        joined = start + timedelta(minutes=index % 6)
        if index % 4 == 1:
            # Dropped off and came back: two rows that must not count twice.
            add(user.name, user.email.upper(), joined, start + timedelta(minutes=25))
            add(user.name, user.email, start + timedelta(minutes=27), end)
        elif index % 4 == 2:
            # Laptop and phone at once: overlapping rows, counted once.
            add(user.name, user.email, joined, end - timedelta(minutes=5))
            add(f"{user.name} (iPhone)", user.email, start + timedelta(minutes=10), end)
        else:
            add(user.name, user.email, joined, end - timedelta(minutes=index % 20))
    add("+1 505-555-0143", "", start + timedelta(minutes=3), end - timedelta(minutes=12))
    add("Clinic Conference Room", "", start + timedelta(minutes=1), end)
    add("Sam Q.", "", start + timedelta(minutes=20), start + timedelta(minutes=44))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(
        [
            "Name (Original Name)",
            "User Email",
            "Join Time",
            "Leave Time",
            "Duration (Minutes)",
            "Guest",
        ]
    )
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _bbb_rows(session: Session, registrations: list[Registration]) -> list[AttendanceRow]:
    rows = []
    for index, registration in enumerate(registrations):
        user = registration.user
        joined = session.starts_at + timedelta(minutes=2 + index % 5)
        if index % 3 == 0:
            rows.append(
                AttendanceRow(
                    user.name, "", "", f"u{user.pk}", joined, joined + timedelta(minutes=20), "bbb"
                )
            )
            rows.append(
                AttendanceRow(
                    user.name,
                    "",
                    "",
                    f"u{user.pk}",
                    joined + timedelta(minutes=22),
                    session.ends_at,
                    "bbb",
                )
            )
        else:
            rows.append(
                AttendanceRow(
                    user.name,
                    "",
                    "",
                    f"u{user.pk}",
                    joined,
                    session.ends_at - timedelta(minutes=index % 15),
                    "bbb",
                )
            )
    rows.append(
        AttendanceRow(
            "Guest 7",
            "",
            "",
            "w_guest7",
            session.starts_at + timedelta(minutes=5),
            session.ends_at,
            "bbb",
        )
    )
    return rows


def build_demo_attendance(*, cohorts: dict, coordinators: dict) -> None:
    """Attendance for the last past sessions of three cohorts, one per provider kind."""
    hepc, oud, epilepsy = cohorts["hepc_tue"], cohorts["oud_thu"], cohorts["epilepsy_monthly"]

    for session in _past_sessions(hepc, 2):
        _jitsi_session(session, _registrants(hepc, 18))
    latest = _past_sessions(hepc, 1)
    participant = Registration.objects.filter(
        cohort=hepc, user__email="participant@demo.allteach.org", status=RegistrationStatus.APPROVED
    ).first()
    if latest and participant:
        GroupViewing.objects.get_or_create(
            session=latest[0],
            reporter=participant.user,
            defaults={
                "headcount": 4,
                "site": "Shiprock clinic",
                "names": "two nurses, a CHW and a pharmacist",
            },
        )

    oud_program = oud.program
    ProviderAccount.objects.get_or_create(
        hub=oud_program.hub,
        program=oud_program,
        defaults={
            "kind": ProviderKind.ZOOM,
            "options": {"account_id": "demo-account", "client_id": "demo-client"},
            "secrets_encrypted": "",
        },
    )
    actor = coordinators[oud_program.hub_id]
    for session in _past_sessions(oud, 2):
        SessionMeeting.objects.get_or_create(
            session=session,
            defaults={
                "kind": ProviderKind.ZOOM,
                "key": f"allteach-s{session.pk}",
                "external_id": f"8{session.pk:010d}",
            },
        )
        data = _zoom_csv(session, _registrants(oud, 14))
        attendance_import_zoom_csv(
            actor=actor,
            session=session,
            data=data,
            filename=f"participants_{session.starts_at:%Y%m%d}.csv",
        )

    epilepsy_hub = epilepsy.program.hub
    if not ProviderAccount.objects.filter(hub=epilepsy_hub, program__isnull=True).exists():
        account = ProviderAccount(
            hub=epilepsy_hub,
            kind=ProviderKind.BBB,
            options={"base_url": "https://bbb.example.org/bigbluebutton"},
        )
        account.set_credentials({"secret": "demo-bbb-shared-secret-replace-me"})
        account.save()
    for session in _past_sessions(epilepsy, 2):
        SessionMeeting.objects.get_or_create(
            session=session,
            defaults={
                "kind": ProviderKind.BBB,
                "key": f"allteach-s{session.pk}",
                "external_id": f"allteach-s{session.pk}",
            },
        )
        attendance_from_bbb_callback(
            session=session, rows=_bbb_rows(session, _registrants(epilepsy, 12))
        )
