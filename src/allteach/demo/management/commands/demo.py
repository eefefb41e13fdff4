"""`allteach demo`: load the demo world (idempotent) and print its logins."""

import time

from django.core.management.base import BaseCommand

from allteach.demo.builder import DEMO_PASSWORD, build_demo, demo_counts, existing_logins
from allteach.hubs.models import Hub


class Command(BaseCommand):
    help = (
        "Load demo data: ECHO Superhub, two hubs with their teams, four programs with a "
        "year of sessions, and 200 participants. Safe to run again: nothing is duplicated."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when any hub exists (for loading the demo on first start only).",
        )
        parser.add_argument(
            "--print-logins",
            action="store_true",
            help="Only print the demo logins and exit.",
        )

    def handle(self, *args, if_empty=False, print_logins=False, verbosity=1, **options):
        if print_logins:
            self._write_logins()
            return
        if if_empty and Hub.objects.exists():
            if verbosity:
                self.stdout.write("Hubs exist already; the demo data was not loaded.")
            return
        started = time.monotonic()
        world = build_demo()
        if not verbosity:
            return
        self.stdout.write(
            f"Demo data ready in {time.monotonic() - started:.1f} s "
            f"(schedules start {world.anchor:%a %d %b %Y}). This database now holds:"
        )
        for label, count in demo_counts().items():
            self.stdout.write(f"  {label:<26}{count:>6}")
        self._write_logins()

    def _write_logins(self):
        logins = existing_logins()
        if not logins:
            self.stdout.write("No demo logins here: load the demo data with `allteach demo`.")
            return
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        width = max(len(email) for email, _ in logins) + 2
        for email, role in logins:
            self.stdout.write(f"  {email:<{width}}{role}")
