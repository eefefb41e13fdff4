"""Attendance: import provider data, reconcile it into one row per person, let coordinators fix it."""

import hashlib
from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from allteach import attendance_engine
from allteach.attendance.models import (
    Attendance,
    AttendanceAssignment,
    AttendanceImport,
    AttendanceStatus,
    Connection,
    GroupViewing,
    Source,
    WebhookDelivery,
)
from allteach.attendance.tasks import reconcile_session
from allteach.conferencing.models import JoinLink, SessionMeeting
from allteach.conferencing.services import account_for, build_provider
from allteach.core.audit import audit
from allteach.hubs.services import hub_settings_update
from allteach.meetings.models import Session
from allteach.programs.models import Registration, RegistrationStatus
from allteach.providers import AttendanceEvent, MeetingRef, ProviderError
from allteach.providers.base import parse_timestamp

#: Rows further than this from the session are from another meeting (or a wrong time zone).
MAX_DRIFT = timedelta(hours=12)
KEPT_STATUSES = (AttendanceStatus.MANUAL, AttendanceStatus.DISMISSED)


def _require_manager(actor, session: Session) -> None:
    if not actor.has_perm("programs.manage_registration", session.cohort.program):
        raise PermissionDenied


def _dedupe_key(*parts) -> str:
    return hashlib.sha256(
        "\x1f".join("" if p is None else str(p) for p in parts).encode()
    ).hexdigest()


def _records(session: Session) -> list[attendance_engine.ProviderRecord]:
    """Every connection of the session as engine records; join-link clicks when there are none."""
    records = [
        attendance_engine.ProviderRecord(
            source=c.source,
            name=c.name,
            email=c.email or None,
            registrant_id=c.registrant_id or None,
            join_token=c.join_token or None,
            join=c.joined_at,
            # A connection still open when we reconcile lasted until the session ended.
            leave=c.left_at or (session.ends_at if c.joined_at else None),
            line=c.line,
            is_guest=c.is_guest,
            dial_in=c.dial_in,
            minutes_only=c.minutes_only,
        )
        for c in Connection.objects.filter(session=session).order_by("pk")
    ]
    if records:
        return records
    # Jitsi keeps no report: a click on a personal link is the only evidence, and the
    # person is taken to stay until the end (the roster marks these as estimated).
    return [
        attendance_engine.ProviderRecord(
            source=Source.LINK,
            name=link.display_name,
            email=link.user.email if link.user_id else None,
            registrant_id=None,
            join_token=link.token,
            join=max(link.first_clicked_at, session.starts_at),
            leave=session.ends_at,
            is_guest=not link.user_id,
        )
        for link in JoinLink.objects.filter(session=session, first_clicked_at__isnull=False)
        .select_related("user")
        .order_by("pk")
        if link.first_clicked_at < session.ends_at
    ]


def _registrants(session: Session) -> list[attendance_engine.Registrant]:
    registrations = list(
        Registration.objects.filter(
            cohort=session.cohort, status=RegistrationStatus.APPROVED
        ).select_related("user")
    )
    links: dict[int, list[JoinLink]] = {}
    for link in JoinLink.objects.filter(session=session, user__isnull=False):
        links.setdefault(link.user_id, []).append(link)
    assigned: dict[int, list[str]] = {}
    for assignment in AttendanceAssignment.objects.filter(session=session):
        assigned.setdefault(assignment.registration_id, []).append(
            _assigned_id(assignment.registration_id)
        )
    return [
        attendance_engine.Registrant(
            id=r.pk,
            name=r.user.name,
            email=r.user.email,
            registrant_ids=tuple(
                link.provider_registrant_id
                for link in links.get(r.user_id, ())
                if link.provider_registrant_id
            )
            + tuple(assigned.get(r.pk, ())),
            join_tokens=tuple(link.token for link in links.get(r.user_id, ())),
        )
        for r in registrations
    ]


def _assigned_id(registration_id: int) -> str:
    return f"allteach-assigned:{registration_id}"


def _apply_assignments(session: Session, records: list) -> list:
    """Tag the records of people a coordinator assigned, so they match that registration.

    An assignment names the person's identity key as the engine computed it from the
    untouched evidence; tagging by key (not by name or e-mail) also works for dial-in
    callers and for people whose only clue is a name someone else also matches.
    """
    assignments = dict(
        AttendanceAssignment.objects.filter(session=session).values_list(
            "identity_key", "registration_id"
        )
    )
    if not assignments:
        return records
    tag: dict = {}
    for person in attendance_engine.merge(
        records, session_start=session.starts_at, session_end=session.ends_at
    ):
        registration_id = assignments.get(person.identity_key)
        if registration_id is not None:
            for record in person.evidence:
                tag[record] = _assigned_id(registration_id)
    return [
        record._replace(registrant_id=tag[record]) if record in tag else record
        for record in records
    ]


def _evidence_words(evidence: str) -> str:
    """Say how a person was matched in a coordinator's words (no raw tokens on the page)."""
    words = []
    for item in (part.strip() for part in evidence.replace(";", ",").split(",")):
        kind, _, value = item.partition(":")
        if not item:
            continue
        if kind == "join_token":
            words.append("own join link")
        elif kind == "registrant_id" and value.startswith("allteach-assigned:"):
            words.append("assigned by a coordinator")
        elif kind == "registrant_id":
            words.append("provider registration")
        elif kind == "email":
            words.append(f"e-mail {value}")
        elif kind == "name":
            words.append(f"name “{value}”")
        else:
            words.append(item)
    return "; ".join(dict.fromkeys(words))


def attendance_reconcile(*, session: Session) -> dict[str, int]:
    """Recompute the session's attendance rows from its evidence; coordinators' rows are kept."""
    hub = session.cohort.program.hub
    rows = attendance_engine.reconcile(
        _apply_assignments(session, _records(session)),
        _registrants(session),
        session_start=session.starts_at,
        session_end=session.ends_at,
        min_minutes=hub.attendance_min_minutes,
        min_percent=hub.attendance_min_percent,
    )
    with transaction.atomic():
        existing = {
            a.identity_key: a
            for a in Attendance.objects.select_for_update().filter(session=session)
        }
        kept_registrations = {
            a.registration_id
            for a in existing.values()
            if a.status in KEPT_STATUSES and a.registration_id
        }
        seen, created, updated = set(), 0, 0
        for row in rows:
            key = row.identity_key
            seen.add(key)
            current = existing.get(key)
            if current is not None and current.status in KEPT_STATUSES:
                continue
            if row.registrant_id is not None and row.registrant_id in kept_registrations:
                continue
            values = {
                "registration_id": row.registrant_id,
                "status": row.status,
                "name": row.name[:200],
                "email": (row.email or "")[:254],
                "minutes": Decimal(str(row.minutes)).quantize(Decimal("0.01")),
                "first_join": row.first_join,
                "last_leave": row.last_leave,
                "connections": row.connections,
                "sources": list(row.sources),
                "evidence": _evidence_words(row.match_evidence)[:200],
                "review_reason": row.review_reason[:200],
                "candidates": [str(c) for c in row.candidates],
                "counts": row.counts,
                "is_guest": row.is_guest,
                "dial_in": row.dial_in,
            }
            if current is None:
                Attendance.objects.create(session=session, identity_key=key, **values)
                created += 1
            elif any(getattr(current, field) != value for field, value in values.items()):
                for field, value in values.items():
                    setattr(current, field, value)
                current.save()
                updated += 1
        stale = [
            a.pk for key, a in existing.items() if key not in seen and a.status not in KEPT_STATUSES
        ]
        Attendance.objects.filter(pk__in=stale).delete()
    return {"created": created, "updated": updated, "removed": len(stale)}


def _check_window(session: Session, records) -> None:
    for record in records:
        moment = record.join or record.leave
        if moment is None:
            continue
        if moment < session.starts_at - MAX_DRIFT or moment > session.ends_at + MAX_DRIFT:
            where = f"Line {record.line}: " if record.line else ""
            raise ValidationError(
                f"{where}the time {moment:%Y-%m-%d %H:%M} UTC is far from this session "
                f"({session.starts_at:%Y-%m-%d %H:%M} UTC). Is this the right session, or the "
                "right time zone for the export?"
            )


def _store_connections(*, session: Session, source_import: AttendanceImport | None, records) -> int:
    connections = [
        Connection(
            session=session,
            source_import=source_import,
            source=record.source,
            dedupe_key=_dedupe_key(
                record.source,
                record.name,
                record.email,
                record.registrant_id,
                record.join,
                record.leave,
                record.minutes_only,
            ),
            name=(record.name or "")[:200],
            email=(record.email or "")[:254],
            registrant_id=(record.registrant_id or "")[:120],
            join_token=(record.join_token or "")[:64],
            joined_at=record.join,
            left_at=record.leave,
            minutes_only=record.minutes_only,
            is_guest=record.is_guest,
            dial_in=record.dial_in,
            line=record.line,
        )
        for record in records
    ]
    before = Connection.objects.filter(session=session).count()
    Connection.objects.bulk_create(connections, batch_size=1000, ignore_conflicts=True)
    return Connection.objects.filter(session=session).count() - before


def attendance_import_zoom_csv(
    *, actor, session: Session, data: bytes, filename: str = "", tz: str = ""
) -> AttendanceImport:
    """Import a Zoom web-portal CSV export (any layout); the same file twice changes nothing.

    A file with one bad row imports nothing and the error names its line.
    """
    _require_manager(actor, session)
    digest = hashlib.sha256(data).hexdigest()
    existing = AttendanceImport.objects.filter(session=session, digest=digest).first()
    if existing:
        return existing
    try:
        report = attendance_engine.zoom_csv.parse(data, tz=tz or session.cohort.timezone)
    except attendance_engine.ZoomCsvError as error:
        raise ValidationError(str(error))
    if not report.records:
        raise ValidationError("The file has no participant rows.")
    _check_window(session, report.records)
    with transaction.atomic():
        try:
            with transaction.atomic():
                source_import = AttendanceImport.objects.create(
                    session=session,
                    source=Source.ZOOM_CSV,
                    digest=digest,
                    filename=filename[:255],
                    layout=report.layout,
                    row_count=len(report.records),
                    created_by=actor,
                )
        except IntegrityError:
            return AttendanceImport.objects.get(session=session, digest=digest)
        added = _store_connections(
            session=session, source_import=source_import, records=report.records
        )
        summary = attendance_reconcile(session=session)
        audit(
            actor=actor,
            verb="attendance.import",
            obj=source_import,
            hub_id=session.cohort.program.hub_id,
            after={
                "filename": filename,
                "layout": report.layout,
                "rows": len(report.records),
                "new_connections": added,
                **summary,
            },
        )
    return source_import


def _records_from_rows(rows, source: str) -> list[attendance_engine.ProviderRecord]:
    return [
        attendance_engine.ProviderRecord(
            source=source,
            name=row.name,
            email=row.email or None,
            registrant_id=row.registrant_id or None,
            join_token=None,
            join=row.join,
            leave=row.leave,
        )
        for row in rows
        if row.join is not None
    ]


def attendance_fetch_from_provider(*, actor, session: Session) -> AttendanceImport | None:
    """Fetch the provider's participants report (Zoom) and reconcile; fetching twice is a no-op."""
    if actor is not None:
        _require_manager(actor, session)
    meeting = SessionMeeting.objects.filter(session=session).first()
    if meeting is None:
        raise ValidationError("This session has no videoconference meeting yet.")
    program = session.cohort.program
    provider = build_provider(account_for(hub_id=program.hub_id, program_id=program.pk))
    ref = MeetingRef(
        kind=meeting.kind,
        key=meeting.key,
        external_id=meeting.external_id,
        join_url=meeting.join_url,
        data=meeting.data,
    )
    try:
        if meeting.kind == "zoom" and not ref.data.get("instance_uuid"):
            ref = _zoom_instance(provider, ref, session)
        rows = provider.fetch_attendance(ref)
    except ProviderError as error:
        raise ValidationError(f"The videoconference service did not answer: {error}")
    if not rows:
        return None
    return _import_rows(
        actor=actor,
        session=session,
        rows=rows,
        source=Source.ZOOM_API if meeting.kind == "zoom" else Source.BBB,
    )


def _zoom_instance(provider, ref: MeetingRef, session: Session) -> MeetingRef:
    """A recurring Zoom meeting reports per instance: pick the one that ran at this session."""
    instances = provider.client.past_instances(ref.external_id)
    best = None
    for instance in instances:
        started = parse_timestamp(instance.get("start_time"))
        gap = abs((started - session.starts_at).total_seconds())
        if gap <= MAX_DRIFT.total_seconds() and (best is None or gap < best[0]):
            best = (gap, instance["uuid"])
    if best is None:
        return ref
    return MeetingRef(
        kind=ref.kind,
        key=ref.key,
        external_id=ref.external_id,
        join_url=ref.join_url,
        data={**ref.data, "instance_uuid": best[1]},
    )


def _import_rows(*, actor, session: Session, rows, source: str) -> AttendanceImport:
    records = _records_from_rows(rows, source)
    digest = _dedupe_key(
        source,
        *sorted(_dedupe_key(r.name, r.email, r.registrant_id, r.join, r.leave) for r in records),
    )
    existing = AttendanceImport.objects.filter(session=session, digest=digest).first()
    if existing:
        return existing
    _check_window(session, records)
    with transaction.atomic():
        source_import = AttendanceImport.objects.create(
            session=session, source=source, digest=digest, row_count=len(records), created_by=actor
        )
        _store_connections(session=session, source_import=source_import, records=records)
        attendance_reconcile(session=session)
    return source_import


def attendance_from_bbb_callback(*, session: Session, rows) -> AttendanceImport:
    """Store BigBlueButton's post-meeting analytics (already verified) and reconcile."""
    return _import_rows(actor=None, session=session, rows=rows, source=Source.BBB)


def zoom_webhook_event(*, event: AttendanceEvent) -> str:
    """Record a live Zoom join or leave; a repeated delivery is a no-op. Returns what happened."""
    meeting = (
        SessionMeeting.objects.select_related("session")
        .filter(kind="zoom", external_id=str(event.meeting_id))
        .order_by("-session__starts_at")
    )
    session = None
    for candidate in meeting:
        start = candidate.session.starts_at - MAX_DRIFT
        if start <= event.at <= candidate.session.ends_at + MAX_DRIFT:
            session = candidate.session
            break
    if session is None:
        return "ignored: no session for this meeting at that time"
    with transaction.atomic():
        try:
            with transaction.atomic():
                WebhookDelivery.objects.create(
                    dedupe_key=event.dedupe_key[:128], source=Source.ZOOM_WEBHOOK
                )
        except IntegrityError:
            return "duplicate"
        participant_key = (
            event.participant_uuid or event.provider_user_id or event.email or event.name
        )[:120]
        if event.kind == "joined":
            Connection.objects.get_or_create(
                session=session,
                dedupe_key=_dedupe_key("zoom_webhook", participant_key, event.at.isoformat()),
                defaults={
                    "source": Source.ZOOM_WEBHOOK,
                    "name": event.name[:200],
                    "email": event.email[:254],
                    "registrant_id": event.registrant_id[:120],
                    "participant_key": participant_key,
                    "joined_at": event.at,
                },
            )
            return "joined"
        open_connection = (
            Connection.objects.select_for_update()
            .filter(
                session=session,
                participant_key=participant_key,
                left_at__isnull=True,
                joined_at__lte=event.at,
            )
            .order_by("-joined_at")
            .first()
        )
        if open_connection is None:
            return "ignored: leave without a join"
        open_connection.left_at = event.at
        open_connection.save(update_fields=["left_at"])
        session_id = session.pk
        transaction.on_commit(lambda: reconcile_session.enqueue(session_id=session_id))
    return "left"


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": "Say why you are changing attendance; it is kept in the record."}
        )
    return reason


def _snapshot(attendance: Attendance) -> dict:
    return {
        "status": attendance.status,
        "registration": attendance.registration_id,
        "minutes": str(attendance.minutes),
        "counts": attendance.counts,
    }


def _valid_minutes(session: Session, minutes) -> Decimal:
    minutes = Decimal(minutes)
    if minutes < 0 or minutes > session.duration_minutes:
        raise ValidationError(
            {"minutes": f"Enter between 0 and {session.duration_minutes} minutes."}
        )
    return minutes


def _save_change(*, actor, attendance: Attendance, verb: str, reason: str, **changes) -> Attendance:
    """Apply a coordinator's change to one row and record who, when, before, after and why."""
    with transaction.atomic():
        before = _snapshot(attendance)
        for field, value in changes.items():
            setattr(attendance, field, value)
        attendance.save()
        audit(
            actor=actor,
            verb=verb,
            obj=attendance,
            hub_id=attendance.session.cohort.program.hub_id,
            before=before,
            after=_snapshot(attendance),
            reason=reason,
        )
    return attendance


def _counts(session: Session, minutes: Decimal) -> bool:
    hub = session.cohort.program.hub
    return attendance_engine.counts(
        float(minutes),
        session.duration_minutes,
        min_minutes=hub.attendance_min_minutes,
        min_percent=hub.attendance_min_percent,
    )


def attendance_assign(
    *, actor, attendance: Attendance, registration: Registration, reason: str
) -> Attendance:
    """Assign an unmatched row to a registration; later re-imports keep the assignment."""
    session = attendance.session
    _require_manager(actor, session)
    reason = _require_reason(reason)
    if registration.cohort_id != session.cohort_id:
        raise ValidationError(
            {"registration": "That person is not registered in this session's cohort."}
        )
    if attendance.status != AttendanceStatus.REVIEW:
        raise ValidationError("Only rows waiting for review can be assigned.")
    # Kept for the history page: what the report called this person.
    aliases = [alias for alias in (attendance.email, attendance.name) if alias]
    with transaction.atomic():
        before = _snapshot(attendance)
        AttendanceAssignment.objects.update_or_create(
            session=session,
            identity_key=attendance.identity_key,
            defaults={
                "registration": registration,
                "aliases": aliases,
                "actor": actor,
                "reason": reason,
            },
        )
        attendance_reconcile(session=session)
        row = Attendance.objects.get(session=session, registration=registration)
        audit(
            actor=actor,
            verb="attendance.assign",
            obj=row,
            hub_id=session.cohort.program.hub_id,
            before=before,
            after=_snapshot(row),
            reason=reason,
        )
    return row


def attendance_adjust(
    *, actor, attendance: Attendance, minutes: Decimal, reason: str
) -> Attendance:
    """Set a person's minutes by hand (e.g. a known connection problem); re-imports keep it."""
    session = attendance.session
    _require_manager(actor, session)
    reason = _require_reason(reason)
    minutes = _valid_minutes(session, minutes)
    return _save_change(
        actor=actor,
        attendance=attendance,
        verb="attendance.adjust",
        reason=reason,
        minutes=minutes,
        status=AttendanceStatus.MANUAL,
        counts=_counts(session, minutes),
    )


def attendance_add_manual(
    *, actor, session: Session, registration: Registration, minutes: Decimal, reason: str
) -> Attendance:
    """Record attendance the provider missed (e.g. joined by phone from a shared line)."""
    _require_manager(actor, session)
    if registration.cohort_id != session.cohort_id:
        raise ValidationError(
            {"registration": "That person is not registered in this session's cohort."}
        )
    existing = Attendance.objects.filter(session=session, registration=registration).first()
    if existing:
        return attendance_adjust(actor=actor, attendance=existing, minutes=minutes, reason=reason)
    reason = _require_reason(reason)
    minutes = _valid_minutes(session, minutes)
    with transaction.atomic():
        attendance = Attendance.objects.create(
            session=session,
            identity_key=f"registration:{registration.pk}",
            registration=registration,
            status=AttendanceStatus.MANUAL,
            name=registration.user.name,
            email=registration.user.email,
            minutes=minutes,
            sources=[Source.MANUAL],
            evidence="entered by coordinator",
            counts=_counts(session, minutes),
        )
        audit(
            actor=actor,
            verb="attendance.add",
            obj=attendance,
            hub_id=session.cohort.program.hub_id,
            after=_snapshot(attendance),
            reason=reason,
        )
    return attendance


def attendance_dismiss(*, actor, attendance: Attendance, reason: str) -> Attendance:
    """Mark an unmatched row as not a participant (a test call, the room's own device)."""
    session = attendance.session
    _require_manager(actor, session)
    reason = _require_reason(reason)
    return _save_change(
        actor=actor,
        attendance=attendance,
        verb="attendance.dismiss",
        reason=reason,
        status=AttendanceStatus.DISMISSED,
        counts=False,
    )


def group_viewing_report(
    *, actor, session: Session, headcount: int, names: str = "", site: str = ""
) -> GroupViewing:
    """An attendee reports how many people watched with them at one screen."""
    registered = Registration.objects.filter(
        cohort=session.cohort, user=actor, status=RegistrationStatus.APPROVED
    ).exists()
    if not (registered or actor.has_perm("hubs.view_hub_console", session.cohort.program.hub)):
        raise PermissionDenied
    if not 1 <= int(headcount) <= 500:
        raise ValidationError({"headcount": "Enter how many people watched with you (1–500)."})
    if session.starts_at - timedelta(minutes=30) > timezone.now():
        raise ValidationError("You can report group viewing once the session has started.")
    with transaction.atomic():
        report, _ = GroupViewing.objects.update_or_create(
            session=session,
            reporter=actor,
            defaults={
                "headcount": int(headcount),
                "names": names.strip()[:2000],
                "site": site.strip()[:200],
            },
        )
        audit(
            actor=actor,
            verb="attendance.group_viewing",
            obj=report,
            hub_id=session.cohort.program.hub_id,
            after={"headcount": report.headcount},
        )
    return report


def attendance_recount(*, hub) -> int:
    """Re-apply the hub's minimum minutes/percentage to every attendance row of its sessions."""
    rows = list(
        Attendance.objects.filter(session__cohort__program__hub=hub)
        .exclude(status=AttendanceStatus.DISMISSED)
        .select_related("session")
        .only("pk", "minutes", "counts", "session__starts_at", "session__ends_at")
    )
    changed = []
    for row in rows:
        counts = attendance_engine.counts(
            float(row.minutes),
            row.session.duration_minutes,
            min_minutes=hub.attendance_min_minutes,
            min_percent=hub.attendance_min_percent,
        )
        if counts != row.counts:
            row.counts = counts
            changed.append(row)
    Attendance.objects.bulk_update(changed, ["counts"], batch_size=1000)
    return len(changed)


def hub_settings_change(*, actor, hub, **fields):
    """Change a hub's settings; when its attendance minimum changes, recount past attendance."""
    before = (hub.attendance_min_minutes, hub.attendance_min_percent)
    with transaction.atomic():
        hub = hub_settings_update(actor=actor, hub=hub, **fields)
        if (hub.attendance_min_minutes, hub.attendance_min_percent) != before:
            attendance_recount(hub=hub)
    return hub
