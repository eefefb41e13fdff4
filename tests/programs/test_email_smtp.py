"""Invitations and registration notices go out through a real SMTP server (aiosmtpd on loopback)."""

import socket

import pytest
from aiosmtpd.controller import Controller

from allteach.programs.services import invitation_create, registration_register


class _Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        self.messages.append((envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp(settings):
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    yield inbox
    controller.stop()


def test_invitation_is_delivered_over_smtp(smtp, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitation_create(
            actor=world.users["hub_admin"], cohort=world.cohort, email="New.Person@Example.org"
        )
    assert len(smtp.messages) == 1
    recipients, content = smtp.messages[0]
    assert recipients == ["new.person@example.org"]
    assert "Subject: Invitation: Hepatitis C ECHO" in content
    assert f"/invitations/{invitation.token}/" in content


def test_registration_notice_is_delivered_over_smtp(
    smtp, world, django_capture_on_commit_callbacks
):
    from tests import factories

    newcomer = factories.UserFactory(email="newcomer@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        registration_register(actor=newcomer, cohort=world.cohort)
    assert [m[0] for m in smtp.messages] == [["newcomer@example.org"]]
    assert "Registered" in smtp.messages[0][1]
