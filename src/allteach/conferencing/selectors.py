"""Reads about conferencing accounts and meetings."""

from allteach.conferencing.models import JoinLink, ProviderAccount, SessionMeeting


def provider_accounts_of_hub(*, hub) -> list[ProviderAccount]:
    return list(
        ProviderAccount.objects.filter(hub=hub).select_related("program").order_by("program__title")
    )


def meeting_of_session(*, session) -> SessionMeeting | None:
    return SessionMeeting.objects.filter(session=session).first()


def join_link_clicks(*, session) -> int:
    return JoinLink.objects.filter(session=session, first_clicked_at__isnull=False).count()
