import socket

import pytest

from allteach.providers import ProviderError
from allteach.providers.http import HttpClient, HttpResponse


def test_unreachable_server_is_a_provider_error():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Nothing listens on the port once the probe socket is closed.
    with pytest.raises(ProviderError) as caught:
        HttpClient(timeout=2).get(f"http://127.0.0.1:{port}/x")
    assert f"http://127.0.0.1:{port}" in str(caught.value)


def test_non_http_urls_are_refused():
    with pytest.raises(ProviderError):
        HttpClient().get("file:///etc/passwd")


def test_error_statuses_come_back_as_responses(zoom_fake):
    response = HttpClient(timeout=5).get(f"{zoom_fake.api_base}/users/me/meetings")
    assert response.status == 401
    assert response.json() == {"code": 124, "message": "Invalid access token."}


def test_json_of_html_is_a_provider_error():
    with pytest.raises(ProviderError):
        HttpResponse(status=502, body=b"<html>Bad gateway</html>").json()


def test_every_provider_follows_the_protocol(zoom_client, bbb_client):
    from allteach.providers import ConferenceProvider
    from allteach.providers.bbb import BBBProvider
    from allteach.providers.jitsi import JitsiProvider
    from allteach.providers.zoom import ZoomProvider

    providers = [JitsiProvider(room_secret="s"), BBBProvider(bbb_client), ZoomProvider(zoom_client)]
    assert [p.kind for p in providers if isinstance(p, ConferenceProvider)] == [
        "jitsi",
        "bbb",
        "zoom",
    ]
