"""`allteach phi ...`: the PHI detector's command line (also reachable without Django)."""

import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Scan or redact text for the 18 HIPAA Safe Harbor identifiers (see `allteach phi --help`)."
    )

    def run_from_argv(self, argv):
        from allteach.phi.cli import main

        sys.exit(main(argv[2:]))
