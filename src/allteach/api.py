"""The JSON API: one NinjaAPI with a router per app, OpenAPI at /api/openapi.json."""

from ninja import NinjaAPI

from allteach.accounts.api import router as accounts_router
from allteach.accounts.api_auth import API_AUTH
from allteach.attendance.api import router as attendance_router
from allteach.conferencing.api import router as conferencing_router
from allteach.core.api import install_error_handlers
from allteach.hubs.api import router as hubs_router
from allteach.meetings.api import router as meetings_router
from allteach.programs.api import router as programs_router
from allteach.screening.api import router as screening_router

api = NinjaAPI(
    title="allteach API",
    version="1",
    description=(
        "Hubs, programs, cohorts, schedules, sessions and registrations. Authenticate with a "
        "personal API token (`Authorization: Bearer at_…`, created on your profile page) or a "
        "browser session. Errors are `{message, errors}`; other hubs' objects answer 404."
    ),
    urls_namespace="api",
    auth=API_AUTH,
)
install_error_handlers(api)
api.add_router("/", accounts_router)
api.add_router("/hubs", hubs_router)
api.add_router("/", programs_router)
api.add_router("/", meetings_router)
api.add_router("/", attendance_router)
api.add_router("/", screening_router)
api.add_router("/", conferencing_router)
