"""PHI detection engine: find and redact the 18 HIPAA Safe Harbor identifiers in case text.

Plain Python with no Django import; every word list it needs ships in ``data/``.
"""

from .engine import decode, scan, scan_bytes
from .model import LABELS, MAX_CHARS, Finding, PhiInputError
from .redact import STYLES, redact

__all__ = [
    "LABELS",
    "MAX_CHARS",
    "STYLES",
    "Finding",
    "PhiInputError",
    "decode",
    "redact",
    "scan",
    "scan_bytes",
]
