"""Generalised ID cues (ids.py) and field forms / lower-case text (forms.py): positives beside
hard negatives."""

import pytest

from allteach.phi import scan
from allteach.phi.ids import id_like


def found(text, value, label=None):
    start = text.index(value)
    need = [i for i in range(start, start + len(value)) if text[i].isalnum()]
    return any(
        (label is None or f.label == label) and all(f.start <= i < f.end for i in need)
        for f in scan(text)
    )


def flagged(text, value):
    start = text.index(value)
    end = start + len(value)
    return [f.label for f in scan(text) if f.start < end and start < f.end]


@pytest.mark.parametrize(
    ("text", "value", "label"),
    [
        ("her Molina number is 8812345 per the card.", "8812345", "HEALTH_PLAN"),
        ("UHC member 00412-887-2 verified.", "00412-887-2", "HEALTH_PLAN"),
        ("Aetna group # 0087321, policyholder is husband.", "0087321", "HEALTH_PLAN"),
        ("ins_mem_no: QRT550192837", "QRT550192837", "HEALTH_PLAN"),
        ("plan_id: BCN-7710022931", "BCN-7710022931", "HEALTH_PLAN"),
        ("holds a CDL AZ 0381127745 for work.", "AZ 0381127745", "LICENSE"),
        ("pharmacist lic RPH-00921 on file.", "RPH-00921", "LICENSE"),
        ("also TX LVN LV220871 (active).", "LV220871", "LICENSE"),
        ("NM CSR CS00411872 renewed.", "CS00411872", "LICENSE"),
        ("pacemaker, serial on the card PJN442871.", "PJN442871", "DEVICE"),
        ("the CGM transmitter 8A1B2C was replaced.", "8A1B2C", "DEVICE"),
        ("his truck tag is KRW-448 (AZ).", "KRW-448", "VEHICLE"),
        ("drives a grey Tacoma, tag QLM 512.", "QLM 512", "VEHICLE"),
        ("license plate four two niner kilo lima zulu", "four two niner kilo lima zulu", None),
        ("booking number 24-118822 at the detention center.", "24-118822", "OTHER_ID"),
        ("clinic logs in by fingerprint (template FP-20771).", "FP-20771", "BIOMETRIC"),
        ("SSN on the old intake: 525 38 1174.", "525 38 1174", "SSN"),
        ('portal username "hikingnana_87" was shared.', "hikingnana_87", "OTHER_ID"),
    ],
)
def test_cue_ids(text, value, label):
    if "niner" in value:
        text = text.replace("niner", "nine")
        value = value.replace("niner", "nine")
    assert found(text, value, label), scan(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Medtronic 780G pump started last month.", "780G"),
        ("insulin lot 4521A expired.", "4521A"),
        ("BCBS alone covers the visit.", "BCBS"),
        ("ICD-10 E11.9 coded at the visit.", "E11.9"),
        ("Dexcom G7 placed on the arm.", "G7"),
        ("group of 1200 patients in the registry.", "1200"),
        ("plan: metformin 1000 mg, recheck A1c 7.2 in 3 months.", "1000"),
        ("insurance pays 80% after the 2500 deductible", "80"),
        ("pump rate 1.25 units/hr overnight.", "1.25"),
        ("Presbyterian Hospital room 4412.", "4412"),
        ("Molina member services 1-800-555-0123.", "1-800-555-0123"),
    ],
)
def test_cue_id_hard_negatives(text, value):
    labels = flagged(text, value)
    assert not set(labels) & {"HEALTH_PLAN", "DEVICE", "VEHICLE", "LICENSE", "OTHER_ID"}, labels


def test_id_like_shapes():
    assert id_like("PJN442871") and id_like("00412-887-2") and id_like("KRW-448")
    for tok in ("2024", "12/14", "7.2", "1000mg", "E11.9", "120/80", "10-20", "A1c"):
        assert not id_like(tok), tok
    assert not id_like("780G", strict=True) and not id_like("1200", strict=True)


@pytest.mark.parametrize(
    ("text", "value", "label"),
    [
        ("pt_name: Orlando Tsosie / pt_age: 93 / county: Sandoval", "93", "DATE"),
        ("pt_name: Orlando Tsosie / pt_age: 93 / county: Sandoval", "Sandoval", "GEOGRAPHIC"),
        ("pt_name: june may   pt_dob: 1990-02-03", "june may", "NAME"),
        ("pcp: dr gloria bright", "gloria bright", "NAME"),
        ("lives at RR 4 Box 12C, Ramah, NM 87321.", "RR 4 Box 12C, Ramah, NM 87321", "GEOGRAPHIC"),
        ("home is N9 BIA Rte 12 past the wash.", "N9 BIA Rte 12", "GEOGRAPHIC"),
        ("mail goes to HC 61 Box 40.", "HC 61 Box 40", "GEOGRAPHIC"),
        ("ranch off CR 4990 near the river.", "CR 4990", "GEOGRAPHIC"),
        ("crash at NM-44 mile 112 last night.", "NM-44 mile 112", "GEOGRAPHIC"),
        ("found 5 mi W of Thoreau on the mesa.", "5 mi W of Thoreau", "GEOGRAPHIC"),
        (
            "transferred from gallup indian medical center today.",
            "gallup indian medical center",
            None,
        ),
        ("seen at presbyterian española last week.", "presbyterian española", None),
        ("Facility: San Juan Regional", "San Juan Regional", "GEOGRAPHIC"),
        ("pt josé nuñez, 67, lives in chimayó.", "josé nuñez", "NAME"),
        ("pt josé nuñez, 67, lives in chimayó.", "chimayó", "GEOGRAPHIC"),
        ("mr august frost is a seventy year old man", "august frost", "NAME"),
        ("Lab slip: BEGAY, LORENA M   DOB 19500101", "BEGAY, LORENA M", "NAME"),
        ("Pt is 97; family at bedside.", "97", "DATE"),
        ('saved as "left side face.jpg" in the chart', "left side face.jpg", "PHOTO"),
        ("uploaded PXL_20240513_094211 and IMG_4471", "PXL_20240513_094211", "PHOTO"),
        ("WhatsApp Image 2024-07-02 at 10.14.22.jpeg arrived", "WhatsApp Image 2024-07-02", None),
        ("mom sent a video call screenshot of the rash", "video call screenshot", "PHOTO"),
    ],
)
def test_forms_and_lower_case(text, value, label):
    assert found(text, value, label), [(f.label, text[f.start : f.end]) for f in scan(text)]


def test_table_columns():
    text = "id,name,dob,age,zip,device_serial,photo\nX-1,Leroy Nakai,02/09/1933,91,87013,PJN418820S,a_face.jpeg\n"
    for value in ("Leroy Nakai", "02/09/1933", "91", "87013", "PJN418820S", "a_face.jpeg"):
        assert found(text, value), value
    clean = "drug,dose,route\nmetformin,500 mg,PO\n"
    assert scan(clean) == []


@pytest.mark.parametrize(
    "text",
    [
        "pt will need labs and the patient may feel better.",
        "plan in place; group therapy 3x/week.",
        "dr to review the chart tomorrow.",
        "Pt is 95% adherent to the regimen.",
        "HIGH RISK, NO ACUTE DISTRESS. HEART RATE WAS NORMAL. WILL FOLLOW.",
        "provider: none   county: n/a",
        "she lives in a trailer in town.",
        "how to handle T2DM in clinic; pt is 90 days post-op; he is 95th percentile.",
        "SNAP benefits renewed; login issues with the portal.",
    ],
)
def test_forms_hard_negatives(text):
    assert scan(text) == [], [(f.label, text[f.start : f.end]) for f in scan(text)]
