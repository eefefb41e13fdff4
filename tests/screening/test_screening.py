"""The PHI check page and API: findings shown, nothing stored, bad input explained."""

import io

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from allteach.accounts.services import api_token_issue

CASE = "Pt Maria Lopez, DOB 03/14/1961, lives at 412 Oak Street, Gallup. HCV RNA 1.2 million IU/mL."


def _row_counts():
    return {m._meta.label: m.objects.count() for m in apps.get_models()}


def test_check_page_highlights_findings_and_stores_nothing(client, world):
    client.force_login(world.users["participant"])
    before = _row_counts()
    response = client.post("/screening/", {"text": CASE, "style": "placeholder"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark" in html and "Maria Lopez" in html
    assert "[NAME]" in html and "[DATE]" in html
    assert "HCV RNA 1.2 million IU/mL" in html
    assert _row_counts() == before


def test_check_htmx_returns_only_results_fragment(client, world):
    client.force_login(world.users["participant"])
    response = client.post(
        "/screening/", {"text": "Apgar 8/9, PHQ-9 of 14."}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "No identifiers found." in html
    assert "<html" not in html


def test_check_rejects_oversized_text_and_keeps_input(client, world):
    client.force_login(world.users["participant"])
    text = "x" * 200_001
    response = client.post("/screening/", {"text": text})
    assert response.status_code == 400
    assert "at most 200,000" in response.content.decode()


def test_check_requires_login(client, world):
    response = client.get("/screening/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_file_check_strips_image_metadata(client, world):
    client.force_login(world.users["participant"])
    image = Image.new("RGB", (8, 8), "red")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    upload = SimpleUploadedFile("IMG_2041.jpg", buffer.getvalue(), content_type="image/jpeg")
    response = client.post("/screening/file/", {"file": upload})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Download the copy without metadata" in html
    assert "IMG_2041" in html  # the file name itself is screened and shown


def test_file_check_unsupported_type_is_a_clear_error(client, world):
    client.force_login(world.users["participant"])
    upload = SimpleUploadedFile("notes.exe", b"MZ\x00\x00", content_type="application/octet-stream")
    response = client.post("/screening/file/", {"file": upload})
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()


def test_api_scan_and_redact(client, world):
    _, raw = api_token_issue(actor=world.users["participant"], name="t")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    response = client.post(
        "/api/phi/scan", {"text": CASE}, content_type="application/json", **headers
    )
    assert response.status_code == 200
    findings = response.json()["findings"]
    by_text = {f["text"]: f["label"] for f in findings}
    assert by_text["Maria Lopez"] == "NAME"
    assert all(CASE[f["start"] : f["end"]] == f["text"] for f in findings)
    response = client.post(
        "/api/phi/redact",
        {"text": CASE, "style": "placeholder"},
        content_type="application/json",
        **headers,
    )
    assert "Maria Lopez" not in response.json()["text"]
    response = client.post(
        "/api/phi/redact",
        {"text": CASE, "style": "bogus"},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 400
    assert "style" in response.json()["errors"]


def test_api_scan_requires_auth(client, world):
    response = client.post("/api/phi/scan", {"text": CASE}, content_type="application/json")
    assert response.status_code == 401
