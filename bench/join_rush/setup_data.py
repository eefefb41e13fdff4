"""Fill the benchmark database: one hub, program, cohort and session starting now, N people
with approved registrations and prepared join links. Writes one token per line to --tokens.

Run by run.py in a subprocess with DJANGO_SETTINGS_MODULE=allteach.settings and DATABASE_URL set.
"""

import argparse
import sys
import time
from datetime import timedelta


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--tokens", required=True, help="file to write the join tokens to")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection, transaction
    from django.utils import timezone

    from allteach.accounts.models import User
    from allteach.conferencing.models import JoinLink
    from allteach.conferencing.services import join_links_prepare
    from allteach.hubs.models import Hub
    from allteach.meetings.models import Session
    from allteach.programs.models import (
        Cohort,
        Program,
        ProgramStatus,
        Registration,
        RegistrationStatus,
    )

    started = time.perf_counter()
    now = timezone.now()
    with transaction.atomic():
        hub = Hub.objects.create(name="Bench Hub", slug="bench-hub")
        program = Program.objects.create(
            hub=hub,
            title="Join rush",
            slug="join-rush",
            summary="Benchmark program.",
            status=ProgramStatus.OPEN,
        )
        cohort = Cohort.objects.create(program=program, name="Rush cohort", capacity=None)
        session = Session.objects.create(
            cohort=cohort,
            original_date=now.date(),
            starts_at=now,
            ends_at=now + timedelta(hours=1),
            # Left blank: conferencing.services._meeting_spec formats `title or starts_at` with
            # "%Y-%m-%d", which raises ValueError for a titled session (reported to the lead).
            title="",
        )
        # "!" is Django's unusable-password marker: no hashing for 10,000 people.
        users = User.objects.bulk_create(
            [
                User(email=f"person{i:05d}@bench.invalid", name=f"Person {i:05d}", password="!")
                for i in range(args.people)
            ],
            batch_size=2000,
        )
        Registration.objects.bulk_create(
            [
                Registration(
                    cohort=cohort, user=user, status=RegistrationStatus.APPROVED, decided_at=now
                )
                for user in users
            ],
            batch_size=2000,
        )
        # The real preparation path (meeting_ensure + bulk_create of the links).
        created = join_links_prepare(session=session)
    tokens = list(
        JoinLink.objects.filter(session=session).order_by("pk").values_list("token", flat=True)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    with open(args.tokens, "w") as out:
        out.write("\n".join(tokens) + "\n")
    print(
        f"setup: {len(users)} people, {created} join links, session {session.pk}, "
        f"{time.perf_counter() - started:.1f} s",
        flush=True,
    )
    return 0 if len(tokens) == args.people else 1


if __name__ == "__main__":
    sys.exit(main())
