"""Prototype of a cheaper `join_link_follow` (benchmark only; the app does not use it).

One SQL statement both checks and counts the click (UPDATE ... FROM session ... RETURNING,
with the person's display name and e-mail from scalar subqueries), and the session's provider
and meeting are cached per process for 30 s, since a rush is thousands of people joining the
same few sessions. Same URL as the real service for Jitsi; error messages are not told apart.
"""

import time

from django.db import connection
from django.utils import timezone

ONE_STATEMENT = """
UPDATE conferencing_joinlink AS j
   SET clicks = j.clicks + 1, last_clicked_at = %s,
       first_clicked_at = COALESCE(j.first_clicked_at, %s)
  FROM meetings_session AS s
 WHERE j.token = %s AND s.id = j.session_id AND j.expires_at >= %s AND s.status <> 'cancelled'
RETURNING j.id, j.session_id, j.user_id, j.moderator, j.provider_join_url, j.guest_name,
          (SELECT COALESCE(NULLIF(u.name, ''), u.email) FROM accounts_user u WHERE u.id = j.user_id),
          (SELECT u.email FROM accounts_user u WHERE u.id = j.user_id)
"""
_MEETINGS: dict[int, tuple[float, object, object]] = {}


def follow_one_statement(*, token: str) -> str:
    from allteach.conferencing import services
    from allteach.meetings.models import Session
    from allteach.providers import Participant

    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(ONE_STATEMENT, [now, now, token, now])
        row = cursor.fetchone()
    if row is None:
        raise services.JoinLinkError("This join link is not valid, has expired or was cancelled.")
    link_id, session_id, user_id, moderator, provider_url, guest_name, name, email = row
    if provider_url:
        return provider_url
    cached = _MEETINGS.get(session_id)
    if cached is None or cached[0] < time.monotonic():
        session = Session.objects.select_related("cohort__program").get(pk=session_id)
        program = session.cohort.program
        provider = services.build_provider(
            services.account_for(hub_id=program.hub_id, program_id=program.pk)
        )
        if provider.kind != "jitsi":
            return services.join_link_follow(token=token)  # prototype covers Jitsi only
        ref = provider.ensure_meeting(services._meeting_spec(session))
        cached = _MEETINGS[session_id] = (time.monotonic() + 30, provider, ref)
    _, provider, ref = cached
    person = Participant(
        id=f"u{user_id}" if user_id else f"g{link_id}", name=name or guest_name, email=email or ""
    )
    return provider.join_url(ref, person, moderator=moderator)
