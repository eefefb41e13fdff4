"""`allteach serve`: the production server (gunicorn) with static files from WhiteNoise."""

import os
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

    def handle(self, *args, bind, workers, threads, timeout, **options):
        from gunicorn.app.wsgiapp import run

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
