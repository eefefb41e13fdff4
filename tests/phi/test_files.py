"""Text extraction, metadata stripping and screening of uploaded case files."""

import io
from dataclasses import dataclass

import docx
import pptx
import pytest
from PIL import Image, PngImagePlugin
from pptx.util import Inches

from allteach.phi import files
from allteach.phi.files import (
    CorruptFileError,
    FileTooLargeError,
    PhiInputError,
    UnsupportedFileError,
    extract_text,
    screen_file,
    strip_image_metadata,
)

GPS_IFD = 0x8825


def _parts(document) -> dict[str, str]:
    return {p.where: p.text for p in document.parts}


def make_docx() -> bytes:
    document = docx.Document()
    paragraph = document.add_paragraph("Patient Maria Lopez, seen in Gallup.")
    document.add_paragraph("Second paragraph about sofosbuvir.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "MRN"
    table.cell(0, 1).text = "00482913"
    table.cell(1, 0).text = "Plan"
    table.cell(1, 1).text = "treat 12 weeks"
    section = document.sections[0]
    section.header.paragraphs[0].text = "Gallup Indian Medical Center"
    section.footer.paragraphs[0].text = "Printed by Dr. Natarajan"
    document.add_comment(
        paragraph.runs, text="Is her DOB right?", author="Keisha Begay", initials="KB"
    )
    props = document.core_properties
    props.author = "Jose Nunez"
    props.last_modified_by = "Aiyana Yazzie"
    props.title = "Case of Maria Lopez"
    props.subject = "HCV ECHO"
    props.keywords = "hepatitis C; Gallup"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_pptx() -> bytes:
    presentation = pptx.Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[5])
    slide.shapes.title.text = "Case: 58-year-old with OUD"
    box = slide.shapes.add_textbox(Inches(1), Inches(2), Inches(4), Inches(1))
    box.text_frame.text = "Lives in Crownpoint"
    shape = slide.shapes.add_table(2, 2, Inches(1), Inches(3), Inches(4), Inches(1))
    shape.table.cell(0, 0).text = "Dose"
    shape.table.cell(0, 1).text = "16 mg"
    second = presentation.slides.add_slide(presentation.slide_layouts[6])
    second.notes_slide.notes_text_frame.text = "Say: her daughter Rosa calls 505-555-0142"
    presentation.core_properties.author = "Priya Natarajan"
    presentation.core_properties.title = "OUD case"
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()


def make_pdf(
    page_text: str = "Patient Maria Lopez MRN 00482913", author: str = "Dr. Chen"
) -> bytes:
    """A minimal one-page PDF with a text content stream and an /Info author, written by hand."""
    stream = f"BT /F1 12 Tf 72 720 Td ({page_text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        f"<< /Author ({author}) /Title (HCV case) >>".encode("latin-1"),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)


def make_jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "Canon"
    exif[0x0110] = "EOS 80D"
    exif[0x013B] = "Maria Lopez"
    exif[0x0112] = 6  # rotated: the clean copy must come out upright (30 x 40)
    exif[GPS_IFD] = {1: "N", 2: (35.0, 31.0, 48.0), 3: "W", 4: (108.0, 44.0, 30.0)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif, comment=b"taken at Gallup clinic")
    return out.getvalue()


@dataclass
class FakeFinding:
    start: int
    end: int
    label: str
    confidence: float = 1.0
    reason: str = "test"


def fake_scan(text: str) -> list[FakeFinding]:
    """Find a fixed list of names, standing in for allteach.phi.scan."""
    found = []
    for needle, label in (("Maria Lopez", "NAME"), ("505-555-0142", "PHONE")):
        at = text.find(needle)
        if at >= 0:
            found.append(FakeFinding(at, at + len(needle), label))
    return found


# --- DOCX -------------------------------------------------------------------------------------


def test_extract_docx_reads_body_tables_headers_comments_and_properties():
    parts = _parts(extract_text(make_docx(), "case.docx"))
    assert parts["file name"] == "case.docx"
    assert (
        parts["body"] == "Patient Maria Lopez, seen in Gallup.\nSecond paragraph about sofosbuvir."
    )
    assert parts["table 1"] == "MRN\t00482913\nPlan\ttreat 12 weeks"
    assert parts["section 1 header"] == "Gallup Indian Medical Center"
    assert parts["section 1 footer"] == "Printed by Dr. Natarajan"
    assert parts["comments"] == "Is her DOB right?"
    assert parts["comments authors"] == "KB\nKeisha Begay"
    assert parts["document property author"] == "Jose Nunez"
    assert parts["document property last_modified_by"] == "Aiyana Yazzie"
    assert parts["document property title"] == "Case of Maria Lopez"
    assert parts["document property subject"] == "HCV ECHO"
    assert parts["document property keywords"] == "hepatitis C; Gallup"


def test_extract_docx_with_no_images_needs_no_attestation():
    result = screen_file(make_docx(), "case.docx", scanner=fake_scan)
    assert result.kind == "docx"
    assert result.needs_attestation is False
    assert result.clean_bytes is None
    flagged = {
        p.where: [(p.text[f.start : f.end], f.label) for f in p.findings] for p in result.parts
    }
    assert flagged["body"] == [("Maria Lopez", "NAME")]
    assert flagged["document property title"] == [("Maria Lopez", "NAME")]
    assert flagged["table 1"] == []
    assert result.findings_count == 2


def test_extract_docx_with_picture_needs_attestation():
    document = docx.Document(io.BytesIO(make_docx()))
    picture = io.BytesIO()
    Image.new("RGB", (10, 10)).save(picture, format="PNG")
    picture.seek(0)
    document.add_picture(picture)
    out = io.BytesIO()
    document.save(out)
    result = screen_file(out.getvalue(), "case.docx", scanner=fake_scan)
    assert result.needs_attestation is True
    assert result.attestation_text == files.ATTESTATION_TEXT


# --- PPTX -------------------------------------------------------------------------------------


def test_extract_pptx_reads_slides_tables_notes_and_properties():
    document = extract_text(make_pptx(), "talk.pptx")
    parts = _parts(document)
    assert document.kind == "pptx"
    assert parts["slide 1"] == "Case: 58-year-old with OUD\nLives in Crownpoint\nDose\t16 mg"
    assert "slide 2" not in parts
    assert parts["slide 2 notes"] == "Say: her daughter Rosa calls 505-555-0142"
    assert parts["document property author"] == "Priya Natarajan"
    assert parts["document property title"] == "OUD case"
    assert not any(w.startswith("master") for w in parts)  # only prompt text in the default master


def test_screen_pptx_flags_phone_in_notes():
    result = screen_file(make_pptx(), "talk.pptx", scanner=fake_scan)
    notes = next(p for p in result.parts if p.where == "slide 2 notes")
    assert [(notes.text[f.start : f.end], f.label) for f in notes.findings] == [
        ("505-555-0142", "PHONE")
    ]


# --- PDF --------------------------------------------------------------------------------------


def test_extract_pdf_reads_page_text_and_author():
    parts = _parts(extract_text(make_pdf(), "referral.pdf"))
    assert parts["page 1"] == "Patient Maria Lopez MRN 00482913"
    assert parts["document property author"] == "Dr. Chen"
    assert parts["document property title"] == "HCV case"


def test_screen_pdf_finds_name_on_page():
    result = screen_file(make_pdf(), "referral.pdf", scanner=fake_scan)
    page = next(p for p in result.parts if p.where == "page 1")
    assert [(f.start, f.end, f.label) for f in page.findings] == [(8, 19, "NAME")]
    assert result.needs_attestation is False


# --- Images -----------------------------------------------------------------------------------


def test_strip_jpeg_removes_exif_gps_and_comment():
    original = make_jpeg_with_gps()
    with Image.open(io.BytesIO(original)) as before:
        assert before.getexif().get_ifd(GPS_IFD)
    clean, removed = strip_image_metadata(original, "IMG_2041.jpg")
    assert removed[0] == "EXIF GPS location"
    assert removed[1].startswith("EXIF (")
    assert "artist" in removed[1] and "camera make" in removed[1]
    assert "comment" in removed
    with Image.open(io.BytesIO(clean)) as after:
        assert after.format == "JPEG"
        assert after.size == (30, 40)  # orientation applied to the pixels
        assert len(after.getexif()) == 0
        assert not after.getexif().get_ifd(GPS_IFD)
        assert "exif" not in after.info and "comment" not in after.info
    assert b"Exif" not in clean and b"Maria Lopez" not in clean and b"Gallup" not in clean


def test_strip_png_removes_text_chunks_and_icc_keeps_pixels():
    image = Image.new("RGBA", (8, 8), (10, 20, 30, 128))
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Maria Lopez")
    info.add_itxt("Description", "Gallup clinic photo")
    out = io.BytesIO()
    image.save(out, format="PNG", pnginfo=info, icc_profile=b"\0" * 128)
    clean, removed = strip_image_metadata(out.getvalue(), "rash.png")
    assert "PNG text chunk 'Author'" in removed
    assert "PNG text chunk 'Description'" in removed
    assert "ICC colour profile" in removed
    with Image.open(io.BytesIO(clean)) as after:
        assert after.format == "PNG"
        assert after.text == {}
        assert "icc_profile" not in after.info
        assert after.getpixel((3, 3)) == (10, 20, 30, 128)


@pytest.mark.parametrize("fmt", ["WEBP", "GIF"])
def test_strip_webp_and_gif_reencode_cleanly(fmt):
    image = Image.new("RGB", (16, 16), (0, 128, 0))
    exif = Image.Exif()
    exif[GPS_IFD] = {1: "N", 2: (35.0, 1.0, 2.0)}
    out = io.BytesIO()
    if fmt == "WEBP":
        image.save(out, format=fmt, exif=exif, lossless=True)
    else:
        image.save(out, format=fmt, comment=b"Maria Lopez")
    clean, removed = strip_image_metadata(out.getvalue(), f"x.{fmt.lower()}")
    assert removed == (["EXIF GPS location", "EXIF (1 tags)"] if fmt == "WEBP" else ["comment"])
    with Image.open(io.BytesIO(clean)) as after:
        assert after.format == fmt
        assert not after.getexif()
        assert "comment" not in after.info
    assert b"Maria" not in clean


def test_screen_image_needs_attestation_and_returns_clean_bytes():
    result = screen_file(make_jpeg_with_gps(), "Maria Lopez face.jpg", scanner=fake_scan)
    assert result.kind == "image"
    assert result.needs_attestation is True
    assert result.attestation_text == files.ATTESTATION_TEXT
    assert "EXIF GPS location" in result.removed_metadata
    with Image.open(io.BytesIO(result.clean_bytes)) as after:
        assert not after.getexif()
    assert [(p.where, len(p.findings)) for p in result.parts] == [("file name", 1)]


# --- Errors -----------------------------------------------------------------------------------


def test_unknown_type_is_unsupported():
    with pytest.raises(UnsupportedFileError, match="not a supported file type"):
        extract_text(b"just some text", "notes.txt")


def test_legacy_word_file_asks_for_docx():
    with pytest.raises(UnsupportedFileError, match=r"save it as \.docx"):
        extract_text(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old.doc")


def test_zip_that_is_not_office_is_unsupported():
    out = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("readme.txt", "hello")
    with pytest.raises(UnsupportedFileError, match="not a Word"):
        extract_text(out.getvalue(), "case.docx")


def test_corrupt_pdf_is_reported():
    with pytest.raises(CorruptFileError, match="Could not read the PDF 'bad.pdf'"):
        extract_text(b"%PDF-1.4\n1 0 obj << /Type /Catalog", "bad.pdf")


def test_truncated_docx_is_reported():
    data = make_docx()
    with pytest.raises(CorruptFileError):
        extract_text(data[: len(data) // 2], "case.docx")


def test_named_as_image_but_not_one_is_corrupt():
    with pytest.raises(CorruptFileError, match="named .jpg but its content is not .jpg"):
        strip_image_metadata(b"not an image at all", "photo.jpg")


def test_truncated_jpeg_is_corrupt():
    with pytest.raises(CorruptFileError):
        strip_image_metadata(make_jpeg_with_gps()[:200], "photo.jpg")


def test_file_over_limit_is_refused(monkeypatch):
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 1000)
    with pytest.raises(FileTooLargeError, match="limit is 0 MB"):
        extract_text(make_pdf() + b"\0" * 1000, "big.pdf")


def test_empty_file_is_refused():
    with pytest.raises(PhiInputError, match="empty"):
        screen_file(b"", "case.pdf", scanner=fake_scan)


def test_errors_share_one_base_class():
    assert issubclass(UnsupportedFileError, PhiInputError)
    assert issubclass(CorruptFileError, PhiInputError)
    assert issubclass(FileTooLargeError, PhiInputError)
    assert issubclass(PhiInputError, ValueError)


def test_screen_file_uses_allteach_phi_scan_by_default():
    phi = pytest.importorskip("allteach.phi")
    if not hasattr(phi, "scan"):
        pytest.skip("allteach.phi.scan not written yet")
    result = screen_file(make_pdf(), "referral.pdf")
    page = next(p for p in result.parts if p.where == "page 1")
    covered = {i for f in page.findings for i in range(f.start, f.end)}
    assert set(range(8, 19)) <= covered  # "Maria Lopez"
