"""Background attendance work (safe to run twice)."""

from django_tasks import task


@task()
def reconcile_session(*, session_id: int) -> None:
    """Recompute a session's attendance after new evidence arrived."""
    from allteach.attendance.services import attendance_reconcile
    from allteach.meetings.models import Session

    session = Session.objects.select_related("cohort__program__hub").filter(pk=session_id).first()
    if session is not None:
        attendance_reconcile(session=session)
