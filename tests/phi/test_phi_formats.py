"""Validated formats and cue words: positives beside look-alikes that must not be flagged."""

import pytest

from allteach.phi import scan
from allteach.phi.formats import dea_ok, luhn_ok, npi_ok, vin_ok


def found(text: str) -> list[tuple[str, str]]:
    return [(f.label, text[f.start : f.end]) for f in scan(text)]


def covered(text: str, piece: str, label: str) -> bool:
    start = text.index(piece)
    end = start + len(piece)
    return any(f.label == label and f.start <= start and end <= f.end for f in scan(text))


def test_check_digit_validators():
    assert npi_ok("1234567893")
    assert not npi_ok("1234567890")
    assert dea_ok("AB1234563")
    assert not dea_ok("AB1234567")
    assert vin_ok("1HGCM82633A004352")
    assert not vin_ok("1HGCM82633A004353")
    assert luhn_ok("4111111111111111")
    assert not luhn_ok("4111111111111112")


@pytest.mark.parametrize(
    ("text", "piece", "label"),
    [
        ("MRN: 00482913 on file", "00482913", "MRN"),
        ("medical record # 26-28-253", "26-28-253", "MRN"),
        ("call (505) 555-0199 today", "(505) 555-0199", "PHONE"),
        ("cell 505 528 2983 ext. 643.", "505 528 2983 ext. 643", "PHONE"),
        ("reach her at 5055551234.", "5055551234", "PHONE"),
        ("fax no. 9153981413", "9153981413", "FAX"),
        ("F: 505.555.1234", "505.555.1234", "FAX"),
        ("write to jane.doe@gmail.com.", "jane.doe@gmail.com", "EMAIL"),
        ("see https://caringbridge.org/visit/x1.", "https://caringbridge.org/visit/x1", "URL"),
        ("page www.tiktok.com/@maria286 now", "www.tiktok.com/@maria286", "URL"),
        ("logged from 192.168.2.59.", "192.168.2.59", "IP"),
        ("login from 2001:db8::ff00:42:8329 flagged", "2001:db8::ff00:42:8329", "IP"),
        ("SSN 123-45-6789", "123-45-6789", "SSN"),
        ("social security # 123 45 6789", "123 45 6789", "SSN"),
        ("last four of SSN 6789", "6789", "SSN"),
        ("member ID XJH123456789", "XJH123456789", "HEALTH_PLAN"),
        ("Medicare MBI 1EG4-TE5-MK73", "1EG4-TE5-MK73", "HEALTH_PLAN"),
        ("acct ending 1234", "1234", "ACCOUNT"),
        ("NPI 1234567893", "1234567893", "LICENSE"),
        ("DEA AB1234563", "AB1234563", "LICENSE"),
        ("driver's license NM 123456789", "123456789", "LICENSE"),
        ("NM plate ABC 123", "ABC 123", "VEHICLE"),
        ("truck VIN 1HGCM82633A004352", "1HGCM82633A004352", "VEHICLE"),
        ("pacemaker serial PJN123456H", "PJN123456H", "DEVICE"),
        ("CGM transmitter ID SHQIBK.", "SHQIBK", "DEVICE"),
        ("UDI (01)12345678901234", "12345678901234", "DEVICE"),
        ("student ID 12345678", "12345678", "OTHER_ID"),
        ("tattoo reading 'Mija 4ever'", "Mija 4ever", "OTHER_ID"),
        ("uploaded IMG_2041.jpg", "IMG_2041.jpg", "PHOTO"),
        (
            "Attached Screenshot 2024-05-13 at 9.42.png of the rash",
            "Screenshot 2024-05-13 at 9.42.png",
            "PHOTO",
        ),
        ("sent a photo of her face", "photo of her face", "PHOTO"),
        ("fingerprint template FP-28155", "FP-28155", "BIOMETRIC"),
        ("an iris scan on file", "iris scan", "BIOMETRIC"),
        (
            "Lives at 123 Main St NW, Apt 4, Gallup, NM 87301.",
            "123 Main St NW, Apt 4, Gallup, NM 87301",
            "GEOGRAPHIC",
        ),
        ("Lives at 6870 Camino del Sol, Shiprock", "6870 Camino del Sol", "GEOGRAPHIC"),
        ("mail to PO Box 55 please", "PO Box 55", "GEOGRAPHIC"),
        ("mail to HC 61 Box 450 please", "HC 61 Box 450", "GEOGRAPHIC"),
        ("ZIP 87301", "87301", "GEOGRAPHIC"),
    ],
)
def test_identifier_found(text, piece, label):
    assert covered(text, piece, label), found(text)


@pytest.mark.parametrize(
    "text",
    [
        "HCV RNA 1,240,000 IU/mL and viral load 45000 copies",
        "BP 142/88, Apgar 8/9, PHQ-9 of 14, MoCA 22/30",
        "buprenorphine 16 mg/4 mg SL daily; 1/2 tab; 3/4 of a tablet",
        "ALT 87 U/L, eGFR 48 mL/min/1.73m2, platelets 142 K/uL",
        "She uses a Dexcom G7 and an Omnipod 5; MiniMed 780G before that.",
        "version 1.2.3.4 of the app",
        "Take 2 tablets by mouth every day the same way.",
        "account balance 500 is overdue",
    ],
)
def test_clinical_look_alikes_not_flagged(text):
    assert found(text) == []
