"""Writes about programs, curriculum, cohorts, registrations and invitations."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from allteach.core.audit import audit
from allteach.hubs.models import Hub
from allteach.programs.models import (
    ACTIVE_REGISTRATION_STATUSES,
    Cohort,
    CurriculumTopic,
    Invitation,
    Program,
    ProgramStatus,
    Registration,
    RegistrationStatus,
    Topic,
)
from allteach.programs.tasks import send_invitation, send_registration_update

PROGRAM_FIELDS = (
    "title",
    "summary",
    "audience",
    "professions",
    "language",
    "enrolment",
    "status",
    "credit_types",
    "credit_hours_per_session",
)


def _unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:70] or "program"
    slug, n = base, 2
    while Program.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def topics_from_names(names: list[str]) -> list[Topic]:
    topics = []
    for name in names:
        name = name.strip()
        if not name:
            continue
        topic = Topic.objects.filter(name__iexact=name).first()
        if topic is None:
            topic = Topic.objects.create(
                name=name, slug=slugify(name)[:50] or f"topic-{Topic.objects.count() + 1}"
            )
        topics.append(topic)
    return topics


def program_create(
    *, actor, hub: Hub, topics: list[str] | None = None, slug: str = "", **fields
) -> Program:
    """Create a program in a hub the actor manages (starts as a draft unless told)."""
    if not actor.has_perm("hubs.manage_hub", hub):
        raise PermissionDenied
    unknown = set(fields) - set(PROGRAM_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown fields: {', '.join(sorted(unknown))}")
    program = Program(hub=hub, **fields)
    program.slug = slugify(slug) if slug else _unique_slug(program.title)
    program.full_clean()
    with transaction.atomic():
        program.save()
        if topics:
            program.topics.set(topics_from_names(topics))
        audit(
            actor=actor,
            verb="program.create",
            obj=program,
            hub_id=hub.pk,
            after={"title": program.title},
        )
    return program


def program_update(
    *, actor, program: Program, topics: list[str] | None = None, **fields
) -> Program:
    """Change a program's description, enrolment, status or credit offer."""
    if not actor.has_perm("programs.change_program", program):
        raise PermissionDenied
    unknown = set(fields) - set(PROGRAM_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown fields: {', '.join(sorted(unknown))}")
    before = {key: str(getattr(program, key)) for key in fields}
    for key, value in fields.items():
        setattr(program, key, value)
    program.full_clean()
    with transaction.atomic():
        program.save()
        if topics is not None:
            program.topics.set(topics_from_names(topics))
        audit(
            actor=actor,
            verb="program.update",
            obj=program,
            hub_id=program.hub_id,
            before=before,
            after={key: str(value) for key, value in fields.items()},
        )
    return program


def curriculum_set(*, actor, program: Program, topics: list[dict]) -> list[CurriculumTopic]:
    """Replace the ordered list of didactic topics; each is {title, presenter?, presenter_name?}."""
    if not actor.has_perm("programs.change_program", program):
        raise PermissionDenied
    errors = {}
    for index, item in enumerate(topics, start=1):
        if not (item.get("title") or "").strip():
            errors[f"topics.{index}.title"] = "Each topic needs a title."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        existing = {topic.position: topic for topic in program.curriculum.all()}
        kept = []
        for position, item in enumerate(topics, start=1):
            topic = existing.pop(position, None) or CurriculumTopic(
                program=program, position=position
            )
            topic.title = item["title"].strip()
            topic.presenter = item.get("presenter")
            topic.presenter_name = (item.get("presenter_name") or "").strip()
            topic.save()
            kept.append(topic)
        for leftover in existing.values():
            leftover.delete()
        audit(
            actor=actor,
            verb="curriculum.set",
            obj=program,
            hub_id=program.hub_id,
            after={"topics": [t.title for t in kept]},
        )
    return kept


def cohort_create(
    *,
    actor,
    program: Program,
    name: str,
    language: str = "en",
    timezone_name: str = "",
    capacity: int | None = None,
    waitlist_enabled: bool = True,
) -> Cohort:
    """Add a participant group to a program."""
    if not actor.has_perm("programs.change_program", program):
        raise PermissionDenied
    cohort = Cohort(
        program=program,
        name=name,
        language=language,
        timezone=timezone_name or program.hub.timezone,
        capacity=capacity,
        waitlist_enabled=waitlist_enabled,
    )
    _validate_zone(cohort.timezone)
    cohort.full_clean()
    with transaction.atomic():
        cohort.save()
        audit(
            actor=actor,
            verb="cohort.create",
            obj=cohort,
            hub_id=program.hub_id,
            after={"name": name},
        )
    return cohort


def cohort_update(*, actor, cohort: Cohort, **fields) -> Cohort:
    if not actor.has_perm("programs.change_program", cohort.program):
        raise PermissionDenied
    allowed = {"name", "language", "timezone", "capacity", "waitlist_enabled"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError(f"Unknown fields: {', '.join(sorted(unknown))}")
    if "timezone" in fields:
        _validate_zone(fields["timezone"])
    before = {key: getattr(cohort, key) for key in fields}
    for key, value in fields.items():
        setattr(cohort, key, value)
    cohort.full_clean()
    with transaction.atomic():
        cohort.save()
        audit(
            actor=actor,
            verb="cohort.update",
            obj=cohort,
            hub_id=cohort.program.hub_id,
            before=before,
            after=fields,
        )
    return cohort


def _validate_zone(name: str) -> None:
    from allteach.accounts.validators import validate_timezone

    try:
        validate_timezone(name)
    except ValidationError as error:
        raise ValidationError({"timezone": error.messages}) from None


def _approved_count(cohort: Cohort) -> int:
    return cohort.registrations.filter(status=RegistrationStatus.APPROVED).count()


def _has_room(cohort: Cohort) -> bool:
    return cohort.capacity is None or _approved_count(cohort) < cohort.capacity


def registration_register(*, actor, cohort: Cohort) -> Registration:
    """Register the actor into a cohort: a place, the waitlist, or (private) a request."""
    program = cohort.program
    if not actor.is_authenticated:
        raise PermissionDenied
    if program.status != ProgramStatus.OPEN:
        raise ValidationError("This program is not taking registrations.")
    with transaction.atomic():
        # Lock the cohort row so two people cannot take its last place at once.
        cohort = Cohort.objects.select_for_update().select_related("program").get(pk=cohort.pk)
        existing = Registration.objects.filter(cohort__program=program, user=actor).first()
        if existing and existing.status in ACTIVE_REGISTRATION_STATUSES:
            raise ValidationError("You are already registered for this program.")
        if existing and existing.status == RegistrationStatus.DECLINED:
            raise ValidationError(
                "Your request to join this program was declined; contact the hub."
            )
        if program.is_public:
            if _has_room(cohort):
                status = RegistrationStatus.APPROVED
            elif cohort.waitlist_enabled:
                status = RegistrationStatus.WAITLISTED
            else:
                raise ValidationError("This cohort is full.")
        else:
            status = RegistrationStatus.PENDING
        if existing:
            existing.cohort, existing.status, existing.decided_at, existing.decided_by = (
                cohort,
                status,
                None,
                None,
            )
            existing.save()
            registration = existing
        else:
            try:
                with transaction.atomic():
                    registration = Registration.objects.create(
                        cohort=cohort, user=actor, status=status
                    )
            except IntegrityError:
                raise ValidationError("You are already registered for this program.")
        audit(
            actor=actor,
            verb="registration.create",
            obj=registration,
            hub_id=program.hub_id,
            after={"status": status},
        )
        registration_id = registration.pk
        transaction.on_commit(
            lambda: send_registration_update.enqueue(registration_id=registration_id)
        )
    return registration


def _promote_waitlist(cohort: Cohort, *, actor) -> None:
    while _has_room(cohort):
        waiting = (
            cohort.registrations.filter(status=RegistrationStatus.WAITLISTED)
            .order_by("created_at", "pk")
            .first()
        )
        if waiting is None:
            return
        waiting.status = RegistrationStatus.APPROVED
        waiting.decided_at = timezone.now()
        waiting.save(update_fields=["status", "decided_at"])
        audit(
            actor=actor,
            verb="registration.promote",
            obj=waiting,
            hub_id=cohort.program.hub_id,
            after={"status": "approved"},
        )
        waiting_id = waiting.pk
        transaction.on_commit(
            lambda waiting_id=waiting_id: send_registration_update.enqueue(
                registration_id=waiting_id
            )
        )


def registration_leave(*, actor, registration: Registration) -> Registration:
    """The participant leaves; the first person on the waitlist takes the place."""
    if not actor.has_perm("programs.leave_registration", registration):
        raise PermissionDenied
    if registration.status not in ACTIVE_REGISTRATION_STATUSES:
        raise ValidationError("You are not registered for this program.")
    with transaction.atomic():
        cohort = (
            Cohort.objects.select_for_update()
            .select_related("program")
            .get(pk=registration.cohort_id)
        )
        before = registration.status
        registration.status = RegistrationStatus.LEFT
        registration.save(update_fields=["status"])
        audit(
            actor=actor,
            verb="registration.leave",
            obj=registration,
            hub_id=cohort.program.hub_id,
            before={"status": before},
            after={"status": "left"},
        )
        _promote_waitlist(cohort, actor=actor)
    return registration


def registration_decide(*, actor, registration: Registration, approve: bool) -> Registration:
    """A coordinator approves or declines a pending or waitlisted registration."""
    if not actor.has_perm("programs.manage_registration", registration.cohort.program):
        raise PermissionDenied
    if registration.status not in (RegistrationStatus.PENDING, RegistrationStatus.WAITLISTED):
        raise ValidationError(
            f"This registration is {registration.get_status_display().lower()}, not awaiting a decision."
        )
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().get(pk=registration.cohort_id)
        if approve and not _has_room(cohort):
            raise ValidationError("This cohort is full; raise its capacity first.")
        before = registration.status
        registration.status = (
            RegistrationStatus.APPROVED if approve else RegistrationStatus.DECLINED
        )
        registration.decided_at = timezone.now()
        registration.decided_by = actor
        registration.save(update_fields=["status", "decided_at", "decided_by"])
        audit(
            actor=actor,
            verb="registration.approve" if approve else "registration.decline",
            obj=registration,
            hub_id=cohort.program.hub_id,
            before={"status": before},
            after={"status": registration.status},
        )
        registration_id = registration.pk
        transaction.on_commit(
            lambda: send_registration_update.enqueue(registration_id=registration_id)
        )
    return registration


def invitation_create(*, actor, cohort: Cohort, email: str) -> Invitation:
    """Invite one person by e-mail to a cohort; the link skips approval."""
    if not actor.has_perm("programs.manage_registration", cohort.program):
        raise PermissionDenied
    email = email.strip().lower()
    if Registration.objects.filter(
        cohort__program=cohort.program,
        user__email__iexact=email,
        status__in=ACTIVE_REGISTRATION_STATUSES,
    ).exists():
        raise ValidationError({"email": "This person is already registered for the program."})
    invitation = Invitation(cohort=cohort, email=email, created_by=actor)
    invitation.full_clean(exclude=["token", "created_by"])
    with transaction.atomic():
        invitation.save()
        audit(
            actor=actor,
            verb="invitation.create",
            obj=invitation,
            hub_id=cohort.program.hub_id,
            after={"email": email},
        )
        invitation_id = invitation.pk
        transaction.on_commit(lambda: send_invitation.enqueue(invitation_id=invitation_id))
    return invitation


def invitation_accept(*, actor, invitation: Invitation) -> Registration:
    """Use an invitation link: the actor is registered without approval."""
    if not actor.is_authenticated:
        raise PermissionDenied
    if not invitation.is_usable:
        raise ValidationError("This invitation has expired or was already used.")
    program = invitation.cohort.program
    if program.status in (ProgramStatus.ARCHIVED, ProgramStatus.DRAFT):
        raise ValidationError("This program is not taking registrations.")
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at is not None:
            raise ValidationError("This invitation was already used.")
        existing = Registration.objects.filter(cohort__program=program, user=actor).first()
        if existing and existing.status == RegistrationStatus.APPROVED:
            raise ValidationError("You are already registered for this program.")
        registration = existing or Registration(cohort=invitation.cohort, user=actor)
        registration.cohort = invitation.cohort
        registration.status = RegistrationStatus.APPROVED
        registration.decided_at = timezone.now()
        registration.invitation = invitation
        registration.save()
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = actor
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        audit(
            actor=actor,
            verb="invitation.accept",
            obj=registration,
            hub_id=program.hub_id,
            after={"status": "approved"},
        )
    return registration
