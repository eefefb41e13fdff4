"""Background e-mail about registrations and invitations (safe to run twice)."""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django_tasks import task


@task()
def send_registration_update(*, registration_id: int) -> None:
    """Tell a participant where their registration stands."""
    from allteach.programs.models import Registration

    registration = (
        Registration.objects.select_related("user", "cohort", "cohort__program")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:
        return
    program = registration.cohort.program
    url = settings.SITE_URL + reverse("portal:program", args=[program.slug])
    send_mail(
        subject=f"{program.title}: {registration.get_status_display()}",
        message=(
            f"Hello {registration.user},\n\n"
            f"Your registration for {program.title} ({registration.cohort.name}) is now: "
            f"{registration.get_status_display()}.\n\n{url}\n"
        ),
        from_email=None,
        recipient_list=[registration.user.email],
    )


@task()
def send_invitation(*, invitation_id: int) -> None:
    """E-mail an invitation link; does nothing once the invitation is used."""
    from allteach.programs.models import Invitation

    invitation = (
        Invitation.objects.select_related("cohort", "cohort__program", "cohort__program__hub")
        .filter(pk=invitation_id, accepted_at__isnull=True)
        .first()
    )
    if invitation is None:
        return
    program = invitation.cohort.program
    url = settings.SITE_URL + reverse("portal:invitation", args=[invitation.token])
    send_mail(
        subject=f"Invitation: {program.title}",
        message=(
            f"{program.hub.name} invites you to join {program.title} "
            f"({invitation.cohort.name}).\n\nAccept here: {url}\n\n"
            f"The link works once and expires on {invitation.expires_at:%Y-%m-%d}.\n"
        ),
        from_email=None,
        recipient_list=[invitation.email],
    )
