"""Screen text and uploads for PHI with `allteach.phi`; results are returned, never stored."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from allteach import phi
from allteach.phi import files as phi_files

#: Longest text one request may screen (the engine's own limit is higher).
MAX_TEXT_CHARS = 200_000


@dataclass(frozen=True)
class Segment:
    """A run of the original text, flagged or not, for highlighting."""

    text: str
    finding: phi.Finding | None = None


def text_screen(*, text: str) -> list[phi.Finding]:
    """Find identifiers in text; raise ValidationError for input the engine refuses."""
    if len(text) > MAX_TEXT_CHARS:
        raise ValidationError(
            {
                "text": f"The text has {len(text):,} characters; screen at most {MAX_TEXT_CHARS:,} at once."
            }
        )
    try:
        return phi.scan(text)
    except phi.PhiInputError as error:
        raise ValidationError({"text": str(error)})


def text_redact(*, text: str, style: str = "placeholder") -> str:
    if style not in phi.STYLES:
        raise ValidationError({"style": f"Use one of: {', '.join(phi.STYLES)}."})
    return phi.redact(text, text_screen(text=text), style)


def segments(text: str, findings: list[phi.Finding]) -> list[Segment]:
    """Split text into plain and flagged runs (overlaps resolved by the earliest finding)."""
    result, position = [], 0
    for finding in sorted(findings, key=lambda f: (f.start, -f.end)):
        if finding.start < position:
            continue
        if finding.start > position:
            result.append(Segment(text[position : finding.start]))
        result.append(Segment(text[finding.start : finding.end], finding))
        position = finding.end
    if position < len(text):
        result.append(Segment(text[position:]))
    return result


def file_screen(*, data: bytes, filename: str) -> phi_files.FileScreenResult:
    """Extract and screen a PDF, DOCX, PPTX or image; images come back without metadata."""
    try:
        return phi_files.screen_file(data, filename)
    except phi.PhiInputError as error:
        raise ValidationError({"file": str(error)})
