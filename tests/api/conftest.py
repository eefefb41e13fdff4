"""API helpers: a client that speaks JSON with a personal token."""

import json

import pytest
from django.test import Client

from allteach.accounts import services as account_services


class ApiClient:
    """Call /api with `Authorization: Bearer <token>` (or anonymously) and JSON bodies."""

    def __init__(self, raw_token: str | None = None):
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {raw_token}"} if raw_token else {}

    def request(self, method: str, path: str, body=None):
        kwargs = {"headers": self.headers}
        if body is not None:
            kwargs.update(data=json.dumps(body), content_type="application/json")
        return self.client.generic(method, f"/api{path}", **kwargs)

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, body=None):
        return self.request("POST", path, body)

    def put(self, path, body=None):
        return self.request("PUT", path, body)

    def patch(self, path, body=None):
        return self.request("PATCH", path, body)


@pytest.fixture
def api_as(world):
    """api_as("hub_admin") → an ApiClient holding a fresh token of that world user."""

    def make(who) -> ApiClient:
        user = world.users[who] if isinstance(who, str) else who
        _, raw = account_services.api_token_issue(actor=user, name="tests")
        return ApiClient(raw)

    return make


@pytest.fixture
def anon_api():
    return ApiClient()
