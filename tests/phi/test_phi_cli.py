"""The ``allteach phi`` command line (main() called directly)."""

import io
import json

from allteach.phi.cli import main


def test_scan_jsonl(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "a", "text": "Mrs. Yazzie, MRN 00482913"})
        + "\n"
        + json.dumps({"id": 2, "text": "BP 120/80"})
        + "\n",
        encoding="utf-8",
    )
    assert main(["scan", str(src)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows == [
        {
            "id": "a",
            "spans": [
                {"start": 0, "end": 11, "label": "NAME"},
                {"start": 17, "end": 25, "label": "MRN"},
            ],
        },
        {"id": 2, "spans": []},
    ]


def test_scan_reads_stdin(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO('{"id": 1, "text": "SSN 123-45-6789"}\n'))
    assert main(["scan"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "id": 1,
        "spans": [{"start": 4, "end": 15, "label": "SSN"}],
    }


def test_malformed_line_names_the_line(tmp_path, capsys):
    src = tmp_path / "bad.jsonl"
    src.write_text('{"id": 1, "text": "ok"}\n{not json\n', encoding="utf-8")
    assert main(["scan", str(src)]) == 2
    assert "line 2" in capsys.readouterr().err


def test_missing_text_field_is_an_error(tmp_path, capsys):
    src = tmp_path / "bad.jsonl"
    src.write_text('{"id": 1}\n', encoding="utf-8")
    assert main(["scan", str(src)]) == 2
    assert 'line 1: expected an object with a string "text" field' in capsys.readouterr().err


def test_scan_text_prints_readably(capsys):
    assert main(["scan", "--text", "Dr. Begay on 3/14/2024"]) == 0
    out = capsys.readouterr().out
    assert (
        "NAME" in out
        and "'Dr. Begay'" in out
        and "title + capitalised word" in out
        and "confidence 0.90" in out
    )
    assert "DATE" in out and "'3/14/2024'" in out


def test_redact_text_and_jsonl(tmp_path, capsys):
    assert main(["redact", "--text", "Mrs. Yazzie called (505) 555-0199"]) == 0
    assert capsys.readouterr().out == "[NAME] called [PHONE]\n"
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "x", "text": "MRN 00482913"}) + "\n", encoding="utf-8")
    assert main(["redact", str(src), "--style", "surrogate"]) == 0
    row = json.loads(capsys.readouterr().out)
    assert row["id"] == "x" and "00482913" not in row["text"] and row["text"].startswith("MRN ")


def test_missing_file_is_an_error(tmp_path, capsys):
    assert main(["scan", str(tmp_path / "nope.jsonl")]) == 2
    assert "nope.jsonl" in capsys.readouterr().err
