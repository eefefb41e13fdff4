"""Who may see and change programs, cohorts and registrations."""

import rules

from allteach.hubs.selectors import hub_ids_managed_by, hub_ids_on_team_of
from allteach.programs.models import PUBLISHED_STATUSES, Enrolment, ProgramStatus


def _program_of(obj):
    return getattr(obj, "program", obj)


@rules.predicate
def manages_program(user, obj) -> bool:
    program = _program_of(obj)
    return user.is_authenticated and program.hub_id in hub_ids_managed_by(user)


@rules.predicate
def on_program_team(user, obj) -> bool:
    program = _program_of(obj)
    return user.is_authenticated and program.hub_id in hub_ids_on_team_of(user)


@rules.predicate
def program_is_published(user, obj) -> bool:
    return _program_of(obj).status in PUBLISHED_STATUSES


@rules.predicate
def program_is_open(user, obj) -> bool:
    return _program_of(obj).status == ProgramStatus.OPEN


@rules.predicate
def program_is_public(user, obj) -> bool:
    return _program_of(obj).enrolment == Enrolment.PUBLIC


@rules.predicate
def owns_registration(user, registration) -> bool:
    return user.is_authenticated and registration.user_id == user.pk


rules.add_perm("programs.view_program", program_is_published | on_program_team)
rules.add_perm("programs.change_program", manages_program)
rules.add_perm("programs.register", rules.is_authenticated & program_is_open)
rules.add_perm("programs.manage_registration", manages_program)
rules.add_perm("programs.leave_registration", owns_registration)
