"""Names (people and employers) and places, with eponyms, drugs, roles and states beside them."""

import pytest

from allteach.phi import scan


def spans(text: str, label: str) -> list[str]:
    return [text[f.start : f.end] for f in scan(text) if f.label == label]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Mrs. Yazzie is here", "Yazzie"),
        ("Seen by Dr. Ramirez today", "Ramirez"),
        ("Her daughter, Maria Begay, helps", "Maria Begay"),
        ("his father Tomasz called", "Tomasz"),
        ("Lopez, Juan is a 40 yo man", "Lopez, Juan"),
        ("Maria Tsinajinnie, FNP, presented", "Maria Tsinajinnie"),
        ("Ngozi Okonkwo emails the clinic", "Ngozi Okonkwo"),
        ("Siobhán, age 93, with PTSD", "Siobhán"),
        ("José Nuñez returned", "José Nuñez"),
        ("pt Nguyễn Văn An was seen", "Nguyễn Văn An"),
        ("visit with 김민준 today", "김민준"),
        ("visit with 王芳 today", "王芳"),
        ("visit with Иван Петров today", "Иван Петров"),
        ("Her aunt محمد الأحمد called", "محمد الأحمد"),
        ("Mr. Van der Berg works nights", "Van der Berg"),
        ("She works at Peabody Coal and likes it", "Peabody Coal"),
        ("PT JOHN SMITH SEEN TODAY", "JOHN SMITH"),
        ("pt maria lopez was seen", "maria lopez"),
    ],
)
def test_name_found(text, name):
    assert any(name in s for s in spans(text, "NAME")), scan(text)


def test_every_mention_of_a_found_name_is_flagged():
    text = "Mrs. Tsosie came in. Later Tsosie said the pain was better."
    assert spans(text, "NAME") == ["Mrs. Tsosie", "Tsosie"]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("She lives in Tohatchi with family", "Tohatchi"),
        ("from Chinle originally", "Chinle"),
        ("Lives in McKinley County", "McKinley County"),
        ("Meetings at Tohatchi Chapter House weekly", "Tohatchi Chapter House"),
        ("Seen at Gallup Indian Medical Center", "Gallup Indian Medical Center"),
        ("drives to Holy Cross Hospital in Taos for care", "Holy Cross Hospital in Taos"),
        ("drives to La Clínica de Familia for care", "La Clínica de Familia"),
        ("Attends Zuni High School", "Zuni High School"),
        ("moved to Truth or Consequences last year", "Truth or Consequences"),
    ],
)
def test_place_found(text, place):
    assert any(place in s for s in spans(text, "GEOGRAPHIC")), scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "No history of Wilson disease; Parkinson disease in father.",
        "Started Harvoni, then Epclusa; Suboxone 16 mg daily.",
        "The PCP and her cardiologist agree; the school counselor called.",
        "Insurance in New Mexico now covers it; moved from Arizona.",
        "Glasgow Coma Scale 14; Child-Pugh A; Down syndrome.",
        "Referred to the Diabetes Clinic and the Pain Clinic.",
        "She speaks Navajo and Spanish at home.",
        "Lewy body dementia; Hashimoto thyroiditis; Bell palsy.",
    ],
)
def test_clinical_words_not_flagged(text):
    assert scan(text) == [], scan(text)
