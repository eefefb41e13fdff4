"""Plain data types shared by every layer of the PHI engine."""

from dataclasses import dataclass

LABELS: tuple[str, ...] = (
    "NAME",
    "GEOGRAPHIC",
    "DATE",
    "PHONE",
    "FAX",
    "EMAIL",
    "SSN",
    "MRN",
    "HEALTH_PLAN",
    "ACCOUNT",
    "LICENSE",
    "VEHICLE",
    "DEVICE",
    "URL",
    "IP",
    "BIOMETRIC",
    "PHOTO",
    "OTHER_ID",
)

# Case text is at most a few pages; a megabyte of text is an upload mistake or an attack.
MAX_CHARS = 1_000_000


class PhiInputError(ValueError):
    """Raised when input cannot be screened (not text, not UTF-8, or too large)."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One suspected identifier: offsets index the original string, end exclusive."""

    start: int
    end: int
    label: str
    confidence: float
    reason: str

    def text_in(self, text: str) -> str:
        return text[self.start : self.end]

    def as_dict(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "confidence": round(self.confidence, 2),
            "reason": self.reason,
        }
