"""Write roster_scottish.csv (invented pupils of "Glenbervie Primary School", a Scottish primary) and fill cast keys.

    .venv/bin/python bench/devset_scottish/make_roster.py

A SEEMiS-style pupil report: two title rows and a blank row above the header, `SCN` (Scottish Candidate Number,
nine digits), `Adm No`, surname first, `Known As`, `Stage` (N, P1 ... P7), `Class` (composite classes such as "P3/4"
and two "P5/6" classes told apart by teacher), `House` (islands and a loch: Arran, Skye, Iona, Lomond), `Photo
Consent`, `Name Consent` (Y / N / blank) and `No Publicity`. Scottish pupils have no UPN, so the importer identifies
them by admission number (pupil id `adno:NNNN`); it does not read `SCN` or `Stage` (see the README).

The named cast are the pupils the posts talk about; seeded filler pupils never share a cast first name or a cast
surname, so every gold pupil stays exact. Posts written as `[[surface|@cast_key]]` get the cast pupil id filled in
(idempotent). Deterministic: the same seed gives the same file.
"""

from __future__ import annotations

import csv
import hashlib
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "devset_secondary"))

from build import fill_cast_keys  # noqa: E402

SEED = 25_01_2027
TITLE_ROWS = [["Glenbervie Primary School"], ["Pupil Permissions Report", "", "Session 2026/27"], []]
HEADER = [
    "SCN",
    "Adm No",
    "Surname",
    "Forename",
    "Known As",
    "Gender",
    "Stage",
    "Class",
    "House",
    "Photo Consent",
    "Name Consent",
    "No Publicity",
]
# class: the stages it takes, and how many pupils it has
CLASSES: dict[str, tuple[tuple[str, ...], int]] = {
    "Nursery": (("N",), 22),
    "P1": (("P1",), 20),
    "P1/2": (("P1", "P2"), 22),
    "P2/3": (("P2", "P3"), 24),
    "P3": (("P3",), 22),
    "P3/4": (("P3", "P4"), 25),
    "P4/5": (("P4", "P5"), 26),
    "P5/6 Mrs Reid": (("P5", "P6"), 26),
    "P5/6 Mr Grant": (("P5", "P6"), 25),
    "P6/7": (("P6", "P7"), 25),
    "P7": (("P7",), 27),
}
HOUSES = ["Arran", "Skye", "Iona", "Lomond"]
Y, N = "Y", "N"

# key: (forename, known as, surname, gender, stage, class, house, photo, name consent, no publicity)
CAST: dict[str, tuple[str, str, str, str, str, str, str, str, str, str]] = {
    "eilidh_m": ("Eilidh", "", "MacDonald", "F", "P5", "P4/5", "Skye", Y, Y, ""),
    "eilidh_c": ("Eilidh", "", "Campbell", "F", "P6", "P6/7", "Arran", Y, N, ""),
    "mhairi_r": ("Mhairi", "", "Robertson", "F", "P7", "P7", "Lomond", Y, Y, ""),
    "catriona_f": ("Catriona", "Cat", "Fraser", "F", "P5", "P5/6 Mrs Reid", "Iona", Y, Y, ""),
    "ruairidh_m": ("Ruairidh", "", "McKenzie", "M", "P3", "P3/4", "Arran", Y, Y, ""),
    "iona_s": ("Iona", "", "Stewart", "F", "P2", "P2/3", "Skye", Y, Y, ""),
    "iona_b": ("Iona", "", "Buchanan", "F", "P6", "P5/6 Mr Grant", "Lomond", N, N, ""),
    "skye_m": ("Skye", "", "Morrison", "F", "P5", "P4/5", "Iona", Y, Y, ""),
    "skye_l": ("Skye", "", "Lindsay", "F", "P1", "P1", "Arran", "", "", ""),
    "isla_g": ("Isla", "", "Grant", "F", "P1", "P1", "Arran", Y, Y, ""),
    "isla_h": ("Isla", "", "Henderson", "F", "P7", "P7", "Skye", Y, N, ""),
    "lewis_m": ("Lewis", "", "Macdonald", "M", "P6", "P6/7", "Iona", Y, Y, ""),
    "harris_a": ("Harris", "", "Anderson", "M", "P4", "P4/5", "Lomond", Y, Y, ""),
    "rory_m": ("Rory", "", "McDonald", "M", "P7", "P7", "Arran", Y, Y, ""),
    "callum_w": ("Callum", "", "Watson", "M", "P5", "P5/6 Mrs Reid", "Skye", Y, Y, ""),
    "callum_d": ("Callum", "", "Duncan", "M", "P2", "P1/2", "Iona", "", "", ""),
    "fraser_t": ("Fraser", "", "Thomson", "M", "P6", "P5/6 Mr Grant", "Skye", Y, Y, ""),
    "kirsty_b": ("Kirsty", "", "Bell", "F", "P3", "P2/3", "Lomond", Y, Y, ""),
    "morven_k": ("Morven", "", "Kerr", "F", "P7", "P7", "Iona", Y, Y, ""),
    "struan_r": ("Struan", "", "Ross", "M", "P4", "P3/4", "Lomond", Y, N, ""),
    "finlay_g": ("Finlay", "", "Gillies", "M", "P6", "P6/7", "Lomond", Y, Y, ""),
    "ailsa_m": ("Ailsa", "", "Munro", "F", "P5", "P5/6 Mr Grant", "Arran", Y, Y, ""),
    "orla_d": ("Orla", "", "Docherty", "F", "P3", "P3/4", "Skye", Y, Y, ""),
    "brodie_s": ("Brodie", "", "Sinclair", "M", "P7", "P7", "Skye", Y, Y, ""),
    "lochlan_p": ("Lochlan", "", "Paterson", "M", "P1", "P1/2", "Arran", Y, Y, ""),
    "heather_w": ("Heather", "", "Wilson", "F", "P6", "P6/7", "Skye", Y, Y, ""),
    "rowan_c": ("Rowan", "", "Cameron", "M", "P3", "P3", "Iona", N, N, ""),
    "storm_h": ("Storm", "", "Hunter", "F", "P5", "P4/5", "Lomond", Y, Y, ""),
    "arran_m": ("Arran", "", "Murray", "M", "P2", "P2/3", "Lomond", Y, Y, ""),
    "kasia_n": ("Katarzyna", "Kasia", "Nowak", "F", "P6", "P5/6 Mrs Reid", "Iona", Y, Y, ""),
    "zuzanna_w": ("Zuzanna", "", "Wiśniewska", "F", "P4", "P4/5", "Skye", Y, Y, ""),
    "jakub_k": ("Jakub", "Kuba", "Kowalczyk", "M", "P7", "P7", "Lomond", Y, N, ""),
    "szymon_l": ("Szymon", "", "Lewandowski", "M", "P2", "P2/3", "Arran", Y, Y, ""),
    "omar_a": ("Omar", "", "Al-Hassan", "M", "P5", "P5/6 Mr Grant", "Iona", Y, Y, ""),
    "lana_a": ("Lana", "", "Al-Hassan", "F", "P2", "P1/2", "Iona", Y, Y, ""),
    "yousef_k": ("Yousef", "", "Kanaan", "M", "P6", "P6/7", "Arran", Y, Y, ""),
    "rama_k": ("Rama", "", "Kanaan", "F", "P4", "P3/4", "Arran", N, N, ""),
    "hamza_d": ("Hamza", "", "Darwish", "M", "P7", "P7", "Skye", Y, Y, ""),
    "nour_d": ("Nour", "", "Darwish", "F", "P3", "P3", "Skye", Y, Y, ""),
    "euan_m": ("Euan", "", "McLean", "M", "P7", "P7", "Iona", Y, Y, "Y"),
    "ally_s": ("Alasdair", "Ally", "Scott", "M", "P6", "P6/7", "Skye", Y, Y, ""),
    "jamie_r": ("James", "Jamie", "Reid", "M", "P3", "P2/3", "Lomond", Y, Y, ""),
    "millie_c": ("Amelia", "Millie", "Craig", "F", "P5", "P5/6 Mrs Reid", "Skye", Y, N, ""),
    "chloe_m": ("Chloe", "", "MacLeod", "F", "P4", "P4/5", "Arran", Y, Y, ""),
    "archie_f": ("Archie", "", "Forbes", "M", "P1", "P1", "Skye", Y, Y, ""),
    "ellie_b": ("Ellie", "", "Burns", "F", "P7", "P7", "Arran", Y, Y, ""),
    "grace_m": ("Grace", "", "Milne", "F", "P6", "P5/6 Mr Grant", "Lomond", Y, Y, ""),
    "kyle_b": ("Kyle", "", "Baxter", "M", "P4", "P3/4", "Iona", Y, Y, ""),
    "ruby_m": ("Ruby", "", "Mackay", "F", "N", "Nursery", "", Y, Y, ""),
    "logan_w": ("Logan", "", "Wallace", "M", "N", "Nursery", "", Y, N, ""),
    "cameron_j": ("Cameron", "", "Johnstone", "M", "P5", "P4/5", "Skye", Y, Y, ""),
    "innes_b": ("Innes", "", "Baird", "M", "P6", "P6/7", "Iona", Y, Y, ""),
    "freya_g": ("Freya", "", "Gray", "F", "P2", "P1/2", "Lomond", Y, Y, ""),
    "hamish_r": ("Hamish", "", "Ross", "M", "P2", "P2/3", "Lomond", Y, Y, ""),
    "lexi_d": ("Alexandra", "Lexi", "Duff", "F", "P7", "P7", "Lomond", Y, Y, ""),
    "calum_s": ("Calum", "", "Stevenson", "M", "P6", "P6/7", "Arran", N, N, "Y"),
}

FILLER_FIRST = {
    "F": """Olivia Emily Sophie Amelia Ava Lucy Millie Evie Ella Sophia Aria Esme Rosie Ivy Hannah Erin Niamh Poppy
    Amber Layla Charlotte Holly Maisie Abbie Lexie Hollie Rebecca Megan Caitlin Abigail Darcy Thea Maya Jessica Katie
    Lola Matilda Robyn Zara Georgia Lilly Ellis Eva Bonnie Hallie Alice Summer Ayla Amelie Maja Julia Natalia Lena
    Zofia Hanna Oliwia Alicja Leen Jana Sham Dana Hala""",
    "M": """Jack Noah Leo Oliver Harris_ Alfie Max Oscar Jacob Thomas Lucas Charlie Harry James_ Mason Ethan Ryan Sonny
    Theo Alexander Daniel Aaron Jude Arthur Luca Adam Robbie Ollie Murray_ Cole Blair Ben Jayden Kai Reuben Nathan Aiden
    Ewan Gregor Hector Angus Dylan Jamie_ Joshua Liam Michael Adrian Antoni Filip Wiktor Mateusz Ali Ahmad Karim
    Tarek Adnan Sami""",
}
FILLER_LAST_TEXT = """Smith Brown Wilson_ Thomson_ Robertson_ Campbell_ Stewart_ Anderson_ Scott_ Murray_ Taylor
Clark Young
Mitchell Walker Paterson_ Morrison_ Johnston Watt Miller Kennedy Wood Fleming Sutherland Kelly Hay Lennox Ogilvie
Mathieson Ritchie Findlay Hogg Innes_ Allan Petrie Mair Strachan Reid_ Gordon Shearer Middleton Keith Gauld Mowat
Leask Christie Lawrie Craig_ Bruce Hutcheon Moir Cruickshank Duguid Rennie Sangster Cowie Ewen Jamieson Pirie Lamb
Marr Wood Simpson Davidson Bremner Coutts Milne_ Masson Reilly Chalmers Kowalski Zielińska Nowicki Wójcik Haddad
Saleh Mansour Khalil Hijazi Yassin"""
FILLER_LAST = re.split(r"\s+", FILLER_LAST_TEXT.strip())


def pupil_numbers(seed: str) -> tuple[str, str]:
    """An SCN (nine digits) and an admission number that depend only on the seed string, so cast ids never move."""
    digest = int(hashlib.sha256(seed.encode()).hexdigest(), 16)
    return f"{digest % 10**9:09d}", f"{digest // 10**9 % 9000 + 1000}"


def fillers(rng: random.Random, cast_firsts: set[str], cast_lasts: set[str], need: dict[str, int]) -> list[tuple]:
    """Pupils nobody posts about, sharing no first name or surname with the cast (a trailing "_" marks a name the
    cast uses, kept in the list to show it is left out on purpose)."""
    firsts = {g: [n for n in FILLER_FIRST[g].split() if "_" not in n and n not in cast_firsts] for g in FILLER_FIRST}
    lasts = [n for n in FILLER_LAST if "_" not in n and n not in cast_lasts]
    rows = []
    for form, count in need.items():
        stages, _ = CLASSES[form]
        for _ in range(count):
            gender = rng.choice("FM")
            photo = Y if (roll := rng.random()) < 0.88 else (N if roll < 0.95 else "")
            name = Y if (roll := rng.random()) < 0.87 else (N if roll < 0.95 else "")
            no_pub = "Y" if rng.random() < 0.02 else ""
            house = "" if form == "Nursery" else rng.choice(HOUSES)
            first, last = rng.choice(firsts[gender]), rng.choice(lasts)
            rows.append((first, "", last, gender, rng.choice(stages), form, house, photo, name, no_pub))
    return rows


def main() -> int:
    rng = random.Random(SEED)
    cast_firsts = {c[0] for c in CAST.values()} | {c[1] for c in CAST.values() if c[1]}
    cast_lasts = {c[2] for c in CAST.values()}
    in_class: dict[str, int] = {}
    for c in CAST.values():
        in_class[c[5]] = in_class.get(c[5], 0) + 1
    need = {form: size - in_class.get(form, 0) for form, (_, size) in CLASSES.items()}
    people: list[tuple[str | None, tuple]] = [(key, row) for key, row in CAST.items()]
    people += [(None, row) for row in fillers(rng, cast_firsts, cast_lasts, need)]
    records, ids, seen_adno = [], {}, set()
    for index, (key, (first, pref, last, gender, stage, form, house, photo, name, no_pub)) in enumerate(people):
        seed = key or f"filler-{form}-{index}"
        scn, adno = pupil_numbers(seed)
        while adno in seen_adno:
            seed += "+"
            scn, adno = pupil_numbers(seed)
        seen_adno.add(adno)
        if key:
            ids[key] = f"adno:{adno}"
        records.append([scn, adno, last, first, pref, gender, stage, form, house, photo, name, no_pub])
    order = list(CLASSES)
    records.sort(key=lambda r: (order.index(r[7]), r[2].lower().replace("mac", "mc"), r[3]))
    with (HERE / "roster_scottish.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerows(TITLE_ROWS)
        writer.writerow(HEADER)
        writer.writerows(records)
    print(f"roster_scottish.csv: {len(records)} pupils")
    fill_cast_keys(HERE / "posts_scottish.md", ids)
    return 0


if __name__ == "__main__":
    sys.exit(main())
