"""Synthetic ECHO case presentations with gold PHI spans, for developing and benchmarking PHI screening.

Standard library only and deterministic for a given seed. Every identifier is invented. Each record:

    {"id": str, "text": str, "kind": "phi" | "no_phi",
     "spans": [{"start", "end", "label"}],            # PHI that must be found
     "hard_negatives": [{"start", "end", "text"}]}    # look-alikes that must not be flagged

Labels are the 18 HIPAA Safe Harbor categories in ``LABELS``. A gold span holds only the identifying
part ("00482913", not "MRN 00482913"); ages over 89 are labelled DATE, as Safe Harbor groups them with
dates. Run ``python bench/phi/corpus.py --n 5 --seed 1`` to print a few records as JSON lines.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import string
import sys
from collections.abc import Callable

from allteach.phi.model import LABELS as PHI_LABELS

LABELS = PHI_LABELS  # the 18 Safe Harbor categories, as the detector names them

NEG = "NEG"  # piece kind for a hard negative
NO_PHI_SHARE = 0.15

# A piece is (text, kind): kind is None for plain text, NEG for a hard negative, or a label.
Piece = tuple[str, str | None]

# ---------------------------------------------------------------------------------------------
# Vocabulary. Every person, place and number here is invented or a common public place name.
# ---------------------------------------------------------------------------------------------

# fmt: off
FIRST_NAMES = [
    "Maria", "José", "Keisha", "Aiyana", "Tyler", "Brittany", "Darnell", "Guadalupe", "Ahanu",
    "Nizhoni", "Priya", "Mohammed", "Fatima", "Siobhán", "Zoë", "Dariusz", "Björn", "Ngozi",
    "Lakshmi", "Thảo", "Kateri", "Emily", "Hunter", "Jaylen", "Rosa", "Esperanza", "Wei",
    "Dmitri", "Yusuf", "Amara", "Colt", "Shandiin", "Tomasz", "Ana Lucía", "Juan Carlos",
]
LAST_NAMES = [
    "Lopez", "Nuñez", "Begay", "Yazzie", "Tsosie", "Okafor", "Natarajan", "Al-Amin", "Ní Bhriain",
    "Ørsted", "Wójcik", "Ångström", "Okonkwo", "Venkataraman", "Trần", "Johnson", "Smith",
    "Martinez", "Chavez", "Benally", "Whitehorse", "O'Brien", "McAllister", "Kowalczyk", "Haskie",
    "García-Márquez", "Nakai", "Sandoval", "Etsitty", "Van der Berg", "Dubois", "Kaur",
]
# Whole names written in other scripts or with name order that an English model rarely sees.
INTL_NAMES = [
    "José Nuñez", "Nguyễn Văn An", "김민준", "王芳", "Мария Иванова", "محمد الأحمد", "राहुल शर्मा",
    "佐藤 健", "Trần Thị Thảo", "Ngozi Okonkwo", "Siobhán Ní Bhriain", "Dariusz Wójcik",
    "Björn Ångström", "Γιώργος Παπαδόπουλος", "יוסף כהן", "Lê Minh Khôi", "Oluwaseun Adeyemi",
]
CLINICIAN_LAST = [
    "Ramirez", "Natarajan", "Chen", "Yazzie", "Goldberg", "Okafor", "Haskie", "Villanueva",
    "Abernathy", "Shah", "Kim", "Nakamura", "Baca", "Lucero", "Archuleta",
]
EMPLOYERS = [
    "Tyson Foods", "Peabody Coal", "Dollar General", "Hank's Auto Body", "Allsup's",
    "Navajo Transitional Energy Company", "Sandia Casino", "Blake's Lotaburger", "Walmart",
    "Pueblo of Laguna Utility Authority", "El Paso Electric", "Intel Rio Rancho", "Chevron",
]
RELATIONS = [
    "daughter", "son", "wife", "husband", "mother", "father", "grandmother", "aunt", "brother",
    "sister", "partner", "foster mother", "case worker",
]
CITIES = [
    "Gallup", "Truth or Consequences", "Española", "Las Cruces", "Crownpoint", "Shiprock",
    "Farmington", "Hobbs", "Taos", "Silver City", "Tucumcari", "Zuni", "Chinle", "Kayenta",
    "Deming", "Los Lunas", "Tohatchi", "Raton", "Socorro", "Anthony",
]
COUNTIES = [
    "McKinley County", "Rio Arriba County", "San Juan County", "Doña Ana County", "Lea County",
    "Apache County", "Cibola County", "Sierra County", "Luna County", "Quay County",
]
STREETS = [
    "Maple Ave", "Calle Ocho", "Old Route 66", "Camino del Sol", "Elm Street", "N. Main St.",
    "County Road 6100", "Aztec Blvd NE", "Piñon Drive", "Mesa Verde Loop", "Highway 491",
]
FACILITIES = [
    "Gallup Indian Medical Center", "Presbyterian Española Hospital", "Shiprock Service Unit",
    "First Choice Community Healthcare", "La Clínica de Familia", "Crownpoint Healthcare Facility",
    "Sierra Vista Hospital", "Lea Regional Medical Center", "Holy Cross Hospital in Taos",
]
SCHOOLS = [
    "Zuni High School", "Lincoln Elementary", "Tohatchi Middle School", "Mesa Vista Academy",
    "Cesar Chavez Community School", "Navajo Pine High School", "Sierra Middle School",
]
CHAPTERS = [
    "Crownpoint Chapter", "Tohatchi Chapter House", "Shiprock Chapter", "Ojo Encino Chapter",
    "Pueblo Pintado Chapter", "Chichiltah Chapter",
]
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]
EMAIL_DOMAINS = ["gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "aol.com", "icloud.com"]

# Hard negatives: look like identifiers or names, are not PHI.
DRUGS = [
    "Suboxone", "buprenorphine/naloxone", "Sublocade", "naloxone", "Narcan", "methadone",
    "Vivitrol", "naltrexone", "Epclusa", "sofosbuvir/velpatasvir", "Mavyret",
    "glecaprevir/pibrentasvir", "Harvoni", "levetiracetam", "Keppra", "lamotrigine", "Lamictal",
    "Depakote", "valproate", "Epidiolex", "metformin", "Jardiance", "empagliflozin", "Ozempic",
    "semaglutide", "Lantus", "insulin glargine", "Trulicity", "Farxiga", "donepezil", "Aricept",
    "memantine", "Namenda", "sertraline", "Zoloft", "fluoxetine", "Prozac", "quetiapine",
    "Seroquel", "Abilify", "aripiprazole", "Concerta", "guanfacine", "Intuniv", "clonidine",
    "Lexapro", "trazodone", "hydroxyzine", "gabapentin",
]
LABS = [
    "ALT 87 U/L", "AST 64", "HCV RNA 1,240,000 IU/mL", "HCV RNA 2.4 million IU/mL",
    "genotype 1a", "A1c 9.2%", "HbA1c 11.4 %", "eGFR 48 mL/min/1.73m2", "platelets 142 K/uL",
    "APRI 0.8", "FIB-4 1.92", "glucose 212 mg/dL", "LDL 131 mg/dL", "TSH 2.1", "B12 310 pg/mL",
    "albumin 3.1 g/dL", "INR 1.1", "bilirubin 0.9", "UDS + fentanyl", "Na 134", "Cr 1.3",
    "FibroScan 9.8 kPa", "urine microalbumin 45 mg/g",
]
DOSES = [
    "16 mg/4 mg SL daily", "8 mg BID", "500 mg BID", "1000 mg twice daily", "10 units qhs",
    "0.5 mg weekly", "25 mg qAM", "50 mg at bedtime", "2 mg/kg/day", "1 tab PO daily x 12 weeks",
    "300 mg TID", "4 mg intranasal PRN", "100 mg daily",
]
BPS = ["BP 142/88", "BP 118/76 mmHg", "BP 156/94", "blood pressure 130/80", "BP 98/60"]
SCORES = [
    "Apgar 8/9", "PHQ-9 of 14", "PHQ-9 = 21", "GAD-7 12", "MoCA 22/30", "MMSE 24/30",
    "COWS 11", "AUDIT-C 6", "GCS 15", "Glasgow Coma Scale 14", "Child-Pugh A", "MELD 9",
    "SLUMS 19/30", "PCL-5 of 48", "CRAFFT 3/6", "Vanderbilt 6/9", "Tanner stage 3",
]
FRACTIONS = ["3/4 of a tablet", "1/2 tab", "2/3 of doses", "1/4 strength", "4/7 days"]
YEARS = [str(y) for y in range(1998, 2025)]
EPONYMS = [
    "Wilson disease", "Parkinson disease", "Alzheimer disease", "Hashimoto thyroiditis",
    "Lennox-Gastaut syndrome", "Dravet syndrome", "Todd paralysis", "Bell palsy",
    "Lewy body dementia", "Graves disease", "Down syndrome", "Cushing syndrome", "Crohn disease",
    "Korsakoff syndrome", "Huntington disease",
]
ROLES = [
    "the PCP", "her cardiologist", "his PCP", "the school counselor", "the case manager",
    "the CHW", "our behavioral health consultant", "the covering NP", "her endocrinologist",
    "the pharmacist", "his neurologist", "the peer support worker", "the hub hepatologist",
    "the school nurse", "their psychiatrist",
]
STATES = [
    "New Mexico", "Arizona", "Colorado", "Texas", "Oklahoma", "Utah", "Nevada", "Kansas",
    "Wyoming", "Montana",
]
DEVICE_MODELS = [
    "Dexcom G7", "Omnipod 5", "Tandem t:slim X2", "FreeStyle Libre 3", "VNS Therapy SenTiva",
    "MiniMed 780G", "Zio patch", "Embrace2 watch", "NeuroPace RNS",
]

# fmt: on

# ---------------------------------------------------------------------------------------------
# Identifier forms
# ---------------------------------------------------------------------------------------------


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


def _alnum(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(n))


def _letters(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.ascii_uppercase) for _ in range(n))


def _luhn_complete(body: str) -> str:
    """Append a Luhn check digit (NPIs use Luhn over '80840' + the first nine digits)."""
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return body + str((10 - total % 10) % 10)


def _npi(rng: random.Random) -> str:
    body = rng.choice("12") + _digits(rng, 8)
    return _luhn_complete("80840" + body)[5:]


def _dea(rng: random.Random) -> str:
    letters = rng.choice("ABFGM") + rng.choice(string.ascii_uppercase)
    d = [rng.randrange(10) for _ in range(6)]
    check = (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10
    return letters + "".join(map(str, d)) + str(check)


def _vin(rng: random.Random) -> str:
    chars = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
    weights_of = [1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9]
    values = dict(zip("ABCDEFGHJKLMNPRSTUVWXYZ", weights_of, strict=True))
    values.update({str(i): i for i in range(10)})
    weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]
    vin = [rng.choice(chars) for _ in range(17)]
    total = sum(values[c] * w for c, w in zip(vin, weights, strict=True))
    vin[8] = "X" if total % 11 == 10 else str(total % 11)
    return "".join(vin)


def _ssn(rng: random.Random) -> str:
    area = rng.choice([n for n in range(1, 900) if n != 666])
    return f"{area:03d}{rng.randint(1, 99):02d}{rng.randint(1, 9999):04d}"


def _phone_number(rng: random.Random) -> str:
    area = rng.choice(["505", "575", "928", "303", "915", "480", "720", "602"])
    ex = str(rng.randint(201, 989))
    line = _digits(rng, 4)
    form = rng.randrange(9)
    return [
        f"({area}) {ex}-{line}",
        f"{area}-{ex}-{line}",
        f"{area}.{ex}.{line}",
        f"+1 {area} {ex} {line}",
        f"{area}{ex}{line}",
        f"{ex}-{line}",
        f"{area} {ex} {line} ext. {rng.randint(100, 999)}",
        f"{area}/{ex}-{line}",
        f"1-{area}-{ex}-{line}",
    ][form]


def _date_text(rng: random.Random) -> str:
    y = rng.randint(1935, 2025)
    m = rng.randint(1, 12)
    d = rng.randint(1, 28)
    mon = MONTHS[m - 1]
    form = rng.randrange(14)
    return [
        f"{m:02d}/{d:02d}/{y}",
        f"{m}/{d}/{y % 100:02d}",
        f"{mon} {d}, {y}",
        f"{d} {mon} {y}",
        f"{y}-{m:02d}-{d:02d}",
        f"{mon[:3]} {y}",
        f"{mon} of {y}",
        f"{mon[:3]}. {d}th",
        f"{d}-{mon[:3]}-{y}",
        f"{m}-{d}-{y}",
        f"{mon} {d}",
        f"{d}.{m}.{y}",
        f"{m}/{y}",
        f"{mon[:3]} '{y % 100:02d}",
    ][form]


# ---------------------------------------------------------------------------------------------
# Case context and slot generators
# ---------------------------------------------------------------------------------------------


class _Case:
    """Per-record choices shared by the slots of one case (patient name, pronouns, mode)."""

    def __init__(self, rng: random.Random, phi: bool) -> None:
        self.rng = rng
        self.phi = phi
        self.female = rng.random() < 0.55
        if rng.random() < 0.25:
            full = rng.choice(INTL_NAMES)
            parts = full.split(" ")
            self.first, self.last = (parts[0], parts[-1]) if len(parts) > 1 else (full, full)
            self.full = full
        else:
            self.first = rng.choice(FIRST_NAMES)
            self.last = rng.choice(LAST_NAMES)
            self.full = f"{self.first} {self.last}"
        self.clinician = rng.choice(CLINICIAN_LAST)


Gen = Callable[[_Case], list[Piece]]


def _pron(word_f: str, word_m: str) -> Gen:
    return lambda c: [(word_f if c.female else word_m, None)]


def _neg(pool: list[str]) -> Gen:
    return lambda c: [(c.rng.choice(pool), NEG)]


def _one(label: str, make: Callable[[random.Random], str]) -> Gen:
    return lambda c: [(make(c.rng), label)]


def _cued(label: str, cues: list[str], make: Callable[[random.Random], str]) -> Gen:
    """A cue word kept outside the span, then the identifier."""
    return lambda c: [(c.rng.choice(cues), None), (make(c.rng), label)]


def _patient(c: _Case) -> list[Piece]:
    rng = c.rng
    title = "Ms." if c.female else "Mr."
    form = rng.randrange(7)
    if form == 0:
        return [(c.full, "NAME")]
    if form == 1:
        return [(c.first, "NAME")]
    if form == 2 and c.first != c.last:
        return [(title + " ", None), (c.last, "NAME")]
    if form == 3 and c.first != c.last:
        return [(f"{c.last}, {c.first}", "NAME")]
    if form == 4:
        return [("pt ", None), (c.full, "NAME")]
    return [(c.full, "NAME")]


def _relative(c: _Case) -> list[Piece]:
    rng = c.rng
    rel = rng.choice(RELATIONS)
    name = (
        rng.choice(INTL_NAMES)
        if rng.random() < 0.2
        else f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    )
    if rng.random() < 0.4:
        name = name.split(" ")[0]
    return [(f"{'her' if c.female else 'his'} {rel} ", None), (name, "NAME")]


def _clinician(c: _Case) -> list[Piece]:
    rng = c.rng
    form = rng.randrange(5)
    if form == 0:
        return [("Dr. ", None), (c.clinician, "NAME")]
    if form == 1:
        return [("Dr. ", None), (f"{rng.choice(FIRST_NAMES)} {c.clinician}", "NAME")]
    if form == 2:
        return [(f"{rng.choice(FIRST_NAMES)} {c.clinician}", "NAME"), (", FNP", None)]
    if form == 3:
        return [("NP ", None), (rng.choice(INTL_NAMES), "NAME")]
    return [(f"{c.clinician}", "NAME"), (" (hepatology)", None)]


def _who(c: _Case) -> list[Piece]:
    """Clinician by name in PHI cases sometimes; otherwise a role, which must not be flagged."""
    if c.phi and c.rng.random() < 0.35:
        return _clinician(c)
    return [(c.rng.choice(ROLES), NEG)]


def _age(c: _Case) -> list[Piece]:
    rng = c.rng
    if c.phi and rng.random() < 0.12:
        age = str(rng.randint(90, 104))
        return rng.choice(
            [
                [(age, "DATE"), ("-year-old", None)],
                [(age, "DATE"), (" yo", None)],
                [("age ", None), (age, "DATE")],
            ]
        )
    age = rng.randint(18, 89)
    return [(rng.choice([f"{age}-year-old", f"{age} yo", f"{age}yo", f"{age} y/o"]), NEG)]


def _kid_age(c: _Case) -> list[Piece]:
    age = c.rng.randint(3, 17)
    return [(c.rng.choice([f"{age}-year-old", f"{age} yo", f"{age} y/o"]), NEG)]


def _elder_age(c: _Case) -> list[Piece]:
    rng = c.rng
    if c.phi and rng.random() < 0.35:
        return [(str(rng.randint(90, 101)), "DATE"), ("-year-old", None)]
    return [(f"{rng.randint(68, 89)}-year-old", NEG)]


def _address(c: _Case) -> list[Piece]:
    rng = c.rng
    form = rng.randrange(5)
    if form == 0:
        return [(f"{rng.randint(10, 9999)} {rng.choice(STREETS)}", "GEOGRAPHIC")]
    if form == 1:
        return [
            (
                f"{rng.randint(10, 9999)} {rng.choice(STREETS)}, Apt {rng.randint(1, 40)}{rng.choice('ABCD')}",
                "GEOGRAPHIC",
            )
        ]
    if form == 2:
        return [(f"PO Box {rng.randint(10, 3999)}", "GEOGRAPHIC")]
    if form == 3:
        return [
            (f"{rng.randint(10, 9999)} {rng.choice(STREETS)}", "GEOGRAPHIC"),
            (", ", None),
            (rng.choice(CITIES), "GEOGRAPHIC"),
            (f", {rng.choice(['NM', 'AZ', 'CO'])} ", None),
            (f"87{_digits(rng, 3)}", "GEOGRAPHIC"),
        ]
    return [(f"HC 61 Box {rng.randint(100, 999)}", "GEOGRAPHIC")]


def _place(c: _Case) -> list[Piece]:
    rng = c.rng
    pool = rng.choice([CITIES, CITIES, COUNTIES, CHAPTERS])
    return [(rng.choice(pool), "GEOGRAPHIC")]


def _zip(c: _Case) -> list[Piece]:
    return [(rng_zip(c.rng), "GEOGRAPHIC")]


def rng_zip(rng: random.Random) -> str:
    return rng.choice(["87", "86", "88", "81"]) + _digits(rng, 3)


def _email(c: _Case) -> list[Piece]:
    rng = c.rng
    first = rng.choice(FIRST_NAMES).lower().replace(" ", "")
    first = first.translate(str.maketrans("éáíóúñãảöøåëäœ", "eaiounaaooaeao"))
    last = rng.choice(["lopez", "begay", "nunez", "tsosie", "okafor", "smith", "chavez", "b"])
    sep = rng.choice([".", "_", "", "-"])
    num = rng.choice(["", str(rng.randint(1, 99)), str(rng.randint(1960, 2010))])
    domain = rng.choice(EMAIL_DOMAINS + ["nnmc.org", "unm.edu", "ihs.gov", "lcfamilia.net"])
    return [(f"{first}{sep}{last}{num}@{domain}", "EMAIL")]


def _ssn_piece(c: _Case) -> list[Piece]:
    rng = c.rng
    s = _ssn(rng)
    form = rng.randrange(5)
    if form == 0:
        return [("SSN ", None), (f"{s[:3]}-{s[3:5]}-{s[5:]}", "SSN")]
    if form == 1:
        return [("social security # ", None), (f"{s[:3]} {s[3:5]} {s[5:]}", "SSN")]
    if form == 2:
        return [("SSN: ", None), (s, "SSN")]
    if form == 3:
        return [("last four of SSN ", None), (s[5:], "SSN")]
    return [("soc sec no. ", None), (f"{s[:3]}-{s[3:5]}-{s[5:]}", "SSN")]


def _mrn(c: _Case) -> list[Piece]:
    rng = c.rng
    value = rng.choice(
        [
            _digits(rng, 8),
            _digits(rng, 7),
            f"A-{_digits(rng, 4)}-{_digits(rng, 2)}",
            f"{_digits(rng, 2)}-{_digits(rng, 2)}-{_digits(rng, 3)}",
            "E" + _digits(rng, 9),
        ]
    )
    cue = rng.choice(
        [
            "MRN ",
            "MRN: ",
            "MRN# ",
            "medical record # ",
            "chart no. ",
            "hospital number ",
            "UNMH MRN ",
            "IHS chart ",
        ]
    )
    return [(cue, None), (value, "MRN")]


def _health_plan(c: _Case) -> list[Piece]:
    rng = c.rng
    mbi = f"{rng.randint(1, 9)}{_letters(rng, 1)}{_alnum(rng, 1)}{_digits(rng, 1)}-{_letters(rng, 1)}{_alnum(rng, 1)}{_digits(rng, 1)}-{_letters(rng, 2)}{_digits(rng, 2)}"
    options = [
        ("Medicaid ID ", _digits(rng, 10)),
        ("member ID ", _letters(rng, 3) + _digits(rng, 9)),
        ("Centennial Care # ", _digits(rng, 9)),
        ("BCBS policy ", "W" + _digits(rng, 9)),
        ("Medicare MBI ", mbi),
        ("Presbyterian Health Plan member no. ", "PHP" + _digits(rng, 8)),
        ("subscriber ID: ", _alnum(rng, 11)),
        ("group # ", _digits(rng, 6) + "-" + _digits(rng, 3)),
    ]
    cue, value = rng.choice(options)
    return [(cue, None), (value, "HEALTH_PLAN")]


def _account(c: _Case) -> list[Piece]:
    rng = c.rng
    cue, value = rng.choice(
        [
            ("account #", f"{_digits(rng, 2)}-{_digits(rng, 5)}"),
            ("billing acct ", _digits(rng, 8)),
            ("patient account number ", _digits(rng, 9)),
            ("pharmacy account RX-", _digits(rng, 7)),
            ("acct ending ", _digits(rng, 4)),
            ("self-pay account ", "SP" + _digits(rng, 6)),
        ]
    )
    return [(cue, None), (value, "ACCOUNT")]


def _license(c: _Case) -> list[Piece]:
    rng = c.rng
    cue, value = rng.choice(
        [
            ("NPI ", _npi(rng)),
            ("NPI# ", _npi(rng)),
            ("DEA ", _dea(rng)),
            ("DEA X-waiver ", _dea(rng)),
            ("driver's license NM ", _digits(rng, 9)),
            ("DL# ", f"D{_digits(rng, 4)}-{_digits(rng, 4)}-{_digits(rng, 4)}"),
            ("RN license #RN-", _digits(rng, 5)),
            ("NM medical license MD-", _digits(rng, 5)),
            ("CDL ", _alnum(rng, 8)),
        ]
    )
    return [(cue, None), (value, "LICENSE")]


def _vehicle(c: _Case) -> list[Piece]:
    rng = c.rng
    cue, value = rng.choice(
        [
            ("plate ", f"{_letters(rng, 3)}-{_digits(rng, 3)}"),
            ("NM plate ", f"{_letters(rng, 3)} {_digits(rng, 3)}"),
            ("license plate ", f"{rng.randint(1, 9)}{_letters(rng, 3)}{_digits(rng, 3)}"),
            ("VIN ", _vin(rng)),
            ("tag # ", f"{_digits(rng, 3)}-{_letters(rng, 3)}"),
            ("truck VIN ", _vin(rng)),
        ]
    )
    return [(cue, None), (value, "VEHICLE")]


def _device(c: _Case) -> list[Piece]:
    rng = c.rng
    cue, value = rng.choice(
        [
            ("pacemaker serial ", f"PJN{_digits(rng, 6)}H"),
            ("insulin pump SN ", _digits(rng, 8)),
            ("CGM transmitter ID ", _alnum(rng, 6)),
            ("VNS generator s/n ", _digits(rng, 6)),
            ("pump serial no. ", f"NG{_digits(rng, 7)}H"),
            ("hearing aid serial #", _alnum(rng, 10)),
            ("glucometer S/N ", f"{_letters(rng, 3)}{_digits(rng, 6)}"),
            ("UDI (01)", _digits(rng, 14)),
        ]
    )
    return [(cue, None), (value, "DEVICE")]


def _url(c: _Case) -> list[Piece]:
    rng = c.rng
    first = rng.choice(["maria", "jose", "keisha", "tyler", "aiyana", "darnell"])
    value = rng.choice(
        [
            f"https://www.facebook.com/{first}.{rng.choice(['lopez', 'begay', 'nunez'])}.{rng.randint(1, 9)}",
            f"gofundme.com/f/help-{first}-{rng.choice(['fight-hep-c', 'recover', 'get-home'])}",
            f"https://www.youtube.com/watch?v={_alnum(rng, 11)}",
            f"http://myportal.example.org/patient/{_digits(rng, 6)}",
            f"instagram.com/{first}_{_digits(rng, 2)}",
            f"www.tiktok.com/@{first}{_digits(rng, 3)}",
            f"https://caringbridge.org/visit/{first}{rng.choice(['lopez', 'yazzie'])}",
        ]
    )
    return [(value, "URL")]


def _ip(c: _Case) -> list[Piece]:
    rng = c.rng
    value = rng.choice(
        [
            f"{rng.randint(11, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
            f"192.168.{rng.randint(0, 20)}.{rng.randint(2, 254)}",
            f"2601:1c0:{_alnum(rng, 4).lower()}:a0::{rng.randint(10, 99)}",
            f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
        ]
    )
    return [(value, "IP")]


def _biometric(c: _Case) -> list[Piece]:
    rng = c.rng
    return rng.choice(
        [
            [
                ("scanned ", None),
                ("her fingerprint" if c.female else "his fingerprint", "BIOMETRIC"),
            ],
            [("the clinic keeps a ", None), ("voiceprint", "BIOMETRIC")],
            [("a ", None), ("retina scan", "BIOMETRIC")],
            [("an ", None), ("iris scan", "BIOMETRIC")],
            [("a ", None), ("right thumbprint", "BIOMETRIC")],
            [("the ", None), ("palm-vein scan", "BIOMETRIC")],
            [("fingerprint template ", None), (f"FP-{_digits(rng, 5)}", "BIOMETRIC")],
            [
                ("a ", None),
                (
                    "voice recording of her describing the seizures"
                    if c.female
                    else "voice recording of him describing the seizures",
                    "BIOMETRIC",
                ),
            ],
        ]
    )


def _photo(c: _Case) -> list[Piece]:
    rng = c.rng
    return rng.choice(
        [
            [(f"IMG_{_digits(rng, 4)}.jpg", "PHOTO")],
            [(f"PXL_2024{_digits(rng, 4)}_{_digits(rng, 6)}.jpg", "PHOTO")],
            [(f"DSC0{_digits(rng, 4)}.JPG", "PHOTO")],
            [("photo of her face" if c.female else "photo of his face", "PHOTO")],
            [("full-face photograph", "PHOTO")],
            [("selfie", "PHOTO")],
            [
                (
                    f"Screenshot 2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)} at 9.4{rng.randint(0, 9)}.png",
                    "PHOTO",
                )
            ],
            [(f"{c.first.lower()}_face.heic", "PHOTO")],
        ]
    )


def _other_id(c: _Case) -> list[Piece]:
    rng = c.rng
    cue, value = rng.choice(
        [
            ("inmate number ", _digits(rng, 7)),
            ("student ID ", _digits(rng, 8)),
            ("CYFD case number ", f"CYFD-20{rng.randint(15, 24)}-{_digits(rng, 4)}"),
            ("tribal enrollment number ", f"{_digits(rng, 3)}-{_digits(rng, 3)}"),
            ("census number ", _digits(rng, 9)),
            ("passport ", _letters(rng, 1) + _digits(rng, 8)),
            ("employee badge #", _digits(rng, 5)),
            (
                "tattoo reading ",
                "'" + rng.choice(["Mija 4ever", "RIP Lalo", "505 Bound", "Kiki 2003"]) + "'",
            ),
            (
                "probation case ",
                f"D-{_digits(rng, 3)}-CR-20{rng.randint(15, 24)}-{_digits(rng, 5)}",
            ),
        ]
    )
    return [(cue, None), (value, "OTHER_ID")]


def _phone_piece(c: _Case) -> list[Piece]:
    cue = c.rng.choice(
        [
            "call ",
            "cell ",
            "ph ",
            "phone: ",
            "mobile ",
            "home # ",
            "tel. ",
            "reach her at " if c.female else "reach him at ",
        ]
    )
    return [(cue, None), (_phone_number(c.rng), "PHONE")]


def _fax_piece(c: _Case) -> list[Piece]:
    cue = c.rng.choice(["fax ", "fax: ", "FAX# ", "faxed to ", "fax no. ", "F: "])
    return [(cue, None), (_phone_number(c.rng), "FAX")]


def _date_piece(c: _Case) -> list[Piece]:
    rng = c.rng
    cue = rng.choice(
        ["on ", "DOB ", "seen ", "admitted ", "since ", "dx ", "d/c'd ", "last visit ", "born "]
    )
    return [(cue, None), (_date_text(rng), "DATE")]


def _date_bare(c: _Case) -> list[Piece]:
    return [(_date_text(c.rng), "DATE")]


def _employer(c: _Case) -> list[Piece]:
    return [(c.rng.choice(EMPLOYERS), "NAME")]


SLOTS: dict[str, Gen] = {
    "he": _pron("she", "he"),
    "He": _pron("She", "He"),
    "his": _pron("her", "his"),
    "His": _pron("Her", "His"),
    "him": _pron("her", "him"),
    "man": _pron("woman", "man"),
    "boy": _pron("girl", "boy"),
    "sex": _pron("F", "M"),
    "age": _age,
    "kid_age": _kid_age,
    "elder_age": _elder_age,
    "who": _who,
    "drug": _neg(DRUGS),
    "lab": _neg(LABS),
    "dose": _neg(DOSES),
    "bp": _neg(BPS),
    "score": _neg(SCORES),
    "fraction": _neg(FRACTIONS),
    "year": _neg(YEARS),
    "eponym": _neg(EPONYMS),
    "role": _neg(ROLES),
    "state": _neg(STATES),
    "model": _neg(DEVICE_MODELS),
    "patient": _patient,
    "relative": _relative,
    "clinician": _clinician,
    "employer": _employer,
    "address": _address,
    "place": _place,
    "city": lambda c: [(c.rng.choice(CITIES), "GEOGRAPHIC")],
    "county": lambda c: [(c.rng.choice(COUNTIES), "GEOGRAPHIC")],
    "facility": lambda c: [(c.rng.choice(FACILITIES), "GEOGRAPHIC")],
    "school": lambda c: [(c.rng.choice(SCHOOLS), "GEOGRAPHIC")],
    "chapter": lambda c: [(c.rng.choice(CHAPTERS), "GEOGRAPHIC")],
    "zip": _zip,
    "date": _date_piece,
    "date_bare": _date_bare,
    "phone": _phone_piece,
    "fax": _fax_piece,
    "email": _email,
    "ssn": _ssn_piece,
    "mrn": _mrn,
    "health_plan": _health_plan,
    "account": _account,
    "license": _license,
    "vehicle": _vehicle,
    "device": _device,
    "url": _url,
    "ip": _ip,
    "biometric": _biometric,
    "photo": _photo,
    "other_id": _other_id,
}

# Slots that always produce PHI; a sentence using one is excluded from PHI-free cases.
# fmt: off
PHI_SLOTS = frozenset(SLOTS) - {
    "he", "He", "his", "His", "him", "man", "boy", "sex", "age", "kid_age", "elder_age", "who",
    "drug", "lab", "dose", "bp", "score", "fraction", "year", "eponym", "role", "state", "model",
}
# fmt: on

# ---------------------------------------------------------------------------------------------
# Sentences. Clinical sentences carry hard negatives; PHI sentences carry identifiers.
# ---------------------------------------------------------------------------------------------

SPECIALTIES: dict[str, dict[str, list[str]]] = {
    "hepatitis C": {
        "open": [
            "{age} {man} with chronic hepatitis C, genotype 1a, treatment-naive.",
            "{patient} is a {age} {man} referred for HCV treatment after a positive antibody screen in {year}.",
            "{age} {sex} w/ HCV and prior injection drug use, last use {year}.",
        ],
        "body": [
            "Labs: {lab}, {lab}, {lab}.",
            "{He} was started on {drug} {dose} by {who}.",
            "Fibrosis staging shows {lab}; {score}.",
            "No history of {eponym}; ceruloplasmin normal.",
            "{His} {bp}, weight stable, adherent to {fraction}.",
            "Question for the hub: can we use {drug} with {his} {drug}?",
            "Insurance in {state} now covers {drug} without a specialist letter.",
            "{who} is worried about reinfection; {he} shares a home with others who inject.",
        ],
    },
    "opioid use disorder": {
        "open": [
            "{age} {man} with severe opioid use disorder (fentanyl), {score}.",
            "{patient}, {age}, presents for induction after an overdose in {year}.",
            "{age} {sex} OUD on {drug}, pregnant at 22 weeks.",
        ],
        "body": [
            "Induction with {drug} {dose}; {score} at 2 hours.",
            "{lab}; also positive for methamphetamine.",
            "{He} is taking {fraction} because of sedation; {bp}.",
            "{who} wants to switch to {drug}.",
            "Co-prescribed {drug} {dose}; naloxone kit given.",
            "Lives in a rural part of {state}, 90 minutes from the nearest OTP.",
            "Question: how do we manage precipitated withdrawal with {drug}?",
        ],
    },
    "pediatric epilepsy": {
        "open": [
            "{kid_age} {boy} with focal epilepsy since age 4.",
            "{patient} is a {kid_age} {boy} with {eponym}, seizures weekly.",
            "{kid_age} {sex} w/ drug-resistant epilepsy, born at 34 weeks, {score}.",
        ],
        "body": [
            "Current meds: {drug} {dose} and {drug} {dose}.",
            "EEG in {year} showed left temporal spikes; MRI normal.",
            "{His} seizure diary shows {fraction} nights with events.",
            "{who} asks whether {model} would help the family monitor at night.",
            "Rescue plan with intranasal midazolam; {score} after the last event.",
            "Family asks about {drug}; they read about {eponym}.",
            "School reports falling grades; {who} requested an IEP.",
        ],
    },
    "behavioural health": {
        "open": [
            "{age} {man} with major depressive disorder, {score}.",
            "{patient}, {age}, with PTSD and alcohol use disorder, {score}.",
            "{age} {sex} w/ bipolar II, recent ED visit for suicidal ideation.",
        ],
        "body": [
            "Tried {drug} {dose} and {drug}; stopped both for side effects.",
            "Screening: {score}, {score}.",
            "{who} is concerned about {his} sleep; started {drug} {dose}.",
            "{He} drinks 6-8 beers daily, {score}.",
            "Safety plan completed with {who}; no firearms at home.",
            "{bp}; {lab} on {drug}.",
            "Question: should we augment with {drug} or switch?",
        ],
    },
    "diabetes": {
        "open": [
            "{age} {man} with type 2 diabetes, {lab}.",
            "{patient} is a {age} {man} with T2DM diagnosed in {year}, {lab}.",
            "{age} {sex} T1DM on {model}, frequent lows.",
        ],
        "body": [
            "Meds: {drug} {dose}, {drug} {dose}.",
            "{lab}, {lab}, {bp}.",
            "{He} uses a {model}; time in range 48%.",
            "{who} stopped {drug} because of cost.",
            "Works night shifts; takes {fraction} of insulin on workdays.",
            "Foot exam: decreased monofilament sensation; no {eponym}.",
            "Question: add {drug} or intensify to basal-bolus?",
        ],
    },
    "dementia": {
        "open": [
            "{elder_age} {man} with progressive memory loss, {score}.",
            "{patient}, {elder_age}, with {eponym}, {score}.",
            "{elder_age} {sex} w/ suspected {eponym}, wandering at night.",
        ],
        "body": [
            "On {drug} {dose} since {year}; added {drug}.",
            "{score}; {lab}; {lab}.",
            "{who} reports agitation in the evenings; trialled {drug} {dose}.",
            "Falls x2 this year; {bp} with orthostatic drop.",
            "Family considering memory care in {state}.",
            "Question: deprescribing {drug} given falls?",
            "Caregiver strain high; {who} referred to respite.",
        ],
    },
    "school-based mental health": {
        "open": [
            "{kid_age} {boy} referred by {role} for school refusal.",
            "{patient}, a {kid_age} 8th grader, with anxiety, {score}.",
            "{kid_age} {sex} w/ ADHD and trauma history, {score}.",
        ],
        "body": [
            "{score}; teacher ratings {score}.",
            "Started {drug} {dose} by {who}.",
            "Attends {fraction} of school days this term.",
            "{who} met with the family; grandmother is the guardian.",
            "Question: how can {role} support a gradual return to class?",
            "Moved from {state} in {year}; separated from siblings.",
            "Vaping daily; {score}.",
        ],
    },
}

PHI_SENTENCES: dict[str, list[str]] = {
    "NAME": [
        "{patient} lives with {relative}.",
        "{His} {relative_only} works at {employer}.",
        "{patient} works at {employer} and worries about missing shifts.",
        "Presenting clinician: {clinician}.",
        "{relative} brings {him} to visits.",
        "Seen with {clinician}; case discussed with {patient}'s consent.",
        "Emergency contact: {relative}.",
    ],
    "GEOGRAPHIC": [
        "Lives at {address}.",
        "{patient} lives in {place} and drives to {facility} for care.",
        "Home address {address}.",
        "Attends {school}; lives near the {chapter}.",
        "Originally from {city}, {county}; ZIP {zip}.",
        "Transferred from {facility} last month.",
        "Currently staying with family in {city}.",
    ],
    "DATE": [
        "Seen {date_bare}.",
        "Last seen {date_bare}; follow-up {date_bare}.",
        "Hospitalised on {date_bare} for withdrawal.",
        "{patient}'s DOB is {date_bare}.",
        "Overdose on {date_bare}, revived with naloxone.",
        "{He} is now {elder_age} and lives alone.",
    ],
    "PHONE": ["For questions, {phone}.", "{relative}: {phone}.", "Pt prefers texts, {phone}."],
    "FAX": ["Send records {fax}.", "Clinic {phone}, {fax}."],
    "EMAIL": [
        "{patient} emails the clinic at {email}.",
        "Contact {relative} at {email}.",
        "Patient portal: {email}.",
    ],
    "SSN": ["Billing flagged the claim ({ssn}).", "Intake form lists {ssn}."],
    "MRN": ["{mrn}.", "Chart: {mrn}, {patient}.", "Please pull labs for {mrn}."],
    "HEALTH_PLAN": ["Coverage: {health_plan}.", "Prior auth denied for {health_plan}."],
    "ACCOUNT": ["Outstanding balance on {account}.", "Financial counselor set up {account}."],
    "LICENSE": [
        "Prescriber {clinician}, {license}.",
        "{He} lost {his} {license} after a DUI.",
        "Verified {license}.",
    ],
    "VEHICLE": [
        "{He} sleeps in {his} car ({vehicle}).",
        "Transport van {vehicle} brings {him} in.",
    ],
    "DEVICE": [
        "{He} has a {model} ({device}).",
        "Device check: {device}.",
        "{device} recalled; replacement pending.",
    ],
    "URL": [
        "Family posted about {him} at {url}.",
        "Crowdfunding page: {url}.",
        "See {url} for the seizure video.",
    ],
    "IP": ["Telehealth visit logged from {ip}.", "Portal login from {ip} flagged."],
    "BIOMETRIC": [
        "For dispensing, {biometric} on file.",
        "Intake captured {biometric}.",
        "Dispensing kiosk uses {biometric}.",
    ],
    "PHOTO": [
        "Attached {photo} of the rash.",
        "Uploading {photo} for the panel.",
        "We have a {photo} if useful.",
    ],
    "OTHER_ID": [
        "{He} is on probation, {other_id}.",
        "Records list {other_id}.",
        "{other_id} noted on intake.",
    ],
}


def _relative_only(c: _Case) -> list[Piece]:
    rel = c.rng.choice(RELATIONS)
    return [(rel, None)]


SLOTS["relative_only"] = _relative_only

OPENERS = [
    "Case presentation: {specialty} ECHO",
    "{specialty} case",
    "New case",
    "Case for discussion",
]

_FORMATTER = string.Formatter()


def _slot_names(template: str) -> list[str]:
    return [field for _, field, _, _ in _FORMATTER.parse(template) if field]


def _expand(template: str, case: _Case, extra: dict[str, str]) -> list[Piece]:
    pieces: list[Piece] = []
    for literal, field, _, _ in _FORMATTER.parse(template):
        if literal:
            pieces.append((literal, None))
        if field is None:
            continue
        if field in extra:
            pieces.append((extra[field], None))
        else:
            pieces.extend(SLOTS[field](case))
    return pieces


def _capitalise(pieces: list[Piece]) -> list[Piece]:
    """Start a sentence with a capital letter ("the PCP" -> "The PCP"); identifiers stay as written."""
    if pieces and pieces[0][1] in (None, NEG) and pieces[0][0][:1].islower():
        text, kind = pieces[0]
        return [(text[0].upper() + text[1:], kind), *pieces[1:]]
    return pieces


# ---------------------------------------------------------------------------------------------
# Writing styles: transforms applied to each piece before offsets are computed.
# ---------------------------------------------------------------------------------------------

_SHORTHAND = [
    (r"\bwith\b", "w/"),
    (r"\bwithout\b", "w/o"),
    (r"\bhistory of\b", "h/o"),
    (r"\bpatient\b", "pt"),
    (r"\band\b", "&"),
    (r"\bdiagnosed\b", "dx'd"),
    (r"\btreatment\b", "tx"),
    (r"-year-old\b", "yo"),
    (r"\b(the|a|an) ", ""),
    (r"\bmonths?\b", "mo"),
    (r"\bweeks\b", "wks"),
]


def _shorthand(text: str) -> str:
    for pattern, repl in _SHORTHAND:
        text = re.sub(pattern, repl, text)
    return text


STYLES = ("narrative", "terse", "bullets", "lower", "caps", "soap", "message")


def _render(
    sentences: list[list[Piece]], style: str, rng: random.Random, heading: str
) -> list[Piece]:
    """Join sentences in a style; plain and negative text may be reworded, identifiers only re-cased."""

    def recase(pieces: list[Piece], fn: Callable[[str], str]) -> list[Piece]:
        return [(fn(t), k) for t, k in pieces]

    def short(pieces: list[Piece]) -> list[Piece]:
        return [(t if k not in (None, NEG) else _shorthand(t), k) for t, k in pieces]

    out: list[Piece] = []
    if style == "narrative":
        if rng.random() < 0.5:
            out.append((heading + "\n\n", None))
        for i, s in enumerate(sentences):
            out.extend(s)
            out.append(("\n\n" if i % 3 == 2 else " ", None))
    elif style == "terse":
        for s in sentences:
            s = short(s)
            if s and s[-1][1] is None and s[-1][0].endswith("."):
                s = [*s[:-1], (s[-1][0][:-1], None)]
            out.extend(s)
            out.append((rng.choice(["; ", ". ", " / ", ", "]), None))
    elif style == "bullets":
        out.append((heading + "\n", None))
        bullet = rng.choice(["- ", "• ", "* ", "-- "])
        for s in sentences:
            out.append((bullet, None))
            out.extend(s)
            out.append(("\n", None))
    elif style == "lower":
        for s in sentences:
            out.extend(recase(s, str.lower))
            out.append((" ", None))
    elif style == "caps":
        for s in sentences:
            out.extend(recase(s, str.upper) if rng.random() < 0.5 else s)
            out.append((" ", None))
    elif style == "soap":
        labels = ["S: ", "O: ", "A: ", "P: "]
        per = max(1, len(sentences) // 4)
        for i, s in enumerate(sentences):
            if i % per == 0 and i // per < 4:
                out.append((("\n" if i else "") + labels[i // per], None))
            out.extend(short(s) if rng.random() < 0.5 else s)
            out.append((" ", None))
    else:  # message
        out.append((rng.choice(["Hi team,\n", "hello all - ", "Good morning hub,\n"]), None))
        for s in sentences:
            out.extend(s)
            out.append((" ", None))
        out.append((rng.choice(["\nThanks!", "\nthx", "\nSent from my iPhone"]), None))
    return out


def _assemble(pieces: list[Piece], record_id: str, kind: str) -> dict:
    text_parts: list[str] = []
    spans: list[dict] = []
    negatives: list[dict] = []
    pos = 0
    for text, k in pieces:
        if not text:
            continue
        if k == NEG:
            negatives.append({"start": pos, "end": pos + len(text), "text": text})
        elif k is not None:
            spans.append({"start": pos, "end": pos + len(text), "label": k})
        text_parts.append(text)
        pos += len(text)
    full = "".join(text_parts)
    stripped = full.rstrip()
    # Trailing whitespace only; no span ends inside it.
    return {
        "id": record_id,
        "text": stripped,
        "spans": spans,
        "kind": kind,
        "hard_negatives": negatives,
    }


def _make_case(rng: random.Random, index: int, seed: int, phi: bool, min_words: int | None) -> dict:
    specialty = rng.choice(list(SPECIALTIES))
    pools = SPECIALTIES[specialty]
    case = _Case(rng, phi)
    style = STYLES[rng.randrange(len(STYLES))]

    def usable(templates: list[str]) -> list[str]:
        return [t for t in templates if phi or not (set(_slot_names(t)) & PHI_SLOTS)]

    opener = rng.choice(usable(pools["open"]))
    chosen = [opener]
    body = usable(pools["body"])
    target_words = min_words or 0
    n_body = rng.randint(3, 6)
    chosen += rng.sample(body, min(n_body, len(body)))
    if phi:
        # Rotate the forced category so every label appears across any 18 consecutive PHI cases.
        labels = [LABELS[index % len(LABELS)]]
        labels += rng.sample(LABELS, rng.randint(1, 4))
        for label in labels:
            chosen.insert(rng.randint(1, len(chosen)), rng.choice(PHI_SENTENCES[label]))
    sentences = [_capitalise(_expand(t, case, {})) for t in chosen]

    heading = rng.choice(OPENERS).format(specialty=specialty[0].upper() + specialty[1:])
    while True:
        pieces = _render(sentences, style, rng, heading)
        if len("".join(t for t, _ in pieces).split()) >= target_words:
            break
        # Pad long cases; shorthand styles drop words, so re-render until the target is met.
        for _ in range(10):
            extra = rng.choice(body)
            if phi and rng.random() < 0.3:
                extra = rng.choice(PHI_SENTENCES[rng.choice(LABELS)])
            sentences.append(_capitalise(_expand(extra, case, {})))
    record = _assemble(pieces, f"gen-{seed}-{index:05d}", "phi" if phi else "no_phi")
    if not record["spans"]:
        record["kind"] = "no_phi"
    return record


def generate(n: int, seed: int, *, min_words: int | None = None) -> list[dict]:
    """Return ``n`` synthetic case records; the same ``n`` and ``seed`` always give the same records.

    ``min_words`` pads each case with further sentences until it has at least that many words.
    """
    rng = random.Random(seed)
    records = []
    phi_index = 0
    for i in range(n):
        phi = rng.random() >= NO_PHI_SHARE
        records.append(_make_case(rng, phi_index if phi else i, seed, phi, min_words))
        records[-1]["id"] = f"gen-{seed}-{i:05d}"
        if phi:
            phi_index += 1
    return records


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--min-words", type=int, default=None)
    args = parser.parse_args(argv)
    for record in generate(args.n, args.seed, min_words=args.min_words):
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
