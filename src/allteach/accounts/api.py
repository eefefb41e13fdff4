"""API: the caller's own profile."""

from django.core.exceptions import ValidationError
from ninja import Router, Schema

from allteach.accounts import services
from allteach.core.access import access

router = Router(tags=["me"])


class MeOut(Schema):
    id: int
    email: str
    name: str
    profession: str
    specialty: str
    organisation: str
    practice_zip: str
    state: str
    country: str
    preferred_language: str
    timezone: str


class MeIn(Schema):
    name: str | None = None
    profession: str | None = None
    specialty: str | None = None
    organisation: str | None = None
    practice_zip: str | None = None
    state: str | None = None
    country: str | None = None
    preferred_language: str | None = None
    timezone: str | None = None
    npi: str | None = None
    licence_state: str | None = None
    board: str | None = None
    board_id: str | None = None
    birth_mmdd: str | None = None
    nabp_eprofile_id: str | None = None


@router.get("/me", response=MeOut)
@access("authenticated")
def me(request):
    return request.user


@router.patch("/me", response=MeOut)
@access("authenticated")
def me_update(request, payload: MeIn):
    fields = payload.dict(exclude_unset=True)
    if not fields:
        raise ValidationError("Send at least one field to change.")
    return services.profile_update(actor=request.user, user=request.user, **fields)
