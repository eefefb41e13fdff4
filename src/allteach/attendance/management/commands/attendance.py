"""`allteach attendance parse FILE` (no database) and `allteach attendance import --session ID FILE`."""

import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from allteach.attendance.services import attendance_import_zoom_csv
from allteach.meetings.models import Session


class Command(BaseCommand):
    help = "Read Zoom attendance exports: `parse FILE` prints merged minutes; `import --session ID FILE` stores them."

    def run_from_argv(self, argv):
        if argv[2:3] == ["parse"]:
            from allteach.attendance_engine.cli import main

            sys.exit(main(argv[2:]))
        super().run_from_argv(argv)

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="import a Zoom CSV export into a session")
        imp.add_argument("--session", type=int, required=True, help="session id")
        imp.add_argument(
            "--tz", default="", help="time zone of the Zoom account (default: the cohort's)"
        )
        imp.add_argument(
            "--as",
            dest="actor",
            default="",
            help="e-mail of the coordinator importing (default: a superuser)",
        )
        imp.add_argument("file")
        sub.add_parser(
            "parse", help="print the merged per-person minutes of a Zoom CSV (no database)"
        )

    def handle(self, *args, action, **options):
        from django.contrib.auth import get_user_model

        User = get_user_model()
        session = (
            Session.objects.select_related("cohort__program__hub")
            .filter(pk=options["session"])
            .first()
        )
        if session is None:
            raise CommandError(f"No session with id {options['session']}.")
        actor = (
            User.objects.filter(email__iexact=options["actor"]).first()
            if options["actor"]
            else User.objects.filter(is_superuser=True).order_by("pk").first()
        )
        if actor is None:
            raise CommandError(
                "No importing user: pass --as EMAIL of a coordinator of the session's hub."
            )
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        try:
            result = attendance_import_zoom_csv(
                actor=actor,
                session=session,
                data=path.read_bytes(),
                filename=path.name,
                tz=options["tz"],
            )
        except ValidationError as error:
            raise CommandError(f"{path}: {' '.join(error.messages)}")
        summary = (
            session.attendances.filter(counts=True).count(),
            session.attendances.filter(status="review").count(),
        )
        self.stdout.write(
            f"Imported {path.name} ({result.layout}, {result.row_count} rows) into session {session.pk}: {summary[0]} counted, {summary[1]} to review."
        )
