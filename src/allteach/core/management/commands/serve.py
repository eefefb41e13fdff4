"""`allteach serve`: the production server (gunicorn) with static files from WhiteNoise.

By default it also runs one background-task worker (`allteach db_worker`) beside gunicorn, so
a single-machine install sends its e-mails; larger installs run workers elsewhere and pass
`--no-tasks-worker`.
"""

import argparse
import atexit
import os
import subprocess
import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve allteach with gunicorn (static files are served by WhiteNoise)."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("ALLTEACH_BIND", "127.0.0.1:8000"))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "3"))
        )
        parser.add_argument(
            "--threads", type=int, default=int(os.environ.get("GUNICORN_THREADS", "4"))
        )
        parser.add_argument("--timeout", type=int, default=60)
        parser.add_argument(
            "--tasks-worker",
            action=argparse.BooleanOptionalAction,
            default=os.environ.get("ALLTEACH_TASKS_WORKER", "1") != "0",
            help="also run one background-task worker (default: on)",
        )

    def handle(self, *args, bind, workers, threads, timeout, tasks_worker, **options):
        from gunicorn.app.wsgiapp import run

        if tasks_worker:
            worker = subprocess.Popen(  # noqa: S603 — our own command, no shell
                [sys.executable, "-m", "allteach", "db_worker", "--queue-name", "*", "-v", "0"]
            )
            atexit.register(worker.terminate)

        sys.argv = [
            "gunicorn",
            "allteach.wsgi:application",
            "--bind",
            bind,
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--timeout",
            str(timeout),
            "--access-logfile",
            "-",
            "--forwarded-allow-ips",
            os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
        ]
        run()
