"""Layers added for text written by other people: each positive sits beside a hard negative."""

import pytest

from allteach.phi import scan


def labels(text):
    return [(text[f.start : f.end], f.label) for f in scan(text)]


def covered(text, value):
    start = text.index(value)
    need = [i for i in range(start, start + len(value)) if text[i].isalnum()]
    return any(all(f.start <= i < f.end for i in need) for f in scan(text))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Seen by K. Natani, PA-C.", "K. Natani"),
        ("Discussants: Rebecca Hummingbird, RN.", "Rebecca Hummingbird"),
        ('Thank you for seeing Harold "Hal" Whitehorse.', 'Harold "Hal" Whitehorse'),
        ('He goes by "Junior" at home.', "Junior"),
        ("Thanks,\nDevon", "Devon"),
        ("tell jolene to bring the meds", "jolene"),
        ("Next of kin - Darnell Washington, son", "Darnell Washington"),
    ],
)
def test_name_cues(text, value):
    assert covered(text, value), labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "Child-Pugh B. Abstinent since 2021.",
        "ALT 87 U/L. Fibrosis staging pending.",
        "Pt prefers texts, phone on file.",
        "Goes by her middle name.",
        "She has todd paralysis after seizures, seen with todd paralysis.",
        "Hope is a key part of recovery.",
    ],
)
def test_name_negatives(text):
    assert [f for f in scan(text) if f.label == "NAME"] == [], labels(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "He is at Santa Fe County Adult Detention Center.",
            "Santa Fe County Adult Detention Center",
        ),
        ("Her kids attend Cuba High.", "Cuba High"),
        ("Referred from RMCH to GIMC.", "GIMC"),
        ("Lives at mile marker 42 on US 491.", "mile marker 42 on US 491"),
        ("He stays on Calle Ocho for now.", "Calle Ocho"),
        ("A party in Navajo, NM last week.", "Navajo, NM"),
    ],
)
def test_place_layers(text, value):
    assert covered(text, value), labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "Referred to the Cancer Center and the Wound Care Center.",
        "Her A1c was High. Blood pressure in the Middle range.",
        "Very High risk per the Framingham score.",
        "Mile marker on the form was blank.",
    ],
)
def test_place_negatives(text):
    assert scan(text) == [], labels(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Medicaid (Centennial Care) ID CC4471920", "CC4471920"),
        ("her chart number at Cibola General is CGH-1020374 and", "CGH-1020374"),
        ("application # NM-MAD-7738120.", "NM-MAD-7738120"),
        ("Docket no. D-202-CV-2022-01133.", "D-202-CV-2022-01133"),
        ("[10/14 9:42 PM] she is back", "10/14"),
        ("missed pickup the 14th", "the 14th"),
        ("sent VID_20250214_181133.mp4 with face", "VID_20250214_181133.mp4"),
        (
            "call five oh five, five five five, zero one four six",
            "five oh five, five five five, zero one four six",
        ),
    ],
)
def test_id_date_photo_layers(text, value):
    assert covered(text, value), labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "Lot number L0492A of the vaccine.",
        "The ID team saw her. ID 2024 guidelines.",
        "Pain 6/10 today, BP 120/80, took 3/4 of doses.",
        "Growth at the 5th percentile; third dose on the 2nd visit.",
    ],
)
def test_id_date_negatives(text):
    assert scan(text) == [], labels(text)


def test_biometric_stops_at_sentence_end():
    text = "Her fingerprint on file. BP 118/76 mmHg."
    assert all(f.end <= text.index("BP") for f in scan(text)), labels(text)
