"""The `allteach` command: Django management commands with the project's settings.

`allteach phi ...` and `allteach attendance parse ...` run their pure engines directly,
so they need no database and start fast.
"""

import os
import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    args = argv[1:]
    if args[:1] == ["phi"]:
        from allteach.phi.cli import main as phi_main

        return phi_main(args[1:])
    if args[:2] == ["attendance", "parse"]:
        from allteach.attendance_engine.cli import main as attendance_main

        return attendance_main(args[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "allteach.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["allteach", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
