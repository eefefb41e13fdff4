"""Screen uploaded case files for PHI: extract every text a file carries, strip image metadata.

Pure engine (no Django). Supported: PDF, DOCX, PPTX (text, tables, notes, comments, headers and
footers, document properties) and JPEG, PNG, WebP and GIF images (pixels re-encoded, metadata
dropped). Images, and documents that embed images, always need the presenter's attestation that
no face or identifying mark is shown, because no text scan can see that.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

# The engine's input error, so callers catch one class for text and files alike.
from allteach.phi.model import PhiInputError

MAX_FILE_BYTES = 25 * 1024 * 1024
"""Largest upload accepted (25 MiB); larger files are refused before any parsing."""

MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
"""Largest total uncompressed size of a DOCX/PPTX package, so a zip bomb is refused unopened."""

MAX_IMAGE_PIXELS = 50_000_000
"""Largest image accepted (about 8,000 x 6,000); Pillow's decompression-bomb guard uses this."""

ATTESTATION_TEXT = (
    "Confirm that this image shows no face, tattoo, birthmark, name badge, screen or other "
    "mark that could identify the patient."
)


class UnsupportedFileError(PhiInputError):
    """The file is not a PDF, DOCX, PPTX, JPEG, PNG, WebP or GIF."""


class CorruptFileError(PhiInputError):
    """The file claims a supported type but cannot be read."""


class FileTooLargeError(PhiInputError):
    """The file is over MAX_FILE_BYTES (or unpacks to more than MAX_UNZIPPED_BYTES)."""


@dataclass(frozen=True)
class TextPart:
    """One piece of text and where in the file it came from ("slide 3 notes", "core property author")."""

    where: str
    text: str


@dataclass(frozen=True)
class ExtractedDocument:
    kind: str  # "pdf", "docx", "pptx", "image"
    parts: list[TextPart]
    embedded_images: int = 0

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.parts)


@dataclass(frozen=True)
class PartFindings:
    where: str
    text: str
    findings: list[Any]


@dataclass(frozen=True)
class FileScreenResult:
    kind: str
    parts: list[PartFindings]
    needs_attestation: bool
    clean_bytes: bytes | None = None
    removed_metadata: list[str] = field(default_factory=list)
    attestation_text: str | None = None

    @property
    def has_findings(self) -> bool:
        return any(p.findings for p in self.parts)

    @property
    def findings_count(self) -> int:
        return sum(len(p.findings) for p in self.parts)


# ---------------------------------------------------------------------------------------------
# Type detection
# ---------------------------------------------------------------------------------------------

_EXTENSIONS = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".pptx": "pptx",
    ".jpg": "image",
    ".jpeg": "image",
    ".png": "image",
    ".webp": "image",
    ".gif": "image",
}
_LEGACY = {".doc": "Word 97-2003 (.doc)", ".ppt": "PowerPoint 97-2003 (.ppt)"}


def _check_size(data: bytes) -> None:
    if not data:
        raise PhiInputError("The file is empty.")
    if len(data) > MAX_FILE_BYTES:
        raise FileTooLargeError(
            f"The file is {len(data) / 1024 / 1024:.1f} MB; the limit is "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB."
        )


def detect_kind(data: bytes, filename: str) -> str:
    """Return "pdf", "docx", "pptx" or "image", judged by content first and the name second."""
    suffix = PurePath(filename or "").suffix.lower()
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data[:3] == b"\xff\xd8\xff" or data[:8] == b"\x89PNG\r\n\x1a\n":
        return "image"
    if data[:6] in (b"GIF87a", b"GIF89a") or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        return "image"
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
        except zipfile.BadZipFile as exc:
            raise CorruptFileError(f"{filename!r} is a damaged ZIP package: {exc}.")
        if "word/document.xml" in names:
            return "docx"
        if "ppt/presentation.xml" in names:
            return "pptx"
        raise UnsupportedFileError(
            f"{filename!r} is a ZIP package but not a Word (.docx) or PowerPoint (.pptx) file."
        )
    if suffix in _LEGACY:
        raise UnsupportedFileError(
            f"{_LEGACY[suffix]} files are not supported; save it as {suffix}x and upload again."
        )
    if suffix in _EXTENSIONS:
        raise CorruptFileError(f"{filename!r} is named {suffix} but its content is not {suffix}.")
    raise UnsupportedFileError(
        f"{filename!r} is not a supported file type (PDF, DOCX, PPTX, JPEG, PNG, WebP or GIF)."
    )


# ---------------------------------------------------------------------------------------------
# Text extraction
# ---------------------------------------------------------------------------------------------


def _add(parts: list[TextPart], where: str, text: str | None) -> None:
    if text is not None and text.strip():
        parts.append(TextPart(where=where, text=text.strip()))


_CORE_PROPERTIES = (
    "author",
    "last_modified_by",
    "title",
    "subject",
    "keywords",
    "comments",
    "category",
    "content_status",
    "identifier",
    "language",
    "version",
)


def _core_property_parts(core: Any, parts: list[TextPart]) -> None:
    for name in _CORE_PROPERTIES:
        value = getattr(core, name, None)
        if isinstance(value, str):
            _add(parts, f"document property {name}", value)


_XML_TEXT = re.compile(r"<(?:\w+:)?(?:t|text)(?:\s[^>]*)?>([^<]*)</(?:\w+:)?(?:t|text)>")
_XML_ATTR_NAME = re.compile(r'\s(?:\w+:)?(?:name|author|initials)="([^"]*)"')
_APP_FIELDS = re.compile(r"<(Company|Manager|HyperlinkBase)>([^<]*)</\1>")
_CUSTOM_VALUES = re.compile(
    r'<property\b[^>]*\bname="([^"]*)"[^>]*>\s*<vt:(?:lpwstr|lpstr|bstr)>([^<]*)</vt:', re.S
)


def _unescape(text: str) -> str:
    return (
        text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&amp;", "&")
    )


def _zip_parts(data: bytes, filename: str) -> dict[str, bytes]:
    """Read the package's XML parts, refusing packages that would unpack to too much."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            if sum(i.file_size for i in infos) > MAX_UNZIPPED_BYTES:
                raise FileTooLargeError(
                    f"{filename!r} unpacks to more than {MAX_UNZIPPED_BYTES // 1024 // 1024} MB."
                )
            return {i.filename: zf.read(i) for i in infos if i.filename.endswith((".xml", ".rels"))}
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise CorruptFileError(f"{filename!r} is a damaged package: {exc}.")


def _package_extras(xml_parts: dict[str, bytes], parts: list[TextPart], prefix: str) -> None:
    """Company/manager, custom properties, comments and foot/endnotes that the libraries skip."""
    app = xml_parts.get("docProps/app.xml", b"").decode("utf-8", "replace")
    for name, value in _APP_FIELDS.findall(app):
        _add(parts, f"document property {name.lower()}", _unescape(value))
    custom = xml_parts.get("docProps/custom.xml", b"").decode("utf-8", "replace")
    for name, value in _CUSTOM_VALUES.findall(custom):
        _add(parts, f"custom property {_unescape(name)}", _unescape(value))
    for name in sorted(xml_parts):
        if not name.startswith(prefix) or name.endswith(".rels"):
            continue
        base = PurePath(name).stem
        lower = name.lower()
        xml = xml_parts[name].decode("utf-8", "replace")
        if "commentauthors" in lower or lower.endswith(("/people.xml", "/authors.xml")):
            names = sorted(set(_XML_ATTR_NAME.findall(xml)))
            _add(parts, "comment authors", "\n".join(_unescape(n) for n in names))
        elif "comment" in lower or base in ("footnotes", "endnotes"):
            text = " ".join(_unescape(t) for t in _XML_TEXT.findall(xml))
            if "comment" in lower:
                authors = sorted(set(_XML_ATTR_NAME.findall(xml)))
                _add(parts, f"{base} authors", "\n".join(_unescape(a) for a in authors))
            _add(parts, base, text)


def _docx_table_text(table: Any) -> str:
    rows = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            inner = [cell.text] + [_docx_table_text(t) for t in cell.tables]
            cells.append(" ".join(t for t in inner if t))
        rows.append("\t".join(cells))
    return "\n".join(rows)


_HEADER_FOOTER_STORIES = (
    "header",
    "first_page_header",
    "even_page_header",
    "footer",
    "first_page_footer",
    "even_page_footer",
)


def _extract_docx(data: bytes, filename: str) -> ExtractedDocument:
    import docx
    from docx.oxml.ns import qn

    xml_parts = _zip_parts(data, filename)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for a damaged package
        raise CorruptFileError(f"Could not read the Word file {filename!r}: {exc}.")
    parts: list[TextPart] = []
    _add(parts, "body", "\n".join(p.text for p in document.paragraphs))
    for i, table in enumerate(document.tables, start=1):
        _add(parts, f"table {i}", _docx_table_text(table))
    boxes = document.element.body.iter(qn("w:txbxContent"))
    box_text = ["".join(t.text or "" for t in box.iter(qn("w:t"))) for box in boxes]
    _add(parts, "text boxes", "\n".join(box_text))
    for s, section in enumerate(document.sections, start=1):
        for story in _HEADER_FOOTER_STORIES:
            hf = getattr(section, story)
            if hf.is_linked_to_previous:
                continue
            texts = [p.text for p in hf.paragraphs] + [_docx_table_text(t) for t in hf.tables]
            _add(parts, f"section {s} {story.replace('_', ' ')}", "\n".join(texts))
    _package_extras(xml_parts, parts, "word/")
    _core_property_parts(document.core_properties, parts)
    images = sum(1 for n in _zip_names(data) if n.startswith("word/media/"))
    return ExtractedDocument(kind="docx", parts=parts, embedded_images=images)


def _zip_names(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.namelist()


def _pptx_shape_text(shape: Any) -> Iterable[str]:
    if hasattr(shape, "shapes"):
        for inner in shape.shapes:  # group shape
            yield from _pptx_shape_text(inner)
        return
    if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
        yield shape.text_frame.text
    if getattr(shape, "has_table", False) and shape.has_table:
        for row in shape.table.rows:
            yield "\t".join(cell.text for cell in row.cells)
    if getattr(shape, "has_chart", False) and shape.has_chart:
        chart = shape.chart
        if chart.has_title and chart.chart_title.has_text_frame:
            yield chart.chart_title.text_frame.text


# Date and slide-number fields hold text the program filled in, not anything a person typed.
_FIELD = re.compile(r"<a:fld\b.*?</a:fld>", re.S)
_MASTER_PROMPT = re.compile(r"^(Click to edit .*|(Second|Third|Fourth|Fifth) level|‹#›|\d+)$")


def _extract_pptx(data: bytes, filename: str) -> ExtractedDocument:
    import pptx

    xml_parts = _zip_parts(data, filename)
    try:
        presentation = pptx.Presentation(io.BytesIO(data))
    except Exception as exc:  # python-pptx raises many types for a damaged package
        raise CorruptFileError(f"Could not read the PowerPoint file {filename!r}: {exc}.")
    parts: list[TextPart] = []
    for n, slide in enumerate(presentation.slides, start=1):
        texts = [t for shape in slide.shapes for t in _pptx_shape_text(shape)]
        _add(parts, f"slide {n}", "\n".join(texts))
        if slide.has_notes_slide:
            _add(parts, f"slide {n} notes", slide.notes_slide.notes_text_frame.text)
    for master in sorted(n for n in xml_parts if n.startswith("ppt/slideMasters/")):
        if master.endswith(".xml"):
            # Masters hold prompt text; only what someone typed there (a clinic footer) matters.
            xml = _FIELD.sub("", xml_parts[master].decode("utf-8", "replace"))
            texts = [_unescape(t) for t in _XML_TEXT.findall(xml)]
            typed = [t for t in texts if t.strip() and not _MASTER_PROMPT.match(t)]
            _add(parts, f"master {PurePath(master).stem}", "\n".join(typed))
    _package_extras(xml_parts, parts, "ppt/")
    _core_property_parts(presentation.core_properties, parts)
    images = sum(1 for n in _zip_names(data) if n.startswith("ppt/media/"))
    return ExtractedDocument(kind="pptx", parts=parts, embedded_images=images)


def _extract_pdf(data: bytes, filename: str) -> ExtractedDocument:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise PhiInputError(
                f"{filename!r} is password-protected; remove the password and upload again."
            )
        parts: list[TextPart] = []
        images = 0
        for n, page in enumerate(reader.pages, start=1):
            _add(parts, f"page {n}", page.extract_text())
            notes = []
            for annot in page.get("/Annots") or []:
                obj = annot.get_object()
                for key in ("/Contents", "/T"):
                    if obj.get(key):
                        notes.append(str(obj[key]))
            _add(parts, f"page {n} comments", "\n".join(notes))
            resources = page.get("/Resources")
            xobjects = resources.get_object().get("/XObject") if resources else None
            if xobjects:
                for ref in xobjects.get_object().values():
                    if ref.get_object().get("/Subtype") == "/Image":
                        images += 1
        fields = reader.get_fields() or {}
        form = [f"{name}: {f.get('/V')}" for name, f in fields.items() if f.get("/V")]
        _add(parts, "form fields", "\n".join(form))
        meta = reader.metadata or {}
        for key in ("/Author", "/Title", "/Subject", "/Keywords", "/Creator", "/Producer"):
            value = meta.get(key)
            if value:
                _add(parts, f"document property {key[1:].lower()}", str(value))
    except PhiInputError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise CorruptFileError(f"Could not read the PDF {filename!r}: {exc}.")
    return ExtractedDocument(kind="pdf", parts=parts, embedded_images=images)


def extract_text(data: bytes, filename: str) -> ExtractedDocument:
    """Return every piece of text in the file, each with where it came from.

    The file name is always the first part: names like "maria_lopez_mri.pdf" leak PHI too.
    Images carry no text part besides the name.
    """
    _check_size(data)
    kind = detect_kind(data, filename)
    name_part = [TextPart(where="file name", text=filename)] if filename else []
    if kind == "pdf":
        doc = _extract_pdf(data, filename)
    elif kind == "docx":
        doc = _extract_docx(data, filename)
    elif kind == "pptx":
        doc = _extract_pptx(data, filename)
    else:
        _open_image(data, filename).close()
        doc = ExtractedDocument(kind="image", parts=[], embedded_images=1)
    return ExtractedDocument(
        kind=doc.kind, parts=name_part + doc.parts, embedded_images=doc.embedded_images
    )


# ---------------------------------------------------------------------------------------------
# Images
# ---------------------------------------------------------------------------------------------

_IMAGE_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WEBP", "GIF": "GIF"}
_EXIF_NAMES = {
    0x010F: "camera make",
    0x0110: "camera model",
    0x0131: "software",
    0x0132: "date and time",
    0x013B: "artist",
    0x8298: "copyright",
    0x010E: "image description",
    0x9C9B: "Windows title",
    0x9C9C: "Windows comment",
    0x9C9D: "Windows author",
    0xA430: "camera owner name",
    0xA431: "camera serial number",
    0x0112: "orientation",
}
_GPS_IFD = 0x8825
_EXIF_IFD = 0x8769


def _open_image(data: bytes, filename: str) -> Any:
    from PIL import Image, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise FileTooLargeError(
            f"{filename!r} has more than {MAX_IMAGE_PIXELS:,} pixels; resize it and upload again."
        )
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise CorruptFileError(f"Could not read the image {filename!r}: {exc}.")
    if image.format not in _IMAGE_FORMATS:
        raise UnsupportedFileError(
            f"{filename!r} is a {image.format} image; use JPEG, PNG, WebP or GIF."
        )
    return image


def _describe_metadata(image: Any) -> list[str]:
    """Name each kind of metadata present, so the presenter sees what was taken out."""
    removed: list[str] = []
    exif = image.getexif()
    if exif:
        if exif.get_ifd(_GPS_IFD) or _GPS_IFD in exif:
            removed.append("EXIF GPS location")
        names = sorted({_EXIF_NAMES[t] for t in exif if t in _EXIF_NAMES})
        sub = exif.get_ifd(_EXIF_IFD)
        if sub:
            names = sorted(set(names) | {_EXIF_NAMES[t] for t in sub if t in _EXIF_NAMES})
            if any(t in sub for t in (0x9003, 0x9004)):
                names = sorted(set(names) | {"date taken"})
        removed.append(
            f"EXIF ({len(exif) + len(sub)} tags{': ' + ', '.join(names) if names else ''})"
        )
    info = image.info
    if info.get("xmp") or info.get("XML:com.adobe.xmp"):
        removed.append("XMP")
    if info.get("icc_profile"):
        removed.append("ICC colour profile")
    if info.get("comment"):
        removed.append("comment")
    if getattr(image, "applist", None):
        for marker, _ in image.applist:
            if marker not in ("APP0", "APP1", "APP2") and f"{marker} segment" not in removed:
                removed.append(f"{marker} segment")
    text = getattr(image, "text", None) if image.format == "PNG" else None
    for key in sorted(text or {}):
        if key != "XML:com.adobe.xmp":
            removed.append(f"PNG text chunk {key!r}")
    if info.get("photoshop"):
        removed.append("Photoshop/IPTC resources")
    return removed


def _pixels_only(frame: Any) -> Any:
    """A new image with the same pixels and none of the source's metadata."""
    from PIL import Image

    clean = Image.frombytes(frame.mode, frame.size, frame.tobytes())
    if frame.mode in ("P", "PA"):
        clean.putpalette(frame.getpalette())
    return clean


def strip_image_metadata(data: bytes, filename: str) -> tuple[bytes, list[str]]:
    """Re-encode the pixels only; return the clean bytes and a list of what was removed.

    The EXIF orientation is applied to the pixels first, so the picture still shows upright.
    JPEG and lossy WebP are re-encoded at quality 95.
    """
    from PIL import ImageOps, ImageSequence

    _check_size(data)
    if detect_kind(data, filename) != "image":
        raise UnsupportedFileError(f"{filename!r} is not a JPEG, PNG, WebP or GIF image.")
    image = _open_image(data, filename)
    fmt = _IMAGE_FORMATS[image.format]
    removed = _describe_metadata(image)
    out = io.BytesIO()
    try:
        frames = getattr(image, "n_frames", 1)
        if frames > 1:
            clean_frames, durations = [], []
            for frame in ImageSequence.Iterator(image):
                durations.append(frame.info.get("duration", 100))
                clean_frames.append(_pixels_only(frame.convert("RGBA")))
            save_kwargs: dict[str, Any] = {"save_all": True, "append_images": clean_frames[1:]}
            save_kwargs["duration"] = durations
            save_kwargs["loop"] = image.info.get("loop", 0)
            if fmt == "WEBP":
                save_kwargs["lossless"] = True
            clean_frames[0].save(out, format=fmt, **save_kwargs)
        else:
            upright = ImageOps.exif_transpose(image) or image
            clean = _pixels_only(upright)
            kwargs: dict[str, Any] = {}
            if fmt in ("JPEG", "WEBP"):
                kwargs = {"quality": 95}
            if "transparency" in image.info and fmt in ("PNG", "GIF"):
                kwargs["transparency"] = image.info["transparency"]
            clean.save(out, format=fmt, **kwargs)
    except (OSError, ValueError) as exc:
        raise CorruptFileError(f"Could not re-encode the image {filename!r}: {exc}.")
    finally:
        image.close()
    return out.getvalue(), removed


# ---------------------------------------------------------------------------------------------
# Screening
# ---------------------------------------------------------------------------------------------

Scanner = Callable[[str], Sequence[Any]]


def _default_scanner() -> Scanner:
    # Imported here so this module loads (and extracts text) even where the detector is absent.
    from allteach.phi import scan

    return scan


def screen_file(data: bytes, filename: str, *, scanner: Scanner | None = None) -> FileScreenResult:
    """Extract the file's text and scan each part; strip metadata from images.

    ``clean_bytes`` is the metadata-free image for images and None for documents (documents are
    rejected or edited by the presenter, never silently rewritten).
    """
    document = extract_text(data, filename)
    scan = scanner or _default_scanner()
    parts = [PartFindings(p.where, p.text, list(scan(p.text))) for p in document.parts]
    clean_bytes = None
    removed: list[str] = []
    if document.kind == "image":
        clean_bytes, removed = strip_image_metadata(data, filename)
    needs_attestation = document.embedded_images > 0
    return FileScreenResult(
        kind=document.kind,
        parts=parts,
        needs_attestation=needs_attestation,
        clean_bytes=clean_bytes,
        removed_metadata=removed,
        attestation_text=ATTESTATION_TEXT if needs_attestation else None,
    )
