"""Validators for profile fields: NPI (Luhn), birth date MMDD, time zones, ZIP codes."""

import re
import zoneinfo

from django.core.exceptions import ValidationError


def npi_is_valid(npi: str) -> bool:
    """Check a 10-digit NPI with the Luhn algorithm over the 80840 prefix (CMS standard)."""
    if not re.fullmatch(r"\d{10}", npi or ""):
        return False
    digits = [int(ch) for ch in "80840" + npi[:9]]
    total = 0
    for index, digit in enumerate(reversed(digits)):
        if index % 2 == 0:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return (10 - total % 10) % 10 == int(npi[9])


def validate_npi(value: str) -> None:
    if value and not npi_is_valid(value):
        raise ValidationError(
            "This is not a valid NPI: it must be 10 digits with a correct check digit."
        )


def validate_birth_mmdd(value: str) -> None:
    if not value:
        return
    match = re.fullmatch(r"(\d{2})(\d{2})", value)
    days = {1: 31, 2: 29, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}
    if (
        not match
        or not (1 <= int(match[1]) <= 12)
        or not (1 <= int(match[2]) <= days[int(match[1])])
    ):
        raise ValidationError("Enter the birth month and day as MMDD, for example 0714.")


def validate_timezone(value: str) -> None:
    if not value:
        return
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            f"“{value}” is not a known IANA time zone (for example America/Denver)."
        )


def validate_us_zip(value: str) -> None:
    if value and not re.fullmatch(r"\d{5}(-\d{4})?", value):
        raise ValidationError("Enter a 5-digit ZIP code.")


def validate_nabp_eprofile(value: str) -> None:
    if value and not re.fullmatch(r"\d{6,7}", value):
        raise ValidationError("An NABP e-Profile ID has 6 or 7 digits.")
