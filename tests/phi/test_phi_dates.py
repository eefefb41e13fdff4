"""Dates more specific than a year and ages over 89; clinical numbers stay untouched."""

import pytest

from allteach.phi import scan


def dates_in(text: str) -> list[str]:
    return [text[f.start : f.end] for f in scan(text) if f.label == "DATE"]


@pytest.mark.parametrize(
    ("text", "piece"),
    [
        ("seen 3/14/2024 in clinic", "3/14/2024"),
        ("seen 3/14/24 in clinic", "3/14/24"),
        ("labs 2024-03-14 normal", "2024-03-14"),
        ("since March 14th, 2024", "March 14th, 2024"),
        ("on 14 Mar 2024", "14 Mar 2024"),
        ("on 14-Mar-2024", "14-Mar-2024"),
        ("since March of 2024", "March of 2024"),
        ("since Mar '24", "Mar '24"),
        ("on 14.3.2024", "14.3.2024"),
        ("since 3/2024", "3/2024"),
        ("seen on 3/14.", "3/14"),
        ("Ngozi's DOB is Dec. 13th.", "Dec. 13th"),
        ("DOB 03141950", "03141950"),
        ("Christmas 2023 was hard", "Christmas 2023"),
        ("a 92-year-old man", "92-year-old"),
        ("94 yo woman", "94 yo"),
        ("age 95, lives alone", "age 95"),
        ("now in her 90s", "in her 90s"),
        ("a nonagenarian", "nonagenarian"),
    ],
)
def test_date_found(text, piece):
    assert any(piece in d for d in dates_in(text)), dates_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "Apgar 8/9 at birth",
        "BP 120/80 today",
        "1/2 tab daily",
        "on 1/2 tab daily",
        "PHQ-9 of 14",
        "diagnosed in 2019",
        "a 45-year-old woman, 89 yo father",
        "she may be pregnant",
        "4/7 days of school",
        "MoCA 22/30",
    ],
)
def test_not_a_date(text):
    assert dates_in(text) == []


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("Seen in June for follow-up.", "June"),
        ("Started buprenorphine last March.", "March"),
        ("Visits every September and October.", "October"),
        ("Return visit planned for July.", "July"),
    ],
)
def test_a_month_on_its_own_is_a_date(text, month):
    assert ("DATE", month) in [(f.label, text[f.start : f.end]) for f in scan(text)]


@pytest.mark.parametrize(
    "text",
    [
        "May-Thurner syndrome noted.",
        "She may return.",
        "Pt will march in the parade.",
        "The March of Dimes.",
    ],
)
def test_month_words_that_are_not_dates(text):
    assert not [f for f in scan(text) if f.label == "DATE"]


def test_a_month_first_name_joins_the_surname():
    text = "June Begay called the clinic."
    assert [(f.label, text[f.start : f.end]) for f in scan(text)] == [("NAME", "June Begay")]


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("she's 102 and sharp as a tack", "102"),
        ("dad is 94.", "94"),
        ("grandma turned 91 in May", "91"),
    ],
)
def test_an_age_over_89_after_a_person_is_a_date(text, age):
    assert ("DATE", age) in [(f.label, text[f.start : f.end]) for f in scan(text)]


@pytest.mark.parametrize(
    "text", ["She is 95% adherent", "he was 98 kg", "pt is 90 days post-op", "HR 99 bpm"]
)
def test_numbers_after_a_person_that_are_not_ages(text):
    assert not [f for f in scan(text) if f.label == "DATE"]


def test_week_of_makes_a_month_day_a_date():
    text = "Follow-up scheduled for the week of 12/9."
    assert [text[f.start : f.end] for f in scan(text)] == ["12/9"]


def test_a_month_day_after_a_message_verb_is_a_date():
    text = "The teacher emailed 11/3 about the incident."
    assert [text[f.start : f.end] for f in scan(text) if f.label == "DATE"] == ["11/3"]
