"""Input handling, hidden identifiers, finding shape, and the redaction styles."""

import pytest

from allteach.phi import LABELS, MAX_CHARS, Finding, PhiInputError, decode, redact, scan, scan_bytes


def test_labels_are_the_18_safe_harbor_categories():
    assert len(LABELS) == 18
    assert {"NAME", "GEOGRAPHIC", "DATE", "PHOTO", "OTHER_ID"} <= set(LABELS)


def test_finding_has_offsets_label_confidence_and_reason():
    text = "Mrs. Yazzie was seen 3/14/2024."
    findings = scan(text)
    assert [(f.label, text[f.start : f.end]) for f in findings] == [
        ("NAME", "Mrs. Yazzie"),
        ("DATE", "3/14/2024"),
    ]
    assert findings[0].reason == "title + capitalised word"
    assert all(0 < f.confidence <= 1 for f in findings)


def test_scan_rejects_non_str():
    with pytest.raises(PhiInputError, match="needs str"):
        scan(b"bytes")  # type: ignore[arg-type]


def test_scan_rejects_text_over_the_limit():
    with pytest.raises(PhiInputError, match="limit is 1,000,000"):
        scan("a" * (MAX_CHARS + 1))


def test_scan_bytes_rejects_invalid_utf8_and_names_the_offset():
    with pytest.raises(PhiInputError, match="offset 4"):
        scan_bytes(b"abcd\xff")


def test_scan_bytes_decodes_valid_utf8():
    data = "José Nuñez, MRN 00482913".encode()
    assert [f.label for f in scan_bytes(data)] == ["NAME", "MRN"]
    assert decode(data) == "José Nuñez, MRN 00482913"


def test_empty_and_nul_text():
    assert scan("") == []
    text = "MRN\x0000482913 and Mrs.\x00Yazzie"
    labels = [f.label for f in scan(text)]
    assert "MRN" in labels


@pytest.mark.parametrize(
    ("text", "hidden", "label"),
    [
        ("Mrs. Ya\u200bzzie came", "Ya\u200bzzie", "NAME"),
        ("call 5 5 5 - 1 2 3 4 now", "5 5 5 - 1 2 3 4", "PHONE"),
        ("Dr. J o h n S m i t h saw her", "J o h n S m i t h", "NAME"),
        ("call ５０５-５５５-１２３４ now", "５０５-５５５-１２３４", "PHONE"),
        ("Mrs. \u0422s\u043esie came", "\u0422s\u043esie", "NAME"),
        ("SSN 123\u200b-45-6789", "123\u200b-45-6789", "SSN"),
    ],
)
def test_hidden_identifiers_found_with_original_offsets(text, hidden, label):
    start = text.index(hidden)
    end = start + len(hidden)
    assert any(f.label == label and f.start <= start and end <= f.end for f in scan(text)), scan(
        text
    )


def test_redact_placeholder():
    text = "Mrs. Yazzie, MRN 00482913, lives in Tohatchi."
    assert redact(text, scan(text)) == "[NAME], MRN [MRN], lives in [GEOGRAPHIC]."


def test_redact_surrogate_is_consistent_within_a_call():
    text = "Mrs. Yazzie came. Later Yazzie called."
    out = redact(text, scan(text), "surrogate", seed=b"k")
    first, second = (
        out.split("Mrs. ")[1].split(" came")[0],
        out.split("Later ")[1].split(" called")[0],
    )
    assert first == second
    assert "Yazzie" not in out


def test_redact_rejects_unknown_style_and_bad_spans():
    with pytest.raises(PhiInputError, match="unknown redaction style"):
        redact("x", [], "blackout")
    with pytest.raises(PhiInputError, match="outside the text"):
        redact("abc", [Finding(1, 9, "NAME", 0.9, "test")])


def test_a_title_never_grows_a_name_into_the_finding_before():
    text = "lives in Gallup, NM 87301 Mrs. Yazzie Dr. Begay "
    findings = scan(text)
    assert all(a.end <= b.start for a, b in zip(findings, findings[1:], strict=False))
    assert "Begay" in [
        text[f.start : f.end].removeprefix("Dr. ") for f in findings if f.label == "NAME"
    ]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Lives near Crownpoint chapter house.", "Crownpoint chapter house"),
        ("Her son is in the Cibola County jail.", "Cibola County jail"),
        ("Came from Zuni Pueblo today.", "Zuni Pueblo"),
    ],
)
def test_a_place_keeps_its_kind(text, place):
    assert ("GEOGRAPHIC", place) in [(f.label, text[f.start : f.end]) for f in scan(text)]


def test_a_bare_month_day_beside_a_date_is_a_date_but_not_a_fraction():
    text = "seen 2/3 and again 2/17; took 1/2 tablet"
    assert [text[f.start : f.end] for f in scan(text) if f.label == "DATE"] == ["2/3", "2/17"]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("We met at the Hogback trading post.", "Hogback trading post"),
        ("Met at the Crownpoint community center", "Crownpoint community center"),
    ],
)
def test_named_local_places_with_a_lower_case_kind(text, place):
    assert ("GEOGRAPHIC", place) in [(f.label, text[f.start : f.end]) for f in scan(text)]


def test_a_lower_case_kind_alone_is_not_a_place():
    assert scan("She lived in a group home setting near the community center.") == []


def test_an_unlisted_first_name_joins_the_surname_found_after_it():
    text = "Intake screen: Aponi Wolfchild, age 44"
    assert ("NAME", "Aponi Wolfchild") in [(f.label, text[f.start : f.end]) for f in scan(text)]


@pytest.mark.parametrize("text", ["Saw Begay today.", "Metformin Begay", "Then Begay said"])
def test_words_and_drugs_before_a_name_stay_out_of_it(text):
    assert [text[f.start : f.end] for f in scan(text) if f.label == "NAME"] == ["Begay"]


def test_a_month_day_after_an_iso_date_is_a_date():
    text = "encounter 2023-07-11; labs 07/18"
    assert [text[f.start : f.end] for f in scan(text)] == ["2023-07-11", "07/18"]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Address on file: 22 Road 6100, Kirtland NM 87417", "22 Road 6100, Kirtland NM 87417"),
        ("Mail goes to PO Box 12, Shiprock", "PO Box 12, Shiprock"),
    ],
)
def test_the_parts_of_one_address_make_one_finding(text, address):
    assert ("GEOGRAPHIC", address) in [(f.label, text[f.start : f.end]) for f in scan(text)]


def test_a_numbered_road_needs_a_road_word():
    assert scan("took 2 rd 1000 mg at night") == []
