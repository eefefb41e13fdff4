"""Helpers for the hub console tests."""

import pytest


@pytest.fixture
def as_role(client, world):
    """A test client signed in as one of the world's roles."""

    def sign_in(role: str):
        client.force_login(world.users[role])
        return client

    return sign_in
