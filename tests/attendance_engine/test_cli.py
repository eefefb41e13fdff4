import json

from allteach.attendance_engine.cli import main

from .test_zoom_csv import FIXTURES


def test_cli_parse_prints_people_as_json(capsys):
    status = main(["parse", str(FIXTURES / "plain_basic.csv"), "--tz", "America/Denver"])

    out = json.loads(capsys.readouterr().out)
    assert status == 0
    assert out["layout"] == "plain"
    assert out["meeting"] is None
    assert [(p["identity_key"], p["minutes"], p["connections"]) for p in out["people"]] == [
        ("email:amara.okafor@northvalleyclinic.org", 61.07, 2),
        ("email:liwei@gmail.com", 53.0, 2),
        ("email:tomas.reyes@mesahealth.org", 58.48, 1),
        ("name:tel:15055550143", 40.0, 1),
    ]
    assert out["people"][0]["first_join"] == "2026-11-19T18:58:12Z"
    assert out["people"][3]["dial_in"] is True


def test_cli_parse_meeting_and_unique_users(capsys):
    status = main(["parse", str(FIXTURES / "unique_users_with_meeting_data.csv")])

    out = json.loads(capsys.readouterr().out)
    assert status == 0
    assert out["layout"] == "unique_users"
    assert out["meeting"]["start"] == "2026-11-19T11:55:03Z"
    assert [p["minutes"] for p in out["people"]] == [68.0, 62.0, 45.0]


def test_cli_parse_error_names_the_line_and_exits_2(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n"
        "Ana,ana@example.org,11/19/2026 12:00:00 PM,yesterday,1\n"
    )

    status = main(["parse", str(bad)])

    captured = capsys.readouterr()
    assert status == 2
    assert captured.out == ""
    assert (
        captured.err
        == f"{bad}: line 2: cannot read Leave Time 'yesterday'; expected a time like 11/21/2026 01:02:03 PM\n"
    )


def test_cli_parse_missing_file_exits_2(tmp_path, capsys):
    status = main(["parse", str(tmp_path / "nope.csv")])

    assert status == 2
    assert "No such file" in capsys.readouterr().err
