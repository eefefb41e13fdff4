"""API authentication: personal tokens (Bearer) or the browser session."""

from ninja.security import HttpBearer, SessionAuth

from allteach.accounts.models import ApiToken


class TokenAuth(HttpBearer):
    """`Authorization: Bearer at_...` with a personal API token."""

    openapi_scheme = "bearer"

    def authenticate(self, request, token: str):
        user = ApiToken.authenticate(token)
        if user is not None:
            request.user = user
        return user


class OptionalAuth:
    """Identify the caller when they give credentials; let anonymous callers through."""

    def __init__(self):
        self.token = TokenAuth()
        self.session = SessionAuth()

    def __call__(self, request):
        user = self.token(request) or self.session(request)
        return user or True


API_AUTH = [TokenAuth(), SessionAuth()]
OPTIONAL_AUTH = [OptionalAuth()]
