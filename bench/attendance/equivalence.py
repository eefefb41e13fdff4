"""Compare the attendance engine with a reference copy of it on many generated inputs.

``python bench/attendance/equivalence.py /tmp/orig_ae [CASES]``: the reference is a
copy of ``src/allteach/attendance_engine`` taken before a change. Results are
compared by ``repr`` (exact floats, datetimes with their time zones), exceptions
by type and message. Exits non-zero on the first difference.
"""

from __future__ import annotations

import importlib.util
import random
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

import allteach.attendance_engine as new  # noqa: E402


def load_reference(path: str):
    spec = importlib.util.spec_from_file_location(
        "reference_ae", Path(path) / "__init__.py", submodule_search_locations=[path]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["reference_ae"] = module
    spec.loader.exec_module(module)
    return module


DENVER = ZoneInfo("America/Denver")
MINUS7 = timezone(timedelta(hours=-7))
START = datetime(2026, 11, 19, 19, 0, tzinfo=UTC)
END = START + timedelta(hours=1)
IDENTITIES = [
    {"name": "Ana Lima", "email": "ana@example.org"},
    {"name": "Ana Lima", "email": "ANA@example.org "},
    {"name": "Ana Lima", "email": "ana@example.org", "registrant_id": "Zr1"},
    {"name": "Ana Lima", "email": None},
    {"name": "Ana Lima", "email": ""},
    {"name": "Lima, Ana", "email": None, "join_token": "tok-a"},
    {"name": "Ana Lima (iPad)", "email": "ana@example.org"},
    {"name": "Bo Chen", "email": "bo@example.org", "join_token": "tok-a"},
    {"name": "Bo Chen", "email": "bo.chen@gmail.com"},
    {"name": "Bo Chen", "email": "Bo.Chen+x@Gmail.com"},
    {"name": "Bo Chen", "email": None},
    {"name": "Dr. Bo Chen, MD", "email": None},
    {"name": "+1 505-555-0100", "email": None, "dial_in": True},
    {"name": "+1 505-555-0101", "email": None, "dial_in": True},
    {"name": "505.555.0100", "email": None},
    {"name": "Maria Garcia", "email": "m1@example.org"},
    {"name": "María García", "email": "m2@example.org"},
    {"name": "Maria Garcia", "email": None},
    {"name": "Guest One", "email": None, "is_guest": True},
    {"name": "Guest One", "email": "guest@example.org", "is_guest": True},
    {"name": "Zoë Ng", "email": "zoe@example.org", "registrant_id": " Zr2 "},
    {"name": "Zoë Ng", "email": "zoe2@example.org", "registrant_id": "Zr2"},
    {"name": "", "email": None},
]
REGISTRANT_POOL = [
    {"id": 1, "name": "Ana Lima", "email": "ana@example.org"},
    {"id": 2, "name": "Bo Chen", "email": "bo@example.org", "join_tokens": ("tok-a",)},
    {"id": 3, "name": "Maria Garcia", "email": "m1@example.org"},
    {"id": 4, "name": "María García", "email": "m3@example.org"},
    {"id": "r5", "name": "Zoë Ng", "email": None, "registrant_ids": ("Zr2",)},
    {"id": 6, "name": "Guest One", "email": "guest@example.org", "aliases": ("g1@example.org",)},
    {"id": 7, "name": "Someone Else", "email": "ana@example.org"},
    {"id": 8, "name": "Lima Ana", "email": None, "aliases": ("Ana L",)},
    {"id": 9, "name": "Bo Chen", "email": "bo.chen@gmail.com"},
]


def moment(rng: random.Random) -> datetime:
    seconds = rng.choice([rng.randint(-900, 4500), rng.randint(0, 30) * 120, 0, 3600])
    value = START + timedelta(seconds=seconds)
    if rng.random() < 0.15:
        value += timedelta(microseconds=rng.randint(1, 999_999))
    zone = rng.random()
    if zone < 0.1:
        value = value.astimezone(DENVER)
    elif zone < 0.2:
        value = value.astimezone(MINUS7)
    return value


def records(module, rng: random.Random, size: int) -> list:
    out = []
    shared = [moment(rng) for _ in range(4)]  # repeated instants make ties and touches
    for line in range(size):
        who = dict(rng.choice(IDENTITIES))
        join = rng.choice(shared) if rng.random() < 0.3 else moment(rng)
        kind = rng.random()
        if kind < 0.05:
            leave = join  # no length
        elif kind < 0.08:
            leave = join - timedelta(seconds=rng.randint(1, 600))  # backwards
        elif kind < 0.3:
            leave = rng.choice(shared)
        else:
            leave = join + timedelta(seconds=rng.randint(0, 2400))
        minutes = None
        if rng.random() < 0.04:
            minutes = rng.choice([0.0, 12.5, 30.0, 90.0])
            if rng.random() < 0.5:
                join = leave = None
        elif rng.random() < 0.005:
            join = leave = None  # an error
        out.append(
            module.ProviderRecord(
                source=rng.choice(["zoom_api", "zoom_csv", "zoom_csv", "jitsi"]),
                name=who.pop("name"),
                email=who.pop("email"),
                registrant_id=who.pop("registrant_id", None),
                join_token=who.pop("join_token", None),
                join=join,
                leave=leave,
                line=rng.choice([None, line, line, line, 7]),
                minutes_only=minutes,
                **who,
            )
        )
    return out


def registrants(module, rng: random.Random) -> list:
    pool = rng.sample(REGISTRANT_POOL, rng.randint(0, len(REGISTRANT_POOL)))
    return [module.Registrant(**fields) for fields in pool]


def outcome(function, *args, **kwargs) -> str:
    try:
        return repr(function(*args, **kwargs))
    except Exception as exc:  # noqa: BLE001 - compared, not handled
        return f"{type(exc).__name__}: {exc}"


WINDOWS = [
    {},
    {"session_start": START, "session_end": END},
    {"session_start": START.astimezone(DENVER), "session_end": END.astimezone(DENVER)},
    {"session_start": START + timedelta(minutes=10), "session_end": END - timedelta(minutes=5)},
]


def compare(reference, cases: int) -> int:
    checked = 0
    for seed in range(cases):
        rng = random.Random(seed)
        size = rng.choice([0, 1, 2, 3, 5, 8, 20, 60])
        ours = records(new, rng, size)
        theirs = [reference.ProviderRecord(*r) for r in ours]
        if rng.random() < 0.3:
            # Zoom CSV-like records: no ids or tokens, so the e-mail grouping shortcut.
            keep = [i for i, r in enumerate(ours) if not (r.registrant_id or r.join_token)]
            ours = [ours[i] for i in keep]
            theirs = [theirs[i] for i in keep]
        regs = registrants(new, random.Random(seed + 1))
        their_regs = [reference.Registrant(**{s: getattr(r, s) for s in r.__slots__}) for r in regs]
        for window in WINDOWS:
            for module in (new, reference):
                module.normalise_name.cache_clear()
                module.canonical_email.cache_clear()
            got = outcome(new.merge, ours, **window)
            want = outcome(reference.merge, theirs, **window)
            if got != want:
                print(f"merge differs: seed {seed} window {window}\n{got}\n{want}")
                return 1
            if not got.startswith("["):
                continue
            people = new.merge(ours, **window)
            got = outcome(new.match, people, regs)
            want = outcome(reference.match, reference.merge(theirs, **window), their_regs)
            if got != want:
                print(f"match differs: seed {seed} window {window}\n{got}\n{want}")
                return 1
            if window:
                got = outcome(new.reconcile, ours, regs, min_percent=50, **window)
                want = outcome(reference.reconcile, theirs, their_regs, min_percent=50, **window)
                if got != want:
                    print(f"reconcile differs: seed {seed} window {window}\n{got}\n{want}")
                    return 1
            checked += 1
    print(f"merge/match/reconcile: {checked} cases identical")
    return 0


def compare_names(reference) -> int:
    samples = [
        None,
        "",
        " ",
        "Ana@Example.org ",
        "a.b+c@gmail.com",
        "A.B@GMAIL.COM",
        "@gmail.com",
        "+@gmail.com",
        "x@gmail.com.au",
        "+1 (505) 555-0100",
        "505.555.0100 ext",
        "+١٢٣٤٥٦٧٨",  # Arabic-Indic digits
        "123²4567890",  # a superscript digit: isdigit() but not \\d
        "Dr. Jane Doe, MD, MPH",
        "Nguyễn, Hoa",
        "Jane Doe (iPad)",
    ]
    for text in samples:
        for name in ("canonical_email", "normalise_name"):
            if text is None and name == "normalise_name":
                continue
            got = outcome(getattr(new, name), text)
            want = outcome(getattr(reference, name), text)
            if got != want:
                print(f"{name}({text!r}) differs: {got} != {want}")
                return 1
    print(f"names: {len(samples)} samples identical")
    return 0


def compare_parse(reference) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import tempfile

    import run

    fixtures = Path(__file__).resolve().parents[2] / "tests" / "attendance_engine" / "fixtures"
    texts = [path.read_bytes() for path in sorted(fixtures.glob("*.csv"))]
    with tempfile.TemporaryDirectory() as directory:
        texts.append(run.build(Path(directory))[0].read_bytes())
    for data in texts:
        for tz in ("UTC", "America/Denver"):
            got = outcome(new.zoom_csv.parse, data, tz=tz)
            want = outcome(reference.zoom_csv.parse, data, tz=tz)
            if got != want:
                print(f"parse differs ({tz})")
                return 1
    print(f"parse: {len(texts)} files x 2 zones identical")
    return 0


def main() -> int:
    reference = load_reference(sys.argv[1])
    cases = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
    return compare_names(reference) or compare_parse(reference) or compare(reference, cases)


if __name__ == "__main__":
    sys.exit(main())
