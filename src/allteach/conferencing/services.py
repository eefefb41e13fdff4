"""Conferencing: build the provider for a program, create meetings, follow join links."""

import hashlib
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from allteach.conferencing.models import JoinLink, ProviderAccount, ProviderKind, SessionMeeting
from allteach.core.audit import audit
from allteach.hubs.models import Hub
from allteach.hubs.selectors import hub_ids_on_team_of
from allteach.meetings.models import Session, SessionStatus
from allteach.programs.models import Program
from allteach.providers import MeetingRef, MeetingSpec, Participant, ProviderError
from allteach.providers.bbb import BBBClient, BBBProvider
from allteach.providers.jitsi import JitsiProvider
from allteach.providers.zoom import ZoomClient, ZoomProvider

#: A join link keeps working this long after its session ends (late reconnections).
LINK_GRACE = timedelta(hours=12)
OPTION_KEYS = {
    ProviderKind.JITSI: {"domain", "app_id", "audience", "tenant"},
    ProviderKind.BBB: {"base_url", "checksum_algorithm"},
    ProviderKind.ZOOM: {"account_id", "client_id", "user_id", "api_base", "oauth_base"},
}
SECRET_KEYS = {
    ProviderKind.JITSI: {"app_secret"},
    ProviderKind.BBB: {"secret"},
    ProviderKind.ZOOM: {"client_secret", "webhook_secret"},
}
_ACCOUNT_CACHE: dict[tuple[int, int], tuple[float, ProviderAccount | None]] = {}
_ACCOUNT_CACHE_SECONDS = 30


class JoinLinkError(Exception):
    """A join link that cannot be followed: expired, cancelled session, provider down."""


def _room_secret() -> str:
    return hashlib.sha256(("allteach-rooms:" + settings.SECRET_KEY).encode()).hexdigest()


def account_for(*, hub_id: int, program_id: int) -> ProviderAccount | None:
    """The program's own account, else the hub's default; cached briefly for the join rush."""
    key = (hub_id, program_id)
    cached = _ACCOUNT_CACHE.get(key)
    now = time.monotonic()
    if cached and cached[0] > now:
        return cached[1]
    account = (
        ProviderAccount.objects.filter(program_id=program_id).first()
        or ProviderAccount.objects.filter(hub_id=hub_id, program__isnull=True).first()
    )
    _ACCOUNT_CACHE[key] = (now + _ACCOUNT_CACHE_SECONDS, account)
    return account


def forget_cached_accounts() -> None:
    """Drop the join path's per-process caches (accounts and session routes)."""
    _ACCOUNT_CACHE.clear()
    _SESSION_CACHE.clear()


def build_provider(account: ProviderAccount | None):
    """A provider client for an account; no account means public Jitsi (meet.jit.si)."""
    if account is None or account.kind == ProviderKind.JITSI:
        options = account.options if account else {}
        secrets_ = account.credentials if account and account.secrets_encrypted else {}
        return JitsiProvider(
            room_secret=_room_secret(),
            domain=options.get("domain") or "meet.jit.si",
            app_id=options.get("app_id", ""),
            app_secret=secrets_.get("app_secret", ""),
            audience=options.get("audience") or "jitsi",
            tenant=options.get("tenant", ""),
        )
    credentials = account.credentials
    if account.kind == ProviderKind.BBB:
        client = BBBClient(
            base_url=account.options["base_url"],
            secret=credentials["secret"],
            checksum_algorithm=account.options.get("checksum_algorithm", "sha256"),
        )
        callback = settings.SITE_URL + "/hooks/bbb/{key}/analytics"
        return BBBProvider(client, analytics_callback_url=callback)
    client_kwargs = {
        "account_id": account.options["account_id"],
        "client_id": account.options["client_id"],
        "client_secret": credentials["client_secret"],
    }
    for optional in ("api_base", "oauth_base"):
        if account.options.get(optional):
            client_kwargs[optional] = account.options[optional]
    return ZoomProvider(ZoomClient(**client_kwargs), user_id=account.options.get("user_id") or "me")


def provider_account_set(
    *, actor, hub: Hub, kind: str, options: dict, credentials: dict, program: Program | None = None
) -> ProviderAccount:
    """Choose the videoconference service for a hub (or one program); secrets are encrypted."""
    if not actor.has_perm("hubs.manage_hub", hub):
        raise PermissionDenied
    if program is not None and program.hub_id != hub.pk:
        raise ValidationError({"program": "That program belongs to another hub."})
    if kind not in ProviderKind.values:
        raise ValidationError({"kind": f"Unknown provider “{kind}”."})
    options = {k: v for k, v in options.items() if k in OPTION_KEYS[kind] and v not in ("", None)}
    credentials = {k: v for k, v in credentials.items() if k in SECRET_KEYS[kind] and v}
    required = {
        ProviderKind.BBB: ({"base_url"}, {"secret"}),
        ProviderKind.ZOOM: ({"account_id", "client_id"}, {"client_secret"}),
        ProviderKind.JITSI: (set(), set()),
    }[kind]
    with transaction.atomic():
        account = ProviderAccount.objects.filter(
            hub=hub, program=program
        ).first() or ProviderAccount(hub=hub, program=program)
        # Keep stored secrets the form left blank (a password field is never pre-filled).
        kept = account.credentials if account.pk and account.kind == kind else {}
        merged = {**kept, **credentials}
        errors = {name: "Required." for name in required[0] if name not in options}
        errors.update({name: "Required." for name in required[1] if name not in merged})
        if kind == ProviderKind.JITSI and bool(options.get("app_id")) != bool(
            merged.get("app_secret")
        ):
            errors["app_secret"] = "Token auth needs both an app id and an app secret."
        if errors:
            raise ValidationError(errors)
        account.kind = kind
        account.options = options
        account.set_credentials(merged)
        account.save()
        audit(
            actor=actor,
            verb="provider.set",
            obj=account,
            hub_id=hub.pk,
            after={"kind": kind, "options": options, "secrets": sorted(merged)},
        )
    forget_cached_accounts()
    return account


def _meeting_spec(session: Session) -> MeetingSpec:
    program = session.cohort.program
    return MeetingSpec(
        key=f"allteach-s{session.pk}",
        title=f"{program.title} — {session.title or f'{session.starts_at:%Y-%m-%d}'}",
        start_utc=session.starts_at,
        duration_minutes=session.duration_minutes,
        timezone=session.cohort.timezone,
        meta={"program": program.slug, "session": str(session.pk)},
    )


def _ref(meeting: SessionMeeting) -> MeetingRef:
    return MeetingRef(
        kind=meeting.kind,
        key=meeting.key,
        external_id=meeting.external_id,
        join_url=meeting.join_url,
        data=meeting.data,
    )


def meeting_ensure(*, session: Session) -> SessionMeeting:
    """Create the provider's meeting for a session once; later calls return the stored one."""
    existing = SessionMeeting.objects.filter(session=session).first()
    if existing:
        return existing
    program = session.cohort.program
    provider = build_provider(account_for(hub_id=program.hub_id, program_id=program.pk))
    ref = provider.ensure_meeting(_meeting_spec(session))
    try:
        with transaction.atomic():
            return SessionMeeting.objects.create(
                session=session,
                kind=ref.kind,
                key=ref.key,
                external_id=ref.external_id,
                join_url=ref.join_url,
                data=dict(ref.data),
            )
    except IntegrityError:
        # Another request created it first; create is idempotent on the provider's side.
        return SessionMeeting.objects.get(session=session)


def join_link_for_user(*, user, session: Session) -> JoinLink:
    """The person's own link to the session (hub team members join as moderators)."""
    hub_id = session.cohort.program.hub_id
    link, _ = JoinLink.objects.get_or_create(
        session=session,
        user=user,
        defaults={
            "moderator": hub_id in hub_ids_on_team_of(user),
            "expires_at": session.ends_at + LINK_GRACE,
        },
    )
    return link


def join_link_for_participant(*, user, session: Session) -> JoinLink:
    """The person's own link, if they are registered for the program or on its hub's team."""
    from allteach.programs.models import Registration, RegistrationStatus

    program = session.cohort.program
    registered = Registration.objects.filter(
        cohort__program=program, user=user, status=RegistrationStatus.APPROVED
    ).exists()
    if not registered and program.hub_id not in hub_ids_on_team_of(user):
        raise ValidationError("Register for this program to join its sessions.")
    return join_link_for_user(user=user, session=session)


def join_link_for_guest(*, session: Session, name: str, guest_key: str) -> JoinLink:
    link, _ = JoinLink.objects.get_or_create(
        session=session,
        guest_key=guest_key,
        defaults={"guest_name": name[:200], "expires_at": session.ends_at + LINK_GRACE},
    )
    return link


@dataclass(frozen=True)
class _SessionRoute:
    """What the join path needs to know about a session, cached per process for a few seconds."""

    hub_id: int
    program_id: int
    spec: MeetingSpec
    meeting: MeetingRef | None


_SESSION_CACHE: dict[int, tuple[float, _SessionRoute]] = {}

# One statement both checks the link (known, not expired, session not cancelled) and counts
# the click, returning what the redirect needs; it runs on PostgreSQL and SQLite >= 3.35.
_CLICK_SQL = """
UPDATE conferencing_joinlink
SET clicks = clicks + 1, last_clicked_at = %s, first_clicked_at = COALESCE(first_clicked_at, %s)
WHERE token = %s AND expires_at >= %s
  AND session_id IN (SELECT id FROM meetings_session WHERE status <> 'cancelled')
RETURNING id, session_id, user_id, guest_name, moderator, provider_join_url,
  (SELECT name FROM accounts_user WHERE accounts_user.id = conferencing_joinlink.user_id),
  (SELECT email FROM accounts_user WHERE accounts_user.id = conferencing_joinlink.user_id)
"""


def _session_route(session_id: int) -> _SessionRoute:
    cached = _SESSION_CACHE.get(session_id)
    now = time.monotonic()
    if cached and cached[0] > now:
        return cached[1]
    session = Session.objects.select_related("cohort__program").get(pk=session_id)
    meeting = SessionMeeting.objects.filter(session_id=session_id).first()
    route = _SessionRoute(
        hub_id=session.cohort.program.hub_id,
        program_id=session.cohort.program_id,
        spec=_meeting_spec(session),
        meeting=_ref(meeting) if meeting else None,
    )
    _SESSION_CACHE[session_id] = (now + _ACCOUNT_CACHE_SECONDS, route)
    return route


def _join_error(token: str, now) -> JoinLinkError:
    """Say why a link was refused; only refused clicks pay for this lookup."""
    link = JoinLink.objects.select_related("session").filter(token=token).first()
    if link is None:
        return JoinLinkError(
            "This join link is not valid. Open the session page for your own link."
        )
    if link.session.status == SessionStatus.CANCELLED:
        return JoinLinkError("This session was cancelled.")
    return JoinLinkError("This join link has expired. Open the session page for a new one.")


def join_link_follow(*, token: str) -> str:
    """Record a click on a join link and return the provider URL to send the person to.

    The hot path of the join rush: one UPDATE … RETURNING per click, the session's
    provider details cached per process, and no provider call for Jitsi or for Zoom
    links prepared ahead.
    """
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(_CLICK_SQL, [now, now, token, now])
        row = cursor.fetchone()
    if row is None:
        raise _join_error(token, now)
    link_id, session_id, user_id, guest_name, moderator, provider_join_url, name, email = row
    if provider_join_url:
        return provider_join_url
    route = _session_route(session_id)
    account = account_for(hub_id=route.hub_id, program_id=route.program_id)
    provider = build_provider(account)
    person = Participant(
        id=f"u{user_id}" if user_id else f"g{link_id}",
        name=(name or email or "") if user_id else guest_name,
        email=(email or "") if user_id else "",
    )
    try:
        if provider.kind == ProviderKind.JITSI:
            ref = provider.ensure_meeting(route.spec)
        elif route.meeting is not None and route.meeting.kind == provider.kind:
            ref = route.meeting
        else:
            ref = _ref(
                meeting_ensure(
                    session=Session.objects.select_related("cohort__program").get(pk=session_id)
                )
            )
            _SESSION_CACHE.pop(session_id, None)
        # Zoom registers people by e-mail; guests have none and use the meeting's own link.
        if provider.kind == ProviderKind.ZOOM and not moderator and user_id:
            registrant = provider.register(ref, person)
            JoinLink.objects.filter(pk=link_id).update(
                provider_registrant_id=str(registrant.get("registrant_id", "")),
                provider_join_url=registrant.get("join_url", ""),
            )
            return registrant.get("join_url") or ref.join_url
        return provider.join_url(ref, person, moderator=moderator)
    except ProviderError as error:
        raise JoinLinkError(
            f"The videoconference service did not answer ({error}). Try again in a minute."
        )


def join_links_prepare(*, session: Session) -> int:
    """Create everyone's join link (and the meeting) before a session, so the rush is cheap."""
    from allteach.programs.models import RegistrationStatus

    meeting_ensure(session=session)
    user_ids = set(
        session.cohort.registrations.filter(status=RegistrationStatus.APPROVED).values_list(
            "user_id", flat=True
        )
    )
    existing = set(
        JoinLink.objects.filter(session=session, user_id__in=user_ids).values_list(
            "user_id", flat=True
        )
    )
    JoinLink.objects.bulk_create(
        [
            JoinLink(session=session, user_id=user_id, expires_at=session.ends_at + LINK_GRACE)
            for user_id in sorted(user_ids - existing)
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )
    return len(user_ids - existing)


def zoom_series_ensure(*, actor, cohort) -> int:
    """Create the cohort's Zoom recurring meetings and attach each upcoming session to one.

    Zoom accepts at most 50 occurrences per recurring meeting, so the schedule is split
    into runs (`providers.zoom_recurrence.plan_series`); the key carries the schedule's
    sequence, so an edited schedule gets new series instead of mismatched ones.
    Returns how many sessions were attached.
    """
    from allteach.programs.models import Schedule
    from allteach.providers.zoom_recurrence import plan_series

    program = cohort.program
    if not actor.has_perm("programs.change_program", program):
        raise PermissionDenied
    account = account_for(hub_id=program.hub_id, program_id=program.pk)
    if account is None or account.kind != ProviderKind.ZOOM:
        raise ValidationError(
            "This program does not use Zoom; choose Zoom in the videoconferencing settings first."
        )
    schedule = Schedule.objects.filter(cohort=cohort).first()
    if schedule is None:
        raise ValidationError("This cohort has no schedule yet.")
    sessions = list(
        Session.objects.filter(
            cohort=cohort,
            starts_at__gte=timezone.now(),
            status__in=(SessionStatus.SCHEDULED, SessionStatus.MOVED),
            meeting__isnull=True,
        ).order_by("starts_at")
    )
    if not sessions:
        return 0
    provider = build_provider(account)
    occurrences = [session.starts_at for session in sessions]
    runs = plan_series(occurrences, cohort.timezone)
    try:
        refs = provider.ensure_series(
            key=f"allteach-c{cohort.pk}-v{schedule.sequence}",
            title=program.title,
            occurrences=occurrences,
            duration_minutes=schedule.duration_minutes,
            timezone=cohort.timezone,
        )
    except ProviderError as error:
        raise ValidationError(f"Zoom did not create the meetings: {error}")
    series_of = {
        start: ref for run, ref in zip(runs, refs, strict=True) for start in run.occurrences
    }
    with transaction.atomic():
        SessionMeeting.objects.bulk_create(
            [
                SessionMeeting(
                    session=session,
                    kind=ProviderKind.ZOOM,
                    key=series_of[session.starts_at].key,
                    external_id=series_of[session.starts_at].external_id,
                    join_url=series_of[session.starts_at].join_url,
                    data=dict(series_of[session.starts_at].data),
                )
                for session in sessions
            ],
            ignore_conflicts=True,
        )
        audit(
            actor=actor,
            verb="zoom.series",
            obj=cohort,
            hub_id=program.hub_id,
            after={"series": [ref.external_id for ref in refs], "sessions": len(sessions)},
        )
    return len(sessions)
