"""Write roster_urban.csv (invented pupils of "Brookfield Park Primary") and fill cast keys in the posts.

    .venv/bin/python bench/heldout/urban/make_roster.py

A Bromcom-style export: one header row, a date-of-birth column, per-purpose social-media consent columns
(`Social Media Photo`, `Social Media Name`: Yes / No / Not asked) and `No Publicity` (Y or blank). The roster is the
named cast (the pupils the posts talk about, with the consent each needs) plus seeded filler pupils whose first
names, preferred names and surnames never collide with the cast's or with a class name, so the gold pupil of every
mention stays exact. Deterministic: the same seed gives the same file.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "devset_secondary"))

from build import fill_cast_keys, make_upn  # noqa: E402

SEED = 630_2026
HEADER = [
    "Admission Number",
    "UPN",
    "Surname",
    "First Name",
    "Preferred Name",
    "Date of Birth",
    "Gender",
    "Year Group",
    "Class",
    "EAL",
    "Social Media Photo",
    "Social Media Name",
    "No Publicity",
]
CLASSES = {
    "N": ["Potter"],
    "R": ["Donaldson", "Rosen", "Carle"],
    "1": ["Browne", "Sendak", "Willems"],
    "2": ["Kerr", "Milne", "Dahl"],
    "3": ["Morpurgo", "Blackman", "Angelou"],
    "4": ["Kahlo", "Hockney", "Lowry"],
    "5": ["Blake", "Riley", "Hepworth"],
    "6": ["Rowling", "Zephaniah", "Tolkien"],
}
PER_CLASS = {"N": 26}  # every other class: 29 or 30
YEAR_LABEL = {"N": "N2", "R": "Reception"} | {str(y): f"Year {y}" for y in range(1, 7)}
Y, N, NA = "Yes", "No", "Not asked"

# key: (first, preferred, surname, gender, year, class, EAL, photo, name, no publicity)
CAST: dict[str, tuple[str, str, str, str, str, str, str, str, str, str]] = {
    "mohammed_r": ("Mohammed", "", "Rahman", "M", "6", "Rowling", "Y", Y, Y, ""),
    "muhammad_a": ("Muhammad", "", "Al-Hassan", "M", "4", "Kahlo", "Y", Y, Y, ""),
    "yusuf_a": ("Yusuf", "", "Al-Hassan", "M", "N", "Potter", "Y", Y, Y, ""),
    "muhammad_i": ("Muhammad", "", "Iqbal", "M", "2", "Dahl", "Y", Y, N, ""),
    "mohamed_w": ("Mohamed", "", "Warsame", "M", "5", "Blake", "Y", Y, Y, ""),
    "zayn_h": ("Muhammad", "Zayn", "Hussain", "M", "3", "Angelou", "Y", Y, Y, ""),
    "aisha_b": ("Aisha", "", "Bello", "F", "1", "Sendak", "N", Y, Y, ""),
    "ayesha_k": ("Ayesha", "", "Khan", "F", "5", "Riley", "Y", Y, NA, ""),
    "aisha_m": ("Aisha", "", "Mohamud", "F", "6", "Zephaniah", "Y", Y, Y, ""),
    "amelia_o": ("Amelia", "", "O'Neill", "F", "3", "Morpurgo", "N", Y, Y, ""),
    "riley_o": ("Riley", "", "O'Neill", "M", "5", "Blake", "N", Y, Y, ""),
    "amelia_k": ("Amelia", "", "Kowalczyk", "F", "3", "Blackman", "Y", Y, N, ""),
    "amelia_h": ("Amelia", "", "Hart", "F", "6", "Tolkien", "N", Y, Y, ""),
    "oliver_b": ("Oliver", "", "Brennan", "M", "4", "Hockney", "N", Y, Y, ""),
    "oliver_c": ("Oliver", "", "Chen", "M", "1", "Browne", "Y", Y, Y, ""),
    "oliver_p": ("Oliver", "", "Popescu", "M", "5", "Hepworth", "Y", Y, Y, "Y"),
    "zoe_a": ("Zoë", "", "Adeyemi-Clarke", "F", "2", "Milne", "N", Y, Y, ""),
    "lucja_n": ("Łucja", "", "Nowak", "F", "3", "Morpurgo", "Y", Y, Y, ""),
    "chloe_d": ("Chloé", "", "Dubois", "F", "6", "Rowling", "Y", Y, Y, ""),
    "minh_n": ("Minh Anh", "", "Nguyễn", "F", "4", "Lowry", "Y", Y, Y, ""),
    "blake_a": ("Blake", "", "Adeyemi", "M", "2", "Kerr", "N", Y, Y, ""),
    "ellie_l": ("Ellie-Mae", "", "Lowry", "F", "1", "Willems", "N", Y, Y, ""),
    "tunde_o": ("Babatunde", "Tunde", "Ogunleye", "M", "6", "Zephaniah", "N", Y, Y, ""),
    "chidi_e": ("Chidinma", "Chidi", "Eze", "F", "4", "Kahlo", "N", Y, N, ""),
    "kemi_a": ("Oluwakemi", "Kemi", "Adebayo", "F", "2", "Dahl", "N", Y, Y, ""),
    "tobi_b": ("Oluwatobi", "Tobi", "Balogun", "M", "3", "Morpurgo", "N", N, N, "Y"),
    "chiamaka_o": ("Chiamaka", "", "Okafor", "F", "5", "Hepworth", "N", Y, Y, ""),
    "thiago_s": ("Thiago", "", "Santos", "M", "3", "Angelou", "Y", Y, Y, ""),
    "beatriz_c": ("Beatriz", "", "Costa", "F", "5", "Hepworth", "Y", Y, Y, ""),
    "andrei_p": ("Andrei", "", "Popa", "M", "6", "Tolkien", "Y", Y, N, ""),
    "ioana_s": ("Ioana", "", "Stan", "F", "1", "Sendak", "Y", Y, Y, ""),
    "tahmid_c": ("Tahmid", "", "Chowdhury", "M", "4", "Lowry", "Y", Y, Y, ""),
    "nusrat_b": ("Nusrat", "", "Begum", "F", "2", "Kerr", "Y", Y, Y, ""),
    "sumaiya_u": ("Sumaiya", "", "Uddin", "F", "6", "Rowling", "Y", Y, NA, ""),
    "hamza_m": ("Hamza", "", "Malik", "M", "5", "Riley", "N", Y, Y, ""),
    "inaaya_q": ("Inaaya", "", "Qureshi", "F", "1", "Browne", "N", Y, Y, ""),
    "eman_a": ("Eman", "", "Akhtar", "F", "R", "Donaldson", "Y", Y, Y, ""),
    "hodan_a": ("Hodan", "", "Abdi", "F", "3", "Blackman", "Y", Y, Y, ""),
    "ayaan_w": ("Ayaan", "", "Warsame", "M", "4", "Hockney", "Y", Y, Y, ""),
    "kavin_s": ("Kavin", "", "Sivakumar", "M", "5", "Blake", "Y", Y, Y, ""),
    "tharani_r": ("Tharani", "", "Rajendran", "F", "2", "Milne", "Y", Y, N, ""),
    "amy_z": ("Yiming", "Amy", "Zhang", "F", "4", "Kahlo", "Y", Y, Y, ""),
    "haoran_l": ("Haoran", "", "Li", "M", "6", "Rowling", "Y", Y, Y, ""),
    "aoife_b": ("Aoife", "", "Byrne", "F", "2", "Kerr", "N", Y, Y, ""),
    "cian_m": ("Cian", "", "Murphy", "M", "6", "Zephaniah", "N", Y, Y, ""),
    "saoirse_k": ("Saoirse", "", "Kelly", "F", "1", "Willems", "N", NA, NA, ""),
    "jack_t": ("Jack", "", "Taylor", "M", "4", "Hockney", "N", Y, Y, ""),
    "jack_w": ("Jack", "", "Wilson", "M", "R", "Rosen", "N", Y, N, ""),
    "poppy_g": ("Poppy", "", "Green", "F", "R", "Carle", "N", Y, Y, ""),
    "isla_g": ("Isla", "", "Green", "F", "N", "Potter", "N", Y, Y, ""),
    "alfie_c": ("Alfie", "", "Cooper", "M", "5", "Riley", "N", Y, Y, ""),
    "freya_w": ("Freya", "", "Walsh-Robinson", "F", "6", "Tolkien", "N", Y, Y, ""),
    "harry_e": ("Harry", "", "Edwards", "M", "3", "Blackman", "N", Y, Y, ""),
    "kacper_w": ("Kacper", "", "Wójcik", "M", "5", "Blake", "Y", Y, Y, ""),
    "zuzanna_k": ("Zuzanna", "", "Kamińska", "F", "2", "Dahl", "Y", Y, Y, ""),
    "jakub_l": ("Jakub", "", "Lewandowski", "M", "6", "Rowling", "Y", Y, N, ""),
    "betsy_c": ("Elizabeth", "Betsy", "Carter", "F", "4", "Lowry", "N", Y, Y, ""),
    "max_k": ("Maximilian", "Max", "Kowalski", "M", "3", "Angelou", "Y", Y, Y, ""),
    "grace_a": ("Grace", "", "Asante", "F", "6", "Zephaniah", "N", Y, Y, ""),
    "daniel_o": ("Daniel", "", "Okoro", "M", "R", "Donaldson", "N", Y, Y, ""),
    "sofia_f": ("Sofia", "", "Ferreira", "F", "R", "Rosen", "Y", Y, Y, ""),
}

FILLER_FIRST = {
    "F": """Olivia Isla Ava Mia Sophie Emily Evie Charlotte Scarlett Matilda Phoebe Imogen Harriet Megan Jessica
    Holly Lucy Millie Darcy Layla Fatima Maryam Hafsa Khadija Amina Zara Anaya Diya Riya Simran Ananya Kavya Adaeze
    Ngozi Folake Temitope Ifrah Sagal Nimo Fartun Wiktoria Julia Natalia Oliwia Maja Antonia Bianca Elena Daria
    Xinyi Yuna Hana Mai Linh Ngoc Inês Leonor Mariana Larissa Niamh Orla Ciara Caoimhe Nevaeh Tiana Jada Kiara
    Precious Blessing Alicia Bethany Jasmine Keira Paige Tia Yasmin Noor Rania Lina Maisie Rosie Florence Iris
    Tahira Rukhsana Anika Farhana Mehreen Sana Kiran Nadia Safa Hiba Ruqayyah Nkechi Ifeoma Adanna Busola Yewande""",
    "M": """George Harry Jacob Charlie Thomas Oscar James Henry Leo Arthur Archie Joshua Alfred Edward Louis Mason
    Logan Lucas Reuben Toby Joseph Samir Ibrahim Rayan Haris Hassan Idris Aarav Vihaan Ishaan Rohan Dev Karan
    Chinedu Emeka Tobenna Obinna Kayode Kwabena Kojo Abdullahi Mahad Liban Szymon Filip Mateusz Antoni Mihai Stefan
    Matas Jonas Wei Jun Duc Rafael Gonçalo Duarte Rodrigo Emre Oisín Darragh Ruairí Tyrese Kyle Reece Jordan Kieran
    Connor Bradley Jake Liam Ryan Corey Malik Tariq Arlo Reggie Teddy Rahim Faisal Imran Sahil Junaid Shayan
    Rafi Adil Nasir Kamil Bartosz Aleksander Luca Matteo Enzo Ikenna Chukwuemeka Femi Segun Dami Kofi""",
}
FILLER_LAST = """Smith Jones Williams Brown Wilson Davies Evans Thomas Johnson Roberts Walker Wright Robinson Thompson
White Hughes Green Hall Wood Harris Lewis Martin Jackson Clarke Turner Hill Scott Morris Ward Moore King Watson
Baker Harrison Morgan Patel Young Allen Mitchell Anderson Phillips Bell Parker Hussein Ahmed Akhtar Mahmood Miah
Islam Sharma Gupta Kumar Mistry Parmar Gill Sandhu Nwankwo Obi Oyelaran Afolabi Mensah Boateng Osei Mohamed Farah
Abdullahi Jama Ali Yusuf Ismail Kowalski Zieliński Szymańska Ionescu Dumitru Wang Liu Huang Lin Pham Tran Le Silva
Oliveira Rodrigues Pereira Gomes Murphy O'Connor Doyle McCarthy Kavanagh Quinn Nolan Gallagher Ellis Fletcher
Marsh Holt Nash Pearce Sutton Webb Gordon Bailey Fraser Reid Ahmed-Shah Begum-Ali Campbell-Grant Okonkwo Ogbu
Ibrahim Karim Nasser Haddad Selvam Kumaran Pillai Ng Ho Cheung Nowicki Mazur"""


def dob(rng: random.Random, year: str) -> str:
    """A birth date inside the 2026/27 academic year group (Year 6 born Sep 2015 - Aug 2016)."""
    offset = {"N": -1, "R": 0}.get(year, int(year) if year.isdigit() else 0)
    start = dt.date(2021 - offset, 9, 1)
    return (start + dt.timedelta(days=rng.randrange(365))).strftime("%d/%m/%Y")


def fillers(rng: random.Random, taken: set[str], counts: dict[tuple[str, str], int]) -> list[tuple]:
    pools = {g: [n for n in dict.fromkeys(FILLER_FIRST[g].split()) if n not in taken] for g in FILLER_FIRST}
    lasts = [n for n in dict.fromkeys(FILLER_LAST.split()) if n not in taken]
    rows = []
    for (year, form), count in counts.items():
        for _ in range(count):
            gender = rng.choice("FM")
            roll = rng.random()
            photo = Y if roll < 0.88 else (N if roll < 0.95 else NA)
            roll = rng.random()
            name = Y if roll < 0.85 else (N if roll < 0.93 else NA)
            no_pub = "Y" if rng.random() < 0.02 else ""
            eal = "Y" if rng.random() < 0.45 else "N"
            first, last = rng.choice(pools[gender]), rng.choice(lasts)
            rows.append((first, "", last, gender, year, form, eal, photo, name, no_pub))
    return rows


def main() -> int:
    rng = random.Random(SEED)
    taken = {c[0] for c in CAST.values()} | {c[1] for c in CAST.values() if c[1]} | {c[2] for c in CAST.values()}
    taken |= {form for forms in CLASSES.values() for form in forms}
    in_class: dict[str, int] = {}
    for c in CAST.values():
        in_class[c[5]] = in_class.get(c[5], 0) + 1
    counts = {
        (year, form): PER_CLASS.get(year, 29 + i % 2) - in_class.get(form, 0)
        for year, forms in CLASSES.items()
        for i, form in enumerate(forms)
    }
    people: list[tuple[str | None, tuple]] = [(key, row) for key, row in CAST.items()]
    people += [(None, row) for row in fillers(rng, taken, counts)]
    rng.shuffle(people)
    records, upns = [], {}
    for index, (key, (first, pref, last, gender, year, form, eal, photo, name, no_pub)) in enumerate(people):
        upn = make_upn("E207", key or f"filler-{form}-{index}")
        if key:
            upns[key] = upn
        adno = f"{2019000 + (index * 37) % 99991:07d}"
        records.append(
            [adno, upn, last, first, pref, dob(rng, year), gender, YEAR_LABEL[year], form, eal, photo, name, no_pub]
        )
    order = list(YEAR_LABEL.values())
    records.sort(key=lambda r: (order.index(r[7]), r[8], r[2], r[3]))
    with (HERE / "roster_urban.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(HEADER)
        writer.writerows(records)
    print(f"roster_urban.csv: {len(records)} pupils")
    fill_cast_keys(HERE / "posts_urban.md", upns)
    return 0


if __name__ == "__main__":
    sys.exit(main())
