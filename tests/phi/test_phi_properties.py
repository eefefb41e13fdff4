"""Property tests: offsets always slice the original text; redaction leaves no flagged character."""

from hypothesis import given, settings
from hypothesis import strategies as st

from allteach.phi import LABELS, redact, scan

_PIECES = st.sampled_from(
    [
        "Mrs. Yazzie ",
        "Dr. Begay ",
        "Maria Lopez ",
        "MRN 00482913 ",
        "(505) 555-0199 ",
        "3/14/2024 ",
        "lives in Gallup, NM 87301 ",
        "\u200b",
        "J o h n ",
        "５５５",
        "José ",
        "Иван ",
        "\x00",
        "92-year-old ",
        "BP 120/80 ",
    ]
)
_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=12).map("".join)


@settings(max_examples=150, deadline=None)
@given(_TEXT)
def test_offsets_slice_the_original(text):
    findings = scan(text)
    previous_end = 0
    for f in findings:
        assert 0 <= f.start < f.end <= len(text)
        assert f.start >= previous_end
        previous_end = f.end
        assert f.label in LABELS
        assert text[f.start : f.end].strip() != ""


@settings(max_examples=150, deadline=None)
@given(_TEXT, st.sampled_from(["placeholder", "surrogate"]))
def test_redaction_removes_every_flagged_span(text, style):
    findings = scan(text)
    out = redact(text, findings, style, seed=b"fixed")
    expected, pos = [], 0
    for f in findings:
        expected.append(text[pos : f.start])
        expected.append(f"[{f.label}]" if style == "placeholder" else None)
        pos = f.end
    expected.append(text[pos:])
    if style == "placeholder":
        assert out == "".join(expected)
    else:
        # Every kept piece survives in order; every flagged piece is gone from its place.
        cursor = 0
        for piece in expected:
            if piece is None or piece == "":
                continue
            found_at = out.find(piece, cursor)
            assert found_at >= 0
            cursor = found_at + len(piece)
