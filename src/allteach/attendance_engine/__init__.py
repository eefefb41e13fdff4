"""Attendance engine: read provider reports, merge connections, match registrations.

Plain data in, plain data out; no Django, standard library only.
"""

from . import zoom_csv
from .matching import match
from .merging import merge
from .names import canonical_email, normalise_name
from .policy import counts
from .reconciliation import reconcile
from .records import (
    AttendanceRow,
    MatchResult,
    ParsedReport,
    PersonAttendance,
    ProviderRecord,
    Registrant,
)
from .zoom_csv import ZoomCsvError

__all__ = [
    "AttendanceRow",
    "MatchResult",
    "ParsedReport",
    "PersonAttendance",
    "ProviderRecord",
    "Registrant",
    "ZoomCsvError",
    "canonical_email",
    "counts",
    "match",
    "merge",
    "normalise_name",
    "reconcile",
    "zoom_csv",
]
