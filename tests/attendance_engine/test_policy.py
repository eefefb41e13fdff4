import pytest

from allteach.attendance_engine import counts


@pytest.mark.parametrize(
    ("minutes", "min_minutes", "min_percent", "expected"),
    [
        (1, None, None, True),
        (0, None, None, False),
        (0, 0, None, False),
        (30, 30, None, True),
        (29.99, 30, None, False),
        (45, None, 75, True),  # exactly 75 % of 60
        (44.99, None, 75, False),
        (45, 50, 75, False),  # both thresholds must hold
        (50, 50, 75, True),
        (60, None, 100, True),
    ],
)
def test_counts(minutes, min_minutes, min_percent, expected):
    assert counts(minutes, 60, min_minutes=min_minutes, min_percent=min_percent) is expected


@pytest.mark.parametrize(
    ("session_minutes", "min_minutes", "min_percent"),
    [(60, -1, None), (60, None, 101), (60, None, -5), (0, None, 50)],
)
def test_counts_rejects_nonsense(session_minutes, min_minutes, min_percent):
    with pytest.raises(ValueError):
        counts(30, session_minutes, min_minutes=min_minutes, min_percent=min_percent)
