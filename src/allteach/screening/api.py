"""API: screen text or a file for PHI; nothing is stored."""

from ninja import File, Router, Schema
from ninja.files import UploadedFile

from allteach.core.access import access
from allteach.screening import services

router = Router(tags=["PHI screening"])


class TextIn(Schema):
    text: str


class RedactIn(TextIn):
    style: str = "placeholder"


class FindingOut(Schema):
    start: int
    end: int
    label: str
    confidence: float
    reason: str
    text: str


class ScanOut(Schema):
    findings: list[FindingOut]


class RedactOut(Schema):
    text: str


class PartOut(Schema):
    where: str
    findings: list[FindingOut]


class FileScanOut(Schema):
    kind: str
    parts: list[PartOut]
    needs_attestation: bool
    attestation_text: str | None
    removed_metadata: list[str]


def _out(text: str, findings) -> list[FindingOut]:
    return [
        FindingOut(
            start=f.start,
            end=f.end,
            label=f.label,
            confidence=f.confidence,
            reason=f.reason,
            text=text[f.start : f.end],
        )
        for f in findings
    ]


@router.post("/phi/scan", response=ScanOut)
@access("authenticated")
def phi_scan(request, payload: TextIn):
    """Find the 18 Safe Harbor identifiers; offsets are Python string offsets into `text`."""
    return ScanOut(findings=_out(payload.text, services.text_screen(text=payload.text)))


@router.post("/phi/redact", response=RedactOut)
@access("authenticated")
def phi_redact(request, payload: RedactIn):
    return RedactOut(text=services.text_redact(text=payload.text, style=payload.style))


@router.post("/phi/scan-file", response=FileScanOut)
@access("authenticated")
def phi_scan_file(request, file: File[UploadedFile]):
    """Screen a PDF, DOCX, PPTX (slide notes and properties included) or image."""
    result = services.file_screen(data=file.read(), filename=file.name or "upload")
    return FileScanOut(
        kind=result.kind,
        parts=[PartOut(where=p.where, findings=_out(p.text, p.findings)) for p in result.parts],
        needs_attestation=result.needs_attestation,
        attestation_text=result.attestation_text,
        removed_metadata=result.removed_metadata,
    )
