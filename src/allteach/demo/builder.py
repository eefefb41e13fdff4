"""Build the demo world: a superhub, two hubs, four programs, a year of sessions, 200 people.

The build is idempotent. Everything is looked up by a stable key (slug, e-mail, cohort name)
and created only when missing, so a second run writes nothing at all — no rows, no audit
events, no schedule sequence bumps. The participants come from a fixed random seed, so
every run plans the same people and registrations.

Dates hang off one *anchor*: the Monday 26 weeks before the first load. Every demo
schedule starts on it, so a later run reads the anchor back from an existing schedule
instead of moving the series along with today's date.

Programs, curricula, cohorts and schedules go through the domain services (so audit
events, sessions and agendas are exactly what the console would make); the 200
participants and their registrations are bulk-inserted, which keeps a load to seconds.
"""

import random
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from allteach.demo import data
from allteach.hubs.models import Hub, HubMembership, HubRole, Superhub, SuperhubStaff
from allteach.hubs.selectors import clear_cached_hub_ids
from allteach.meetings.models import Session, SessionStatus
from allteach.meetings.services import occurrence_change, schedule_rule_from_data, schedule_set
from allteach.programs.models import (
    Cohort,
    Enrolment,
    Program,
    ProgramStatus,
    Registration,
    RegistrationStatus,
    Schedule,
)
from allteach.programs.services import cohort_create, curriculum_set, program_create
from allteach.recurrence import series_dates

User = get_user_model()

SEED = 2003  # the year Project ECHO began; any fixed number gives the same world every time
PARTICIPANT_COUNT = 200
ANCHOR_WEEKS_BACK = 26
SCHEDULE_DAYS = 364  # one year of sessions: about half past, half upcoming on the first load
MOVED_AFTER_WEEKS = 30  # the moved session is about a month after the first load

SUPERHUB_SLUG = "echo-superhub"
PROGRAM_SLUGS = [spec["slug"] for spec in data.PROGRAMS]
DEMO_PASSWORD = data.DEMO_PASSWORD

# Accounts that sign in with the shared demo password, and what each one shows off.
LOGINS = [
    ("admin@demo.allteach.org", "superuser; staff of ECHO Superhub (sees both hubs)"),
    ("coordinator@demo.allteach.org", "hub admin and coordinator, UNM Project ECHO Hub"),
    ("facilitator@demo.allteach.org", "facilitator, UNM Project ECHO Hub"),
    ("expert@demo.allteach.org", "expert (hepatology), presents Hepatitis C didactics"),
    ("peds-coordinator@demo.allteach.org", "hub admin and coordinator, Southwest Pediatric Hub"),
    ("participant@demo.allteach.org", "participant: Hepatitis C ECHO and Opioid Use Disorder ECHO"),
    ("pharmacist@demo.allteach.org", "participant: Opioid Use Disorder ECHO request pending"),
    ("teacher@demo.allteach.org", "participant: waitlisted in the full Educators cohort"),
]
LOGIN_EMAILS = [email for email, _ in LOGINS]

# Participants with a login, registered in fixed places: (fields, [(cohort key, status)]).
NAMED_PARTICIPANTS = [
    (
        {
            "email": "participant@demo.allteach.org",
            "name": "Ana Lucero",
            "profession": "physician",
            "specialty": "Family medicine",
            "organisation": "Taos Family Health Center",
            "practice_zip": "87571",
            "state": "NM",
            "timezone": "America/Denver",
            "npi": "1234567893",
            "licence_state": "NM",
        },
        [("hepc_tue", RegistrationStatus.APPROVED), ("oud_thu", RegistrationStatus.APPROVED)],
    ),
    (
        {
            "email": "pharmacist@demo.allteach.org",
            "name": "Kevin Tsosie",
            "profession": "pharmacist",
            "specialty": "Clinical pharmacy",
            "organisation": "Gallup Indian Medical Center",
            "practice_zip": "87301",
            "state": "NM",
            "timezone": "America/Denver",
            "npi": "1993999998",
            "licence_state": "NM",
            "nabp_eprofile_id": "2468013",
            "birth_mmdd": "0714",
        },
        [("hepc_tue", RegistrationStatus.APPROVED), ("oud_thu", RegistrationStatus.PENDING)],
    ),
    (
        {
            "email": "teacher@demo.allteach.org",
            "name": "Marisol Archuleta",
            "profession": "educator",
            "specialty": "High school teacher",
            "organisation": "Española Public Schools",
            "practice_zip": "87532",
            "state": "NM",
            "timezone": "America/Denver",
        },
        [("school_educators", None)],  # None: a place if there is one, else the waitlist
    ),
]


@dataclass
class DemoWorld:
    """What the build made or found, for the summary and for later extensions."""

    anchor: date
    superhub: Superhub
    hubs: dict[str, Hub] = field(default_factory=dict)
    team: dict[str, object] = field(default_factory=dict)
    programs: dict[str, Program] = field(default_factory=dict)
    cohorts: dict[str, Cohort] = field(default_factory=dict)
    participants: list = field(default_factory=list)


# --- entry points ------------------------------------------------------------------------


def build_demo(*, today: date | None = None) -> DemoWorld:
    """Create whatever part of the demo world is missing, in one transaction."""
    today = today or timezone.localdate()
    with transaction.atomic():
        password = _PasswordHash()
        superhub, _ = Superhub.objects.get_or_create(
            slug=SUPERHUB_SLUG, defaults={"name": "ECHO Superhub"}
        )
        world = DemoWorld(anchor=demo_anchor(today=today), superhub=superhub)
        _build_team(world, password)
        _build_programs(world)
        _build_participants(world, password)
        build_attendance(world=world, today=today)
    return world


def build_attendance(*, world: DemoWorld, today: date) -> None:
    """Give past sessions reconciled attendance from each provider kind (idempotent)."""
    from allteach.demo.attendance import build_demo_attendance

    coordinators = {hub.pk: _hub_actor(world, hub) for hub in world.hubs.values()}
    build_demo_attendance(cohorts=world.cohorts, coordinators=coordinators)


def demo_anchor(*, today: date) -> date:
    """The Monday every demo schedule starts on; read back from an existing schedule."""
    existing = (
        Schedule.objects.filter(cohort__program__slug__in=PROGRAM_SLUGS)
        .order_by("start_date")
        .values_list("start_date", flat=True)
        .first()
    )
    if existing is not None:
        return existing
    return today - timedelta(days=today.weekday(), weeks=ANCHOR_WEEKS_BACK)


def demo_counts() -> dict[str, int]:
    """How much of everything exists, for the command's summary."""
    now = timezone.now()
    statuses = Counter(Registration.objects.values_list("status", flat=True))
    sessions = Session.objects.exclude(status=SessionStatus.CANCELLED)
    return {
        "superhubs": Superhub.objects.count(),
        "hubs": Hub.objects.count(),
        "team roles": HubMembership.objects.count(),
        "programs": Program.objects.count(),
        "cohorts": Cohort.objects.count(),
        "schedules": Schedule.objects.count(),
        "past sessions": sessions.filter(starts_at__lt=now).count(),
        "upcoming sessions": sessions.filter(starts_at__gte=now).count(),
        "people": User.objects.count(),
        "registered people": Registration.objects.values("user").distinct().count(),
        "registrations approved": statuses[RegistrationStatus.APPROVED],
        "registrations pending": statuses[RegistrationStatus.PENDING],
        "registrations waitlisted": statuses[RegistrationStatus.WAITLISTED],
        "registrations declined": statuses[RegistrationStatus.DECLINED],
    }


def existing_logins() -> list[tuple[str, str]]:
    """The demo logins whose accounts exist in this database."""
    present = set(User.objects.filter(email__in=LOGIN_EMAILS).values_list("email", flat=True))
    return [(email, role) for email, role in LOGINS if email in present]


# --- hubs and teams ----------------------------------------------------------------------


class _PasswordHash:
    """Hash the shared demo password once, and only if a login account is created."""

    def __init__(self):
        self._value = None

    def __str__(self) -> str:
        if self._value is None:
            self._value = make_password(DEMO_PASSWORD)
        return self._value


def _ensure_login_user(fields: dict, password: _PasswordHash, **flags):
    """Create an account that signs in with the demo password and a verified address."""
    email = fields["email"]
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email, password=None, **{k: v for k, v in fields.items() if k != "email"}, **flags
        )
        # One hash for all demo logins keeps a load fast (a PBKDF2 hash costs ~0.3 s).
        user.password = str(password)
        user.save(update_fields=["password"])
    # Mandatory e-mail verification would otherwise stop every demo login at the door.
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _team_fields(key: str) -> dict:
    email, name, profession, specialty, organisation, zip_code, state, zone = data.TEAM_PEOPLE[key]
    return {
        "email": email,
        "name": name,
        "profession": profession,
        "specialty": specialty,
        "organisation": organisation,
        "practice_zip": zip_code,
        "state": state,
        "timezone": zone,
    }


def _build_team(world: DemoWorld, password: _PasswordHash) -> None:
    for key in data.TEAM_PEOPLE:
        fields = _team_fields(key)
        if fields["email"] in LOGIN_EMAILS:
            flags = {"is_staff": True, "is_superuser": True} if key == "admin" else {}
            world.team[key] = _ensure_login_user(fields, password, **flags)
        else:
            user = User.objects.filter(email=fields["email"]).first()
            if user is None:
                user = User(**fields, password=make_password(None))
                user.save()
            world.team[key] = user
    SuperhubStaff.objects.get_or_create(superhub=world.superhub, user=world.team["admin"])
    for key, spec in data.HUBS.items():
        defaults = {k: v for k, v in spec.items() if k != "slug"}
        hub, _ = Hub.objects.get_or_create(
            slug=spec["slug"], defaults={**defaults, "superhub": world.superhub}
        )
        world.hubs[key] = hub
    for hub_key, person_key, role in data.TEAM_ROLES:
        HubMembership.objects.get_or_create(
            hub=world.hubs[hub_key], user=world.team[person_key], role=HubRole(role)
        )
    for user in world.team.values():
        clear_cached_hub_ids(user)


HUB_COORDINATORS = {"unm": "coordinator", "peds": "peds_coordinator"}


def _hub_actor(world: DemoWorld, hub: Hub):
    """The hub's coordinator: the person who would set its programs up in the console."""
    key = next(key for key, candidate in world.hubs.items() if candidate.pk == hub.pk)
    return world.team[HUB_COORDINATORS[key]]


# --- programs, cohorts and schedules -----------------------------------------------------


def _build_programs(world: DemoWorld) -> None:
    for spec in data.PROGRAMS:
        actor = _hub_actor(world, world.hubs[spec["hub"]])
        program = Program.objects.filter(slug=spec["slug"]).first()
        if program is None:
            program = program_create(
                actor=actor,
                hub=world.hubs[spec["hub"]],
                slug=spec["slug"],
                topics=spec["topics"],
                title=spec["title"],
                summary=spec["summary"],
                audience=spec["audience"],
                professions=spec["professions"],
                language="en",
                enrolment=spec["enrolment"],
                status=ProgramStatus.OPEN,
                credit_types=spec["credit_types"],
                credit_hours_per_session=Decimal(spec["credit_hours_per_session"]),
            )
        # The curriculum comes before the schedule so new sessions get their didactics.
        if not program.curriculum.exists():
            curriculum_set(
                actor=actor,
                program=program,
                topics=[
                    {"title": title, "presenter": world.team[presenter]}
                    for title, presenter in spec["curriculum"]
                ],
            )
        world.programs[spec["key"]] = program
    for spec in data.COHORTS:
        program = world.programs[spec["program"]]
        actor = _hub_actor(world, program.hub)
        cohort = Cohort.objects.filter(program=program, name=spec["name"]).first()
        if cohort is None:
            cohort = cohort_create(
                actor=actor,
                program=program,
                name=spec["name"],
                language=spec["language"],
                timezone_name=spec["timezone"],
                capacity=spec.get("capacity"),
            )
        world.cohorts[spec["key"]] = cohort
        if not Schedule.objects.filter(cohort=cohort).exists():
            _create_schedule(world, spec, cohort, actor)


def _schedule_data(world: DemoWorld, spec: dict) -> dict:
    rule = spec["schedule"]
    hour, minute = (int(part) for part in rule["time"].split(":"))
    result = {
        "frequency": rule["frequency"],
        "interval": rule["interval"],
        "start_date": world.anchor,
        "end_date": world.anchor + timedelta(days=SCHEDULE_DAYS),
        "time_of_day": time(hour, minute),
        "duration_minutes": 60,
        "timezone": spec["timezone"],
        "weekdays": rule.get("weekdays", []),
        "month_week": rule.get("month_week"),
        "month_weekday": rule.get("month_weekday"),
    }
    if spec.get("skip_holiday"):
        result["skipped_dates"] = [_holiday_date(series_dates(schedule_rule_from_data(result)))]
    return result


def _holiday_date(dates: list[date]) -> date:
    """The series date in Christmas week, or in the week of 4 July when the year cuts it off."""
    for first, last in (((12, 22), (12, 28)), ((7, 1), (7, 7))):
        for day in dates:
            if first <= (day.month, day.day) <= last:
                return day
    return dates[len(dates) // 2]


def _create_schedule(world: DemoWorld, spec: dict, cohort: Cohort, actor) -> None:
    schedule = schedule_set(actor=actor, cohort=cohort, data=_schedule_data(world, spec))
    if not spec.get("move_one"):
        return
    # One session moves to the next day at the usual time, as a real series often does.
    session = (
        Session.objects.filter(
            cohort=cohort,
            original_date__gte=world.anchor + timedelta(weeks=MOVED_AFTER_WEEKS),
            status=SessionStatus.SCHEDULED,
        )
        .order_by("original_date")
        .first()
    )
    if session is not None:
        occurrence_change(
            actor=actor,
            session=session,
            new_start_local=datetime.combine(
                session.original_date + timedelta(days=1), schedule.time_of_day
            ),
        )


# --- participants and registrations ------------------------------------------------------


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.lower() if ch.isalnum() or ch == "-")


def npi_check_digit(first_nine: str) -> str:
    """The Luhn check digit of an NPI, computed over the 80840 card-issuer prefix (CMS)."""
    total = 0
    for index, ch in enumerate(reversed("80840" + first_nine)):
        digit = int(ch)
        if index % 2 == 0:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return str((10 - total % 10) % 10)


def _npi(rng: random.Random) -> str:
    first_nine = str(rng.choice("12")) + "".join(str(rng.randrange(10)) for _ in range(8))
    return first_nine + npi_check_digit(first_nine)


def _birth_mmdd(rng: random.Random) -> str:
    return f"{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"


def _organisation(rng: random.Random, profession: str, specialty: str, place: tuple) -> str:
    _, state, town, _, ruca, facility = place
    if profession == "educator" or specialty in ("School nurse", "School counsellor"):
        if town in data.SCHOOL_DISTRICTS:
            return data.SCHOOL_DISTRICTS[town]
        if facility:
            return f"{town} Community School"
        return f"{town} Municipal Schools" if state == "NM" else f"{town} Public Schools"
    if facility and rng.random() < 0.75:
        return facility
    options = {
        "pharmacist": ["Community Pharmacy", "Regional Medical Center Pharmacy", "Family Pharmacy"],
        "behavioural_health": [
            "Behavioral Health Services",
            "Counseling Center",
            "Recovery Center",
        ],
        "chw": ["Community Health Worker Program", "Public Health Office", "Family Health Center"],
        "nurse": ["Public Health Office", "Regional Medical Center", "Family Health Center"],
    }.get(
        profession,
        ["Family Health Center", "Community Health Center", "Medical Clinic"]
        + (["Primary Care Associates"] if ruca <= 3 else ["Rural Health Clinic"]),
    )
    return f"{town} {rng.choice(options)}"


def participant_specs(rng: random.Random) -> list[dict]:
    """Plan the generated participants: User fields, the same for a given seed."""
    places = data.NM_ZIPS * 6 + data.OTHER_ZIPS  # about 85% in New Mexico
    # Native names lean towards tribal and IHS sites in New Mexico and the Navajo Nation.
    tribal = [p for p in data.NM_ZIPS + data.OTHER_ZIPS if p[5] and p[1] in ("NM", "AZ")]
    group_weights = [weight for weight, _, _ in data.NAME_GROUPS]
    professions, profession_weights = zip(*data.PROFESSION_WEIGHTS, strict=True)
    specs, seen = [], set(LOGIN_EMAILS)
    for _ in range(PARTICIPANT_COUNT):
        group = rng.choices(range(len(data.NAME_GROUPS)), weights=group_weights)[0]
        _, firsts, lasts = data.NAME_GROUPS[group]
        first, last = rng.choice(firsts), rng.choice(lasts)
        place = rng.choice(tribal if group == data.NATIVE_GROUP and rng.random() < 0.7 else places)
        zip_code, state, town, zone, _, _ = place
        profession = rng.choices(professions, weights=profession_weights)[0]
        specialty = rng.choice(data.SPECIALTIES[profession])
        base = f"{_ascii(first)}.{_ascii(last)}"
        domain = rng.choice(data.PARTICIPANT_DOMAINS)
        email, n = f"{base}@{domain}", 2
        while email in seen:
            email, n = f"{base}{n}@{domain}", n + 1
        seen.add(email)
        spec = {
            "email": email,
            "name": f"{first} {last}",
            "profession": profession,
            "specialty": specialty,
            "organisation": _organisation(rng, profession, specialty, place),
            "practice_zip": zip_code,
            "state": state,
            "country": "US",
            "timezone": zone,
            "preferred_language": (
                "es" if group == data.HISPANIC_GROUP and rng.random() < 0.4 else "en"
            ),
        }
        if profession in ("physician", "np", "pa", "pharmacist", "nurse"):
            spec["licence_state"] = state
        if profession in ("physician", "np", "pa", "pharmacist") and rng.random() < 0.7:
            spec["npi"] = _npi(rng)
        if profession == "physician" and specialty in data.BOARDS and rng.random() < 0.5:
            spec["board"] = data.BOARDS[specialty]
            spec["board_id"] = str(rng.randint(100000, 999999))
            spec["birth_mmdd"] = _birth_mmdd(rng)
        if profession == "pharmacist" and rng.random() < 0.8:
            spec["nabp_eprofile_id"] = str(rng.randint(1000000, 9999999))
            spec["birth_mmdd"] = _birth_mmdd(rng)
        specs.append(spec)
    return specs


OUD_PROFESSIONS = ("physician", "np", "pa", "nurse", "pharmacist", "behavioural_health")


def registration_plan(rng: random.Random, specs: list[dict]) -> list[tuple[str, str, str]]:
    """Plan (e-mail, cohort key, status) for everyone, at most one cohort per program."""
    oud_statuses = [
        RegistrationStatus.APPROVED,
        RegistrationStatus.PENDING,
        RegistrationStatus.DECLINED,
    ]
    plan = []
    educators = []
    for spec in specs:
        email, profession, specialty = spec["email"], spec["profession"], spec["specialty"]
        chosen = []
        if profession in (*data.CLINICIANS, "chw") and rng.random() < (
            0.8 if spec["preferred_language"] == "es" else 0.45
        ):
            cohort = "hepc_es" if spec["preferred_language"] == "es" else "hepc_tue"
            chosen.append((cohort, RegistrationStatus.APPROVED))
        oud_share = {"behavioural_health": 0.5}.get(profession, 0.35)
        if profession in OUD_PROFESSIONS and rng.random() < oud_share:
            chosen.append(("oud_thu", rng.choices(oud_statuses, weights=[78, 15, 7])[0]))
        if profession in ("physician", "np", "pa", "nurse"):
            pediatric = "Pediatric" in specialty or specialty in ("Pediatrics", "Family medicine")
            if rng.random() < (0.6 if pediatric else 0.1):
                chosen.append(("epilepsy_monthly", RegistrationStatus.APPROVED))
        if profession == "educator":
            educators.append(email)
        elif specialty in ("School nurse", "School counsellor") or (
            profession in ("behavioural_health", "chw") and rng.random() < 0.3
        ):
            chosen.append(("school_nurses", RegistrationStatus.APPROVED))
        if not chosen and profession != "educator":
            # Everyone in the demo takes part in something.
            fallback = {"behavioural_health": "oud_thu", "chw": "school_nurses"}
            cohort = fallback.get(profession, "hepc_tue")
            status = (
                RegistrationStatus.PENDING if cohort == "oud_thu" else RegistrationStatus.APPROVED
            )
            chosen.append((cohort, status))
        plan.extend((email, cohort, status) for cohort, status in chosen)
    for fields, places in NAMED_PARTICIPANTS:
        for cohort, status in places:
            if cohort == "school_educators":
                educators.append(fields["email"])
            else:
                plan.append((fields["email"], cohort, status))
    capacity = next(c["capacity"] for c in data.COHORTS if c["key"] == "school_educators")
    for position, email in enumerate(educators):
        status = (
            RegistrationStatus.APPROVED if position < capacity else RegistrationStatus.WAITLISTED
        )
        plan.append((email, "school_educators", status))
    return plan


def _build_participants(world: DemoWorld, password: _PasswordHash) -> None:
    rng = random.Random(SEED)
    specs = participant_specs(rng)
    plan = registration_plan(rng, specs)
    emails = [spec["email"] for spec in specs]
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    User.objects.bulk_create(
        [
            User(**spec, password=make_password(None))
            for spec in specs
            if spec["email"] not in existing
        ],
        batch_size=500,
    )
    for fields, _ in NAMED_PARTICIPANTS:
        _ensure_login_user(fields, password)
    users = {
        user.email: user
        for user in User.objects.filter(
            email__in=emails + [fields["email"] for fields, _ in NAMED_PARTICIPANTS]
        )
    }
    world.participants = [users[email] for email in emails]
    programs = list(world.programs.values())
    taken = set(
        Registration.objects.filter(cohort__program__in=programs).values_list(
            "user_id", "cohort__program_id"
        )
    )
    program_of = {spec["key"]: world.programs[spec["program"]] for spec in data.COHORTS}
    deciders = {hub.pk: _hub_actor(world, hub) for hub in world.hubs.values()}
    now = timezone.now()
    new = []
    for email, cohort_key, status in plan:
        user, cohort, program = users[email], world.cohorts[cohort_key], program_of[cohort_key]
        if (user.pk, program.pk) in taken:
            continue
        taken.add((user.pk, program.pk))
        # Private programs record who approved or declined each request.
        decided = program.enrolment == Enrolment.PRIVATE and status in (
            RegistrationStatus.APPROVED,
            RegistrationStatus.DECLINED,
        )
        new.append(
            Registration(
                cohort=cohort,
                user=user,
                status=status,
                decided_at=now if decided else None,
                decided_by=deciders[program.hub_id] if decided else None,
            )
        )
    Registration.objects.bulk_create(new, batch_size=500)
