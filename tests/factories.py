"""factory_boy factories for the domain models."""

import datetime as dt

import factory
from django.utils import timezone

from allteach.accounts.models import User
from allteach.hubs.models import Hub, HubMembership, Superhub, SuperhubStaff
from allteach.meetings.models import Session
from allteach.programs.models import (
    Cohort,
    CurriculumTopic,
    Program,
    ProgramStatus,
    Registration,
    RegistrationStatus,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Sequence(lambda n: f"Person {n}")
    profession = "physician"
    timezone = "America/Denver"
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class SuperhubFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Superhub

    name = factory.Sequence(lambda n: f"Superhub {n}")
    slug = factory.Sequence(lambda n: f"superhub-{n}")


class HubFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hub

    name = factory.Sequence(lambda n: f"Hub {n}")
    slug = factory.Sequence(lambda n: f"hub-{n}")
    timezone = "America/Denver"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HubMembership

    hub = factory.SubFactory(HubFactory)
    user = factory.SubFactory(UserFactory)
    role = "admin"


class SuperhubStaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SuperhubStaff

    superhub = factory.SubFactory(SuperhubFactory)
    user = factory.SubFactory(UserFactory)


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    hub = factory.SubFactory(HubFactory)
    title = factory.Sequence(lambda n: f"Program {n} ECHO")
    slug = factory.Sequence(lambda n: f"program-{n}")
    summary = "Case-based learning with specialists."
    status = ProgramStatus.OPEN
    professions = ["physician", "nurse"]


class CurriculumTopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CurriculumTopic

    program = factory.SubFactory(ProgramFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Topic {n}")


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    program = factory.SubFactory(ProgramFactory)
    name = factory.Sequence(lambda n: f"Cohort {n}")
    timezone = "America/Denver"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    cohort = factory.SubFactory(CohortFactory)
    user = factory.SubFactory(UserFactory)
    status = RegistrationStatus.APPROVED


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    cohort = factory.SubFactory(CohortFactory)
    original_date = factory.Sequence(lambda n: dt.date(2027, 1, 1) + dt.timedelta(days=n))
    starts_at = factory.LazyAttribute(
        lambda o: timezone.now().replace(microsecond=0) + dt.timedelta(days=7)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=1))
