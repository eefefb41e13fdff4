"""`allteach attendance import` (database) and `allteach attendance parse` (pure engine)."""

import json
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from allteach.__main__ import main
from allteach.attendance.models import Attendance, AttendanceImport
from tests import factories
from tests.attendance.conftest import plain_csv

FIXTURES = Path(__file__).resolve().parents[1] / "attendance_engine" / "fixtures"


def test_import_prints_the_summary(scene, basic_csv, tmp_path):
    path = tmp_path / "zoom.csv"
    path.write_bytes(basic_csv)
    out = StringIO()
    call_command(
        "attendance",
        "import",
        "--session",
        str(scene.session.pk),
        "--as",
        "ADMIN@example.org",
        str(path),
        stdout=out,
    )
    assert out.getvalue() == (
        f"Imported zoom.csv (plain, 6 rows) into session {scene.session.pk}: 4 counted, 2 to review.\n"
    )
    assert AttendanceImport.objects.get().created_by == scene.admin
    assert Attendance.objects.get(registration=scene.amara_reg).minutes == Decimal("50.00")


def test_import_defaults_to_a_superuser(scene, basic_csv, tmp_path):
    root = factories.UserFactory(is_superuser=True, is_staff=True)
    path = tmp_path / "zoom.csv"
    path.write_bytes(basic_csv)
    call_command(
        "attendance", "import", "--session", str(scene.session.pk), str(path), stdout=StringIO()
    )
    assert AttendanceImport.objects.get().created_by == root


def test_import_of_a_bad_file_names_the_line(scene, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(
        plain_csv(
            [
                ("Amara Okafor", "amara.okafor@northvalley.example", "12:00", "12:20"),
                ("Mystery Guest", "", "12:30", "12:10"),
            ]
        )
    )
    with pytest.raises(CommandError) as caught:
        call_command(
            "attendance",
            "import",
            "--session",
            str(scene.session.pk),
            "--as",
            scene.admin.email,
            str(path),
        )
    assert str(caught.value) == (
        f"{path}: line 3: Leave Time '11/19/2026 12:10:00 PM' is before Join Time '11/19/2026 12:30:00 PM'"
    )
    assert AttendanceImport.objects.count() == 0
    assert Attendance.objects.count() == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--session", "999999", "--as", "admin@example.org", "x.csv"],
            "No session with id 999999.",
        ),
        (["--session", "{session}", "--as", "nobody@example.org", "x.csv"], "No importing user"),
        (
            ["--session", "{session}", "--as", "admin@example.org", "missing.csv"],
            "missing.csv: no such file.",
        ),
    ],
)
def test_import_refuses_bad_arguments(scene, args, message):
    args = [a.replace("{session}", str(scene.session.pk)) for a in args]
    with pytest.raises(CommandError, match=message):
        call_command("attendance", "import", *args)


def test_import_by_someone_who_may_not_manage_the_session(scene, basic_csv, tmp_path):
    from django.core.exceptions import PermissionDenied

    path = tmp_path / "zoom.csv"
    path.write_bytes(basic_csv)
    with pytest.raises(PermissionDenied):
        call_command(
            "attendance",
            "import",
            "--session",
            str(scene.session.pk),
            "--as",
            "participant@example.org",
            str(path),
        )
    assert AttendanceImport.objects.count() == 0


def test_parse_prints_json(capsys):
    path = str(FIXTURES / "plain_basic.csv")
    assert main(["allteach", "attendance", "parse", path]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["layout"] == "plain"
    assert result["meeting"] is None
    people = {person["identity_key"]: person for person in result["people"]}
    amara = people["email:amara.okafor@northvalleyclinic.org"]
    # 11:58:12–12:31:40 and 12:33:05–13:00:41, read as UTC and not clipped: 33:28 + 27:36.
    assert (amara["minutes"], amara["connections"]) == (61.07, 2)
    assert (amara["first_join"], amara["last_leave"]) == (
        "2026-11-19T11:58:12Z",
        "2026-11-19T13:00:41Z",
    )
    dial_in = [person for person in result["people"] if person["dial_in"]]
    assert [(p["name"], p["minutes"]) for p in dial_in] == [("+1 505-555-0143", 40.0)]


def test_parse_with_a_time_zone(capsys):
    path = str(FIXTURES / "plain_basic.csv")
    assert main(["allteach", "attendance", "parse", path, "--tz", "America/Denver"]) == 0
    people = json.loads(capsys.readouterr().out)["people"]
    amara = next(
        p for p in people if p["identity_key"] == "email:amara.okafor@northvalleyclinic.org"
    )
    assert amara["first_join"] == "2026-11-19T18:58:12Z"


def test_parse_of_a_bad_file_names_the_line(tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_bytes(
        plain_csv([("A", "a@example.org", "12:00", "12:10"), ("B", "", "12:30", "12:10")])
    )
    assert main(["allteach", "attendance", "parse", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"{path}: line 3: Leave Time")
