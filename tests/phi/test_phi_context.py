"""The cue layer (context.py): each positive sits beside a hard negative that must stay clean."""

import pytest

from allteach.phi import scan


def labelled(text: str) -> set[tuple[str, str]]:
    return {(text[f.start : f.end], f.label) for f in scan(text)}


@pytest.mark.parametrize(
    ("text", "value", "label"),
    [
        ("Hey Faith! Call me back.", "Faith", "NAME"),
        ("Frank did everything for her at home.", "Frank", "NAME"),
        ("Reena 10:03 - the fax is on the drive", "Reena", "NAME"),
        ("Officer Rick White wants the UDS results.", "Rick White", "NAME"),
        ("PATIENT: WHITE, DOUGLAS", "WHITE, DOUGLAS", "NAME"),
        ("Works for Mesa Verde Roofing.", "Mesa Verde Roofing", "NAME"),
        ("Presented by the Rehoboth clinic team.", "Rehoboth clinic", "GEOGRAPHIC"),
        ("Staying at the Motel 6 on Coal Ave tonight.", "Motel 6 on Coal Ave", "GEOGRAPHIC"),
        ("She is ninety-three, not 83.", "ninety-three", "DATE"),
        ("Follows @desert_rose_55 online.", "@desert_rose_55", "OTHER_ID"),
    ],
)
def test_cue_finds_identifier(text, value, label):
    assert (value, label) in labelled(text)


@pytest.mark.parametrize(
    "text",
    [
        "Hey team! Quick question about dosing.",  # greeting without a name
        "Frank hematuria was noted on the UA.",  # English word, no human verb
        "Plan 10:03 - recheck labs",  # a section word before a time
        "48M, OSA suspected, ANA 1:640, LADA on the differential.",  # upper-case abbreviations
        "Referred to Health Services for follow-up.",  # generic services
        "Presented at the diabetes clinic team meeting.",  # lower-case generic head
        "Ninety percent of the dose was given.",  # number word that is not an age
        "Refugee from Afghanistan, arrived last year.",  # a country is bigger than a state
        "She can only come the 1st Monday of each month.",  # ordinal before a weekday
        "Email me at clinic@example.org for the form.",  # e-mail, not a handle
    ],
)
def test_hard_negative_stays_clean(text):
    found = labelled(text)
    assert not {f for f in found if f[1] != "EMAIL"}, found
