"""Fixed reference data for the demo world: places, names, programs and curricula.

Everything here is plain data so the builder stays readable; nothing is read from disk at
run time. ZIP codes are real (checked against the USDA ERS 2010 ZIP RUCA table) and carry
their RUCA1 code, so reach reports get a realistic rural/urban mix (RUCA 4–10 is rural).
"""


def _words(text: str) -> list[str]:
    return text.split()


# (ZIP, state, town, time zone, RUCA1, tribal or IHS health facility or "")
NM_ZIPS = [
    ("87102", "NM", "Albuquerque", "America/Denver", 1, ""),
    ("87105", "NM", "Albuquerque", "America/Denver", 1, ""),
    ("87106", "NM", "Albuquerque", "America/Denver", 1, ""),
    ("87108", "NM", "Albuquerque", "America/Denver", 1, ""),
    ("87109", "NM", "Albuquerque", "America/Denver", 1, ""),
    ("87110", "NM", "Albuquerque", "America/Denver", 1, ""),
    ("87112", "NM", "Albuquerque", "America/Denver", 1, ""),
    ("87121", "NM", "Albuquerque", "America/Denver", 1, ""),
    ("87124", "NM", "Rio Rancho", "America/Denver", 1, ""),
    ("87144", "NM", "Rio Rancho", "America/Denver", 1, ""),
    ("87004", "NM", "Bernalillo", "America/Denver", 1, ""),
    ("87031", "NM", "Los Lunas", "America/Denver", 2, ""),
    ("87002", "NM", "Belen", "America/Denver", 2, ""),
    ("87035", "NM", "Moriarty", "America/Denver", 2, ""),
    ("87016", "NM", "Estancia", "America/Denver", 2, ""),
    ("87501", "NM", "Santa Fe", "America/Denver", 1, ""),
    ("87505", "NM", "Santa Fe", "America/Denver", 1, ""),
    ("87507", "NM", "Santa Fe", "America/Denver", 1, ""),
    ("87506", "NM", "Pojoaque", "America/Denver", 2, ""),
    ("87532", "NM", "Española", "America/Denver", 2, ""),
    ("87566", "NM", "Ohkay Owingeh", "America/Denver", 2, "Ohkay Owingeh Tribal Health Clinic"),
    ("87544", "NM", "Los Alamos", "America/Denver", 8, ""),
    ("87571", "NM", "Taos", "America/Denver", 4, ""),
    ("87553", "NM", "Peñasco", "America/Denver", 10, ""),
    ("87556", "NM", "Questa", "America/Denver", 10, ""),
    ("87520", "NM", "Chama", "America/Denver", 10, ""),
    ("87575", "NM", "Tierra Amarilla", "America/Denver", 10, ""),
    ("87528", "NM", "Dulce", "America/Denver", 10, "Jicarilla Apache Service Unit"),
    ("87013", "NM", "Cuba", "America/Denver", 3, ""),
    ("87024", "NM", "Jemez Pueblo", "America/Denver", 10, "Jemez Health Center"),
    ("87701", "NM", "Las Vegas", "America/Denver", 4, ""),
    ("87732", "NM", "Mora", "America/Denver", 10, ""),
    ("87740", "NM", "Raton", "America/Denver", 7, ""),
    ("87747", "NM", "Springer", "America/Denver", 10, ""),
    ("88415", "NM", "Clayton", "America/Denver", 10, ""),
    ("88401", "NM", "Tucumcari", "America/Denver", 7, ""),
    ("88435", "NM", "Santa Rosa", "America/Denver", 7, ""),
    ("88101", "NM", "Clovis", "America/Denver", 4, ""),
    ("88130", "NM", "Portales", "America/Denver", 4, ""),
    ("88119", "NM", "Fort Sumner", "America/Denver", 10, ""),
    ("88201", "NM", "Roswell", "America/Denver", 4, ""),
    ("88210", "NM", "Artesia", "America/Denver", 4, ""),
    ("88220", "NM", "Carlsbad", "America/Denver", 4, ""),
    ("88240", "NM", "Hobbs", "America/Denver", 4, ""),
    ("88260", "NM", "Lovington", "America/Denver", 4, ""),
    ("88252", "NM", "Jal", "America/Denver", 10, ""),
    ("88310", "NM", "Alamogordo", "America/Denver", 4, ""),
    ("88345", "NM", "Ruidoso", "America/Denver", 7, ""),
    ("88340", "NM", "Mescalero", "America/Denver", 10, "Mescalero Indian Health Center"),
    ("88001", "NM", "Las Cruces", "America/Denver", 1, ""),
    ("88005", "NM", "Las Cruces", "America/Denver", 1, ""),
    ("88011", "NM", "Las Cruces", "America/Denver", 1, ""),
    ("88021", "NM", "Anthony", "America/Denver", 1, ""),
    ("88063", "NM", "Sunland Park", "America/Denver", 1, ""),
    ("87937", "NM", "Hatch", "America/Denver", 10, ""),
    ("88030", "NM", "Deming", "America/Denver", 4, ""),
    ("88045", "NM", "Lordsburg", "America/Denver", 10, ""),
    ("88061", "NM", "Silver City", "America/Denver", 4, ""),
    ("87901", "NM", "Truth or Consequences", "America/Denver", 7, ""),
    ("87801", "NM", "Socorro", "America/Denver", 7, ""),
    ("87825", "NM", "Magdalena", "America/Denver", 10, ""),
    ("87830", "NM", "Reserve", "America/Denver", 10, ""),
    ("87020", "NM", "Grants", "America/Denver", 4, ""),
    ("87026", "NM", "Laguna", "America/Denver", 1, "Laguna Pueblo Health Center"),
    ("87034", "NM", "Acoma", "America/Denver", 2, "Acoma-Cañoncito-Laguna Service Unit"),
    ("87301", "NM", "Gallup", "America/Denver", 4, "Gallup Indian Medical Center"),
    ("87313", "NM", "Crownpoint", "America/Denver", 10, "Crownpoint Health Care Facility"),
    ("87323", "NM", "Thoreau", "America/Denver", 10, "Thoreau Navajo Health Clinic"),
    ("87325", "NM", "Tohatchi", "America/Denver", 10, "Tohatchi Health Center"),
    ("87327", "NM", "Zuni", "America/Denver", 7, "Zuni Comprehensive Community Health Center"),
    ("87401", "NM", "Farmington", "America/Denver", 1, ""),
    ("87402", "NM", "Farmington", "America/Denver", 1, ""),
    ("87413", "NM", "Bloomfield", "America/Denver", 7, ""),
    ("87420", "NM", "Shiprock", "America/Denver", 7, "Northern Navajo Medical Center"),
]

# Neighbouring and far-away spokes; the Navajo Nation keeps daylight-saving time.
OTHER_ZIPS = [
    ("80204", "CO", "Denver", "America/Denver", 1, ""),
    ("81301", "CO", "Durango", "America/Denver", 4, ""),
    ("81321", "CO", "Cortez", "America/Denver", 7, ""),
    ("86511", "AZ", "St. Michaels", "America/Denver", 8, "St. Michaels Navajo Health Clinic"),
    ("86503", "AZ", "Chinle", "America/Denver", 8, "Chinle Comprehensive Health Care Facility"),
    ("86045", "AZ", "Tuba City", "America/Denver", 7, "Tuba City Regional Health Care"),
    ("86001", "AZ", "Flagstaff", "America/Phoenix", 1, ""),
    ("85006", "AZ", "Phoenix", "America/Phoenix", 1, ""),
    ("85719", "AZ", "Tucson", "America/Phoenix", 1, ""),
    ("79901", "TX", "El Paso", "America/Denver", 1, ""),
    ("79106", "TX", "Amarillo", "America/Chicago", 1, ""),
    ("79401", "TX", "Lubbock", "America/Chicago", 1, ""),
    ("84102", "UT", "Salt Lake City", "America/Denver", 1, ""),
    ("84511", "UT", "Blanding", "America/Denver", 7, ""),
    ("73104", "OK", "Oklahoma City", "America/Chicago", 1, ""),
    ("57770", "SD", "Pine Ridge", "America/Denver", 7, "Pine Ridge IHS Hospital"),
    ("59101", "MT", "Billings", "America/Denver", 1, ""),
    ("99559", "AK", "Bethel", "America/Anchorage", 7, "Yukon-Kuskokwim Delta Regional Hospital"),
    ("98104", "WA", "Seattle", "America/Los_Angeles", 1, ""),
    ("37203", "TN", "Nashville", "America/Chicago", 1, ""),
    ("02114", "MA", "Boston", "America/New_York", 1, ""),
]

# School districts by town; elsewhere "<town> Municipal Schools", as most NM districts are named.
SCHOOL_DISTRICTS = {
    "Albuquerque": "Albuquerque Public Schools",
    "Rio Rancho": "Rio Rancho Public Schools",
    "Las Cruces": "Las Cruces Public Schools",
    "Santa Fe": "Santa Fe Public Schools",
    "Gallup": "Gallup-McKinley County Schools",
    "Crownpoint": "Gallup-McKinley County Schools",
    "Thoreau": "Gallup-McKinley County Schools",
    "Tohatchi": "Gallup-McKinley County Schools",
    "Farmington": "Farmington Municipal Schools",
    "Shiprock": "Central Consolidated School District",
    "Española": "Española Public Schools",
    "Anthony": "Gadsden Independent Schools",
    "Sunland Park": "Gadsden Independent Schools",
    "Zuni": "Zuni Public School District",
    "Los Lunas": "Los Lunas Schools",
    "Hobbs": "Hobbs Municipal Schools",
    "Roswell": "Roswell Independent School District",
    "El Paso": "El Paso Independent School District",
    "Phoenix": "Phoenix Union High School District",
    "Tucson": "Tucson Unified School District",
    "Denver": "Denver Public Schools",
}

# Name pools and how often each appears, roughly like the people ECHO New Mexico serves.
NAME_GROUPS = [
    (
        38,
        _words(
            "María José Juan Ana Luis Carmen Rosa Miguel Gabriela Alejandro Sofía Diego Lucía "
            "Francisco Isabel Antonio Elena Ramón Verónica Adriana Jesús Marisol Ricardo "
            "Yolanda Arturo Graciela Esteban Leticia Cristina Fernando"
        ),
        _words(
            "García Martínez Chávez Sánchez Lucero Baca Montoya Trujillo Romero Vigil "
            "Gallegos Archuleta Maestas Padilla Gonzales Aragón Córdova Salazar López Herrera "
            "Durán Otero Sandoval Mondragón Valdez Jaramillo Apodaca Quintana"
        ),
    ),
    (
        26,
        _words(
            "Emily Sarah Michael David Jennifer Robert Jessica Matthew Laura Andrew Katherine "
            "Thomas Megan Daniel Rachel Christopher Amanda Brian Heather Kevin Erin Jacob "
            "Hannah"
        ),
        _words(
            "Smith Johnson Miller Anderson Thompson Walker Wright Mitchell Carter Parker "
            "Collins Reed Hughes Foster Bennett Hayes Sullivan Russell Fischer Olsen "
            "McAllister Brennan"
        ),
    ),
    (
        16,
        _words(
            "Darlene Loretta Raymond Marcus Tiana Kayla Jolene Wilson Delbert Shaundeen "
            "Nizhoni Shandiin Ahiga Kiona Tahnee Dezbah Verna Leonard Renee Orlando"
        ),
        _words(
            "Begay Yazzie Tsosie Benally Nez Chee Etsitty Manygoats Tso Joe Laate Cheama "
            "Wyaco Concho Chino Toya Loretto Tafoya Naranjo Shendo Atcitty Bitsui"
        ),
    ),
    (
        5,
        _words("Aaliyah Jamal Keisha Darnell Imani Malik Tamika Andre Ebony Terrence"),
        _words("Washington Jackson Robinson Harris Coleman Brooks Jenkins Freeman Bryant Simmons"),
    ),
    (
        6,
        _words("Priya Arjun Anjali Rahul Sunita Vikram Deepa Sanjay Kavita Nikhil"),
        _words("Patel Sharma Reddy Iyer Gupta Nair Rao Desai Menon Singh"),
    ),
    (
        5,
        _words("Wei Mei Hiroshi Yuki Jin Soo-jin Min-jun Hana Linh Minh"),
        _words("Chen Wang Nguyen Tran Pham Kim Park Tanaka Liu Le"),
    ),
    (
        4,
        _words("Chinedu Amara Kwame Abena Oluwaseun Ngozi Tesfaye Selam Kofi Adaeze"),
        _words("Okafor Mensah Adeyemi Abebe Osei Mwangi Nwosu Bekele Achieng Diallo"),
    ),
]
HISPANIC_GROUP = 0
NATIVE_GROUP = 2

# Profession weights, roughly like ECHO New Mexico's registrants plus the school program.
PROFESSION_WEIGHTS = [
    ("physician", 22),
    ("np", 13),
    ("pa", 7),
    ("nurse", 16),
    ("pharmacist", 7),
    ("behavioural_health", 11),
    ("chw", 8),
    ("educator", 13),
    ("other", 3),
]

SPECIALTIES = {
    "physician": [
        "Family medicine",
        "Family medicine",
        "Internal medicine",
        "Pediatrics",
        "Pediatrics",
        "Emergency medicine",
        "Obstetrics and gynaecology",
        "Psychiatry",
    ],
    "np": ["Family NP", "Family NP", "Psychiatric–mental health NP", "Pediatric NP"],
    "pa": ["Family medicine", "Emergency medicine", "Internal medicine"],
    "nurse": ["Primary care RN", "Public health nurse", "School nurse", "Case manager RN"],
    "pharmacist": ["Community pharmacy", "Clinical pharmacy", "Ambulatory care"],
    "behavioural_health": [
        "Licensed clinical social worker",
        "Licensed professional counsellor",
        "Psychologist",
        "Peer support specialist",
        "School counsellor",
    ],
    "chw": ["Community health worker", "Promotora de salud", "Community health representative"],
    "educator": [
        "Elementary teacher",
        "Middle school teacher",
        "High school teacher",
        "Special education teacher",
        "School principal",
    ],
    "other": ["Medical assistant", "Care coordinator", "Dietitian"],
}

# Which boards physicians of a specialty usually certify with (for MOC).
BOARDS = {"Internal medicine": "ABIM", "Pediatrics": "ABP"}

# E-mail domains reserved for documentation (RFC 2606): demo mail can never reach anyone.
PARTICIPANT_DOMAINS = ["example.org", "example.net", "example.com"]

# --- people on the hub teams -------------------------------------------------------------

DEMO_DOMAIN = "demo.allteach.org"
DEMO_PASSWORD = "echo-demo-2026"

# key: (e-mail, name, profession, specialty, organisation, ZIP, state, time zone)
TEAM_PEOPLE = {
    "admin": (
        "admin@demo.allteach.org",
        "Jordan Whitaker",
        "other",
        "Program operations",
        "ECHO Superhub",
        "87106",
        "NM",
        "America/Denver",
    ),
    "coordinator": (
        "coordinator@demo.allteach.org",
        "Teresa Montoya",
        "other",
        "Program coordination",
        "UNM Project ECHO Hub",
        "87106",
        "NM",
        "America/Denver",
    ),
    "facilitator": (
        "facilitator@demo.allteach.org",
        "Daniel Ortiz, MD",
        "physician",
        "Internal medicine",
        "UNM Project ECHO Hub",
        "87106",
        "NM",
        "America/Denver",
    ),
    "hepatologist": (
        "expert@demo.allteach.org",
        "Rebecca Lindqvist, MD",
        "physician",
        "Hepatology",
        "UNM Hospital",
        "87106",
        "NM",
        "America/Denver",
    ),
    "id": (
        "s.okonkwo@demo.allteach.org",
        "Samuel Okonkwo, MD",
        "physician",
        "Infectious diseases",
        "UNM Hospital",
        "87106",
        "NM",
        "America/Denver",
    ),
    "hub_pharmacist": (
        "l.yazzie@demo.allteach.org",
        "Lorraine Yazzie, PharmD",
        "pharmacist",
        "Clinical pharmacy",
        "UNM Hospital",
        "87106",
        "NM",
        "America/Denver",
    ),
    "addiction": (
        "c.baca@demo.allteach.org",
        "Carlos Baca, MD",
        "physician",
        "Addiction medicine",
        "UNM Addiction and Substance Abuse Programs",
        "87106",
        "NM",
        "America/Denver",
    ),
    "psychiatrist": (
        "a.deshpande@demo.allteach.org",
        "Anita Deshpande, MD",
        "physician",
        "Psychiatry",
        "UNM Department of Psychiatry",
        "87106",
        "NM",
        "America/Denver",
    ),
    "social_worker": (
        "j.kessler@demo.allteach.org",
        "Joanna Kessler, LCSW",
        "behavioural_health",
        "Licensed clinical social worker",
        "UNM Hospital",
        "87106",
        "NM",
        "America/Denver",
    ),
    "hub_chw": (
        "m.chee@demo.allteach.org",
        "Martin Chee, CHW",
        "chw",
        "Community health worker",
        "UNM Project ECHO Hub",
        "87301",
        "NM",
        "America/Denver",
    ),
    "peds_coordinator": (
        "peds-coordinator@demo.allteach.org",
        "Guadalupe Ramírez",
        "other",
        "Program coordination",
        "Southwest Pediatric Hub",
        "85719",
        "AZ",
        "America/Phoenix",
    ),
    "peds_facilitator": (
        "g.holloway@demo.allteach.org",
        "Grace Holloway, MD",
        "physician",
        "Pediatrics",
        "Southwest Pediatric Hub",
        "85719",
        "AZ",
        "America/Phoenix",
    ),
    "neurologist": (
        "n.whitfield@demo.allteach.org",
        "Nathan Whitfield, MD",
        "physician",
        "Pediatric neurology",
        "Southwest Children's Hospital",
        "85719",
        "AZ",
        "America/Phoenix",
    ),
    "epileptologist": (
        "m.zhou@demo.allteach.org",
        "Mei-Ling Zhou, MD",
        "physician",
        "Pediatric epilepsy",
        "Southwest Children's Hospital",
        "85719",
        "AZ",
        "America/Phoenix",
    ),
    "epilepsy_nurse": (
        "r.tafoya@demo.allteach.org",
        "Rosalind Tafoya, RN",
        "nurse",
        "Epilepsy nurse educator",
        "Southwest Children's Hospital",
        "85719",
        "AZ",
        "America/Phoenix",
    ),
    "child_psychiatrist": (
        "o.haddad@demo.allteach.org",
        "Omar Haddad, MD",
        "physician",
        "Child and adolescent psychiatry",
        "Southwest Children's Hospital",
        "85719",
        "AZ",
        "America/Phoenix",
    ),
    "school_psychologist": (
        "k.concho@demo.allteach.org",
        "Kateri Concho, PhD",
        "behavioural_health",
        "School psychology",
        "Southwest Pediatric Hub",
        "87501",
        "NM",
        "America/Denver",
    ),
    "school_counsellor": (
        "b.alvarado@demo.allteach.org",
        "Beatriz Alvarado, LPC",
        "behavioural_health",
        "School counselling",
        "Las Cruces Public Schools",
        "88001",
        "NM",
        "America/Denver",
    ),
}

# Hub teams: (hub key, person key, role). One row per role, as HubMembership stores them.
TEAM_ROLES = [
    ("unm", "coordinator", "admin"),
    ("unm", "coordinator", "coordinator"),
    ("unm", "facilitator", "facilitator"),
    ("unm", "hepatologist", "expert"),
    ("unm", "id", "expert"),
    ("unm", "hub_pharmacist", "expert"),
    ("unm", "addiction", "expert"),
    ("unm", "psychiatrist", "expert"),
    ("unm", "social_worker", "expert"),
    ("unm", "hub_chw", "expert"),
    ("peds", "peds_coordinator", "admin"),
    ("peds", "peds_coordinator", "coordinator"),
    ("peds", "peds_facilitator", "facilitator"),
    ("peds", "neurologist", "expert"),
    ("peds", "epileptologist", "expert"),
    ("peds", "epilepsy_nurse", "expert"),
    ("peds", "child_psychiatrist", "expert"),
    ("peds", "school_psychologist", "expert"),
    ("peds", "school_counsellor", "expert"),
]

HUBS = {
    "unm": {
        "slug": "unm-project-echo",
        "name": "UNM Project ECHO Hub",
        "timezone": "America/Denver",
        "contact_email": "coordinator@demo.allteach.org",
        "description": (
            "The University of New Mexico hub where the ECHO model began in 2003: "
            "specialists in hepatology, infectious diseases, addiction medicine and "
            "psychiatry mentor primary-care teams across New Mexico's rural and tribal "
            "communities."
        ),
        "attendance_min_minutes": 45,
    },
    "peds": {
        "slug": "southwest-pediatric-hub",
        "name": "Southwest Pediatric Hub",
        "timezone": "America/Phoenix",
        "contact_email": "peds-coordinator@demo.allteach.org",
        "description": (
            "A children's-health hub in Tucson serving Arizona and New Mexico: pediatric "
            "neurology, child psychiatry and school psychology for clinicians, school nurses "
            "and educators."
        ),
        "attendance_min_percent": 75,
    },
}

# --- programs ----------------------------------------------------------------------------

CLINICIANS = ["physician", "np", "pa", "nurse", "pharmacist"]

PROGRAMS = [
    {
        "key": "hepc",
        "hub": "unm",
        "slug": "hepatitis-c-echo",
        "title": "Hepatitis C ECHO",
        "summary": (
            "Weekly case-based mentoring so primary-care teams can screen, treat and cure "
            "hepatitis C in their own clinics. Each session opens with a 15-minute didactic "
            "and moves on to de-identified patient cases presented by participants, with "
            "written treatment recommendations from the hepatology panel."
        ),
        "audience": (
            "Primary-care physicians, nurse practitioners, physician assistants, nurses, "
            "pharmacists and community health workers who care for people with hepatitis C, "
            "including in IHS, tribal and correctional settings."
        ),
        "professions": [*CLINICIANS, "chw"],
        "topics": ["Hepatitis C", "Liver disease", "Infectious diseases"],
        "enrolment": "public",
        "credit_types": ["ama_pra_1", "ancc"],
        "credit_hours_per_session": "1.00",
        "curriculum": [
            ("Hepatitis C in New Mexico: epidemiology and the care cascade", "hepatologist"),
            ("Screening and diagnosis: antibody, RNA and reflex testing", "id"),
            ("Staging fibrosis with APRI, FIB-4 and elastography", "hepatologist"),
            (
                "Pangenotypic regimens: sofosbuvir/velpatasvir and glecaprevir/pibrentasvir",
                "hub_pharmacist",
            ),
            ("Simplified treatment for treatment-naive adults", "hepatologist"),
            ("Drug–drug interactions in hepatitis C treatment", "hub_pharmacist"),
            ("Treating hepatitis C in people who inject drugs", "addiction"),
            ("HCV/HIV and HCV/HBV coinfection", "id"),
            ("Hepatitis C in pregnancy and in children", "id"),
            ("Cirrhosis care: liver cancer surveillance and varices", "hepatologist"),
            ("Reinfection, retreatment and confirming cure (SVR12)", "hepatologist"),
            ("Community health workers on the treatment team", "hub_chw"),
        ],
    },
    {
        "key": "oud",
        "hub": "unm",
        "slug": "opioid-use-disorder-echo",
        "title": "Opioid Use Disorder ECHO",
        "summary": (
            "Mentoring for clinicians who treat opioid use disorder with buprenorphine, "
            "methadone and naltrexone, and for the pharmacists and behavioural-health "
            "colleagues who support them. Cases cover initiation in the fentanyl era, "
            "pregnancy, co-occurring conditions and harm reduction."
        ),
        "audience": (
            "Prescribers, pharmacists, nurses and behavioural-health providers in primary "
            "care, emergency departments and opioid treatment programs. Enrolment is by "
            "approval: the hub reviews each request."
        ),
        "professions": ["physician", "np", "pa", "nurse", "pharmacist", "behavioural_health"],
        "topics": ["Opioid use disorder", "Substance use", "Harm reduction"],
        "enrolment": "private",
        "credit_types": ["ama_pra_1", "ancc", "acpe"],
        "credit_hours_per_session": "1.00",
        "curriculum": [
            ("The neurobiology of opioid use disorder", "addiction"),
            ("Buprenorphine initiation, including low-dose and home starts", "addiction"),
            ("Methadone and opioid treatment programs", "addiction"),
            ("Extended-release buprenorphine and naltrexone", "hub_pharmacist"),
            ("Naloxone distribution and overdose prevention", "hub_pharmacist"),
            ("Fentanyl, xylazine and the changing drug supply", "addiction"),
            ("Opioid use disorder in pregnancy", "addiction"),
            ("Co-occurring depression, PTSD and stimulant use", "psychiatrist"),
            ("Harm reduction: syringe services and drug checking", "social_worker"),
            ("Stigma, language and trauma-informed care", "social_worker"),
            ("Dispensing buprenorphine: the pharmacist's role", "hub_pharmacist"),
        ],
    },
    {
        "key": "epilepsy",
        "hub": "peds",
        "slug": "pediatric-epilepsy-echo",
        "title": "Pediatric Epilepsy ECHO",
        "summary": (
            "A monthly teleECHO series that helps primary-care teams diagnose and manage "
            "childhood epilepsy close to home, and recognise which children need a "
            "pediatric neurologist or an epilepsy centre."
        ),
        "audience": (
            "Pediatricians, family physicians, nurse practitioners, physician assistants and "
            "nurses caring for children and adolescents with seizures."
        ),
        "professions": ["physician", "np", "pa", "nurse"],
        "topics": ["Epilepsy", "Pediatrics", "Neurology"],
        "enrolment": "public",
        "credit_types": ["ama_pra_1", "ancc", "moc"],
        "credit_hours_per_session": "1.00",
        "curriculum": [
            ("Classifying seizures and epilepsies", "neurologist"),
            ("The first unprovoked seizure in a child", "neurologist"),
            ("EEG: when to order it and how to read the report", "epileptologist"),
            ("Choosing anti-seizure medications", "epileptologist"),
            ("Febrile seizures: reassurance and red flags", "neurologist"),
            ("Rescue medications and seizure action plans", "epilepsy_nurse"),
            ("Drug-resistant epilepsy and referral for surgery", "epileptologist"),
            ("Ketogenic diet and other dietary therapies", "epilepsy_nurse"),
            ("Epilepsy at school: safety, sports and transition", "epilepsy_nurse"),
            ("Mental health in children with epilepsy", "child_psychiatrist"),
        ],
    },
    {
        "key": "school",
        "hub": "peds",
        "slug": "school-based-mental-health-echo",
        "title": "School-Based Mental Health ECHO",
        "summary": (
            "Educators, school nurses and counsellors learn to recognise and support "
            "students with anxiety, depression, trauma and suicide risk, and to connect "
            "them with care. Participants bring de-identified student situations for the "
            "panel to discuss."
        ),
        "audience": (
            "Teachers, principals, school nurses, school counsellors, social workers and "
            "community health workers in K–12 schools."
        ),
        "professions": ["educator", "nurse", "behavioural_health", "chw"],
        "topics": ["Mental health", "Pediatrics", "Schools"],
        "enrolment": "public",
        "credit_types": ["ceu", "certificate"],
        "credit_hours_per_session": "1.00",
        "curriculum": [
            ("Recognising anxiety and depression in students", "child_psychiatrist"),
            ("Suicide risk screening and safety planning", "child_psychiatrist"),
            ("Trauma-informed classrooms", "school_psychologist"),
            ("De-escalation and positive behaviour supports", "school_psychologist"),
            ("ADHD: supports in and out of the classroom", "child_psychiatrist"),
            (
                "Substance use prevention and brief intervention for adolescents",
                "school_counsellor",
            ),
            ("Bullying, cyberbullying and social media", "school_counsellor"),
            ("Working with families and cultural strengths", "school_psychologist"),
            ("Referral pathways and school-based health centres", "school_counsellor"),
            ("Educator well-being and secondary traumatic stress", "school_psychologist"),
        ],
    },
]

# Cohorts and their schedules. `weeks` and `start_offset_days` are relative to the demo's
# anchor (a Monday about six months before the first load); every schedule runs one year.
COHORTS = [
    {
        "key": "hepc_tue",
        "program": "hepc",
        "name": "Tuesday cohort",
        "language": "en",
        "timezone": "America/Denver",
        "schedule": {"frequency": "weekly", "interval": 1, "weekdays": [1], "time": "12:00"},
        "skip_holiday": True,
        "move_one": True,
    },
    {
        "key": "hepc_es",
        "program": "hepc",
        "name": "Cohorte en español",
        "language": "es",
        "timezone": "America/Mexico_City",
        "schedule": {"frequency": "weekly", "interval": 2, "weekdays": [3], "time": "13:00"},
    },
    {
        "key": "oud_thu",
        "program": "oud",
        "name": "Thursday cohort",
        "language": "en",
        "timezone": "America/Denver",
        "schedule": {"frequency": "weekly", "interval": 1, "weekdays": [3], "time": "12:00"},
    },
    {
        "key": "epilepsy_monthly",
        "program": "epilepsy",
        "name": "Second-Thursday cohort",
        "language": "en",
        "timezone": "America/Phoenix",
        "schedule": {
            "frequency": "monthly",
            "interval": 1,
            "month_week": 2,
            "month_weekday": 3,
            "time": "07:30",
        },
    },
    {
        "key": "school_educators",
        "program": "school",
        "name": "Educators cohort",
        "language": "en",
        "timezone": "America/Denver",
        "capacity": 20,
        "schedule": {"frequency": "weekly", "interval": 2, "weekdays": [2], "time": "15:30"},
    },
    {
        "key": "school_nurses",
        "program": "school",
        "name": "School nurses and counsellors cohort",
        "language": "en",
        "timezone": "America/Phoenix",
        "schedule": {
            "frequency": "monthly",
            "interval": 1,
            "month_week": -1,
            "month_weekday": 1,
            "time": "12:00",
        },
    },
]
