"""API: programs, curriculum, cohorts, registrations and invitations."""

from datetime import datetime
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from allteach.accounts.api_auth import OPTIONAL_AUTH
from allteach.core.access import access
from allteach.hubs.selectors import hubs_managed_by
from allteach.programs import selectors, services

router = Router(tags=["programs"])


class TopicOut(Schema):
    position: int
    title: str
    presenter: str


class ProgramOut(Schema):
    id: int
    slug: str
    title: str
    hub: str
    summary: str
    audience: str
    professions: list[str]
    topics: list[str]
    language: str
    enrolment: str
    status: str
    credit_types: list[str]
    credit_hours_per_session: Decimal

    @staticmethod
    def resolve_hub(obj):
        return obj.hub.slug

    @staticmethod
    def resolve_topics(obj):
        return [topic.name for topic in obj.topics.all()]


class ProgramDetailOut(ProgramOut):
    curriculum: list[TopicOut]

    @staticmethod
    def resolve_curriculum(obj):
        return [
            TopicOut(position=t.position, title=t.title, presenter=t.presenter_display)
            for t in selectors.program_curriculum(program=obj)
        ]


class ProgramIn(Schema):
    hub: str
    title: str
    summary: str
    audience: str = ""
    professions: list[str] = []
    topics: list[str] = []
    language: str = "en"
    enrolment: str = "public"
    status: str = "draft"
    credit_types: list[str] = []
    credit_hours_per_session: Decimal = Decimal("0")


class ProgramPatch(Schema):
    title: str | None = None
    summary: str | None = None
    audience: str | None = None
    professions: list[str] | None = None
    topics: list[str] | None = None
    language: str | None = None
    enrolment: str | None = None
    status: str | None = None
    credit_types: list[str] | None = None
    credit_hours_per_session: Decimal | None = None


class CurriculumItemIn(Schema):
    title: str
    presenter_name: str = ""


class CohortOut(Schema):
    id: int
    program: str
    name: str
    language: str
    timezone: str
    capacity: int | None
    waitlist_enabled: bool

    @staticmethod
    def resolve_program(obj):
        return obj.program.slug


class CohortIn(Schema):
    name: str
    language: str = "en"
    timezone: str = ""
    capacity: int | None = None
    waitlist_enabled: bool = True


class RegistrationOut(Schema):
    id: int
    cohort: int
    program: str
    user_email: str
    user_name: str
    status: str
    created_at: datetime

    @staticmethod
    def resolve_cohort(obj):
        return obj.cohort_id

    @staticmethod
    def resolve_program(obj):
        return obj.cohort.program.slug

    @staticmethod
    def resolve_user_email(obj):
        return obj.user.email

    @staticmethod
    def resolve_user_name(obj):
        return obj.user.name


class InvitationIn(Schema):
    email: str


class InvitationOut(Schema):
    id: int
    cohort: int
    email: str
    expires_at: datetime

    @staticmethod
    def resolve_cohort(obj):
        return obj.cohort_id


@router.get("/programs", response=list[ProgramOut], auth=OPTIONAL_AUTH)
@access("public")
def program_list(request, q: str = "", topic: str = "", language: str = "", profession: str = ""):
    """The public catalogue (open and closed programs), filterable."""
    return selectors.catalogue(query=q, topic=topic, language=language, profession=profession)


@router.post("/programs", response={201: ProgramDetailOut})
@access("manager")
def program_create(request, payload: ProgramIn):
    hub = get_object_or_404(hubs_managed_by(request.user), slug=payload.hub)
    data = payload.dict()
    data.pop("hub")
    topics = data.pop("topics")
    return Status(201, services.program_create(actor=request.user, hub=hub, topics=topics, **data))


@router.get("/programs/{slug}", response=ProgramDetailOut, auth=OPTIONAL_AUTH)
@access("public")
def program_detail(request, slug: str):
    return selectors.program_get_for_user(user=request.user, slug=slug)


@router.patch("/programs/{slug}", response=ProgramDetailOut)
@access("manager")
def program_update(request, slug: str, payload: ProgramPatch):
    program = selectors.program_get_managed(user=request.user, slug=slug)
    data = payload.dict(exclude_unset=True)
    topics = data.pop("topics", None)
    return services.program_update(actor=request.user, program=program, topics=topics, **data)


@router.put("/programs/{slug}/curriculum", response=list[TopicOut])
@access("manager")
def curriculum_set(request, slug: str, payload: list[CurriculumItemIn]):
    program = selectors.program_get_managed(user=request.user, slug=slug)
    topics = services.curriculum_set(
        actor=request.user, program=program, topics=[item.dict() for item in payload]
    )
    return [
        TopicOut(position=t.position, title=t.title, presenter=t.presenter_display) for t in topics
    ]


@router.get("/programs/{slug}/cohorts", response=list[CohortOut], auth=OPTIONAL_AUTH)
@access("public")
def cohort_list(request, slug: str):
    program = selectors.program_get_for_user(user=request.user, slug=slug)
    return program.cohorts.select_related("program").order_by("name")


@router.post("/programs/{slug}/cohorts", response={201: CohortOut})
@access("manager")
def cohort_create(request, slug: str, payload: CohortIn):
    program = selectors.program_get_managed(user=request.user, slug=slug)
    data = payload.dict()
    return Status(
        201,
        services.cohort_create(
            actor=request.user,
            program=program,
            name=data["name"],
            language=data["language"],
            timezone_name=data["timezone"],
            capacity=data["capacity"],
            waitlist_enabled=data["waitlist_enabled"],
        ),
    )


@router.get("/programs/{slug}/registrations", response=list[RegistrationOut])
@access("manager")
def registrant_list(request, slug: str, status: str = ""):
    program = selectors.program_get_managed(user=request.user, slug=slug)
    return selectors.registrants_of_program(program=program, status=status).select_related(
        "cohort__program"
    )


@router.post("/cohorts/{cohort_id}/registrations", response={201: RegistrationOut})
@access("authenticated")
def register(request, cohort_id: int):
    """Register yourself into a cohort (a place, the waitlist, or a request to join)."""
    cohort = selectors.cohort_get_visible(user=request.user, cohort_id=cohort_id)
    return Status(201, services.registration_register(actor=request.user, cohort=cohort))


@router.post("/cohorts/{cohort_id}/invitations", response={201: InvitationOut})
@access("manager")
def invite(request, cohort_id: int, payload: InvitationIn):
    cohort = selectors.cohort_get_managed(user=request.user, cohort_id=cohort_id)
    return Status(
        201, services.invitation_create(actor=request.user, cohort=cohort, email=payload.email)
    )


@router.get("/registrations", response=list[RegistrationOut])
@access("authenticated")
def my_registrations(request):
    """Your own active registrations."""
    return selectors.registrations_of_user(user=request.user)


@router.get("/registrations/{registration_id}", response=RegistrationOut)
@access("authenticated")
def registration_detail(request, registration_id: int):
    return selectors.registration_get_visible(user=request.user, registration_id=registration_id)


@router.post("/registrations/{registration_id}/approve", response=RegistrationOut)
@access("manager")
def registration_approve(request, registration_id: int):
    registration = selectors.registration_get_visible(
        user=request.user, registration_id=registration_id
    )
    return services.registration_decide(actor=request.user, registration=registration, approve=True)


@router.post("/registrations/{registration_id}/decline", response=RegistrationOut)
@access("manager")
def registration_decline(request, registration_id: int):
    registration = selectors.registration_get_visible(
        user=request.user, registration_id=registration_id
    )
    return services.registration_decide(
        actor=request.user, registration=registration, approve=False
    )


@router.post("/registrations/{registration_id}/leave", response=RegistrationOut)
@access("authenticated")
def registration_leave(request, registration_id: int):
    registration = selectors.registration_get_visible(
        user=request.user, registration_id=registration_id
    )
    return services.registration_leave(actor=request.user, registration=registration)
