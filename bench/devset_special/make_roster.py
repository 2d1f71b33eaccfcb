"""Write roster_special.csv (invented pupils of "Meadowbank School", a special school for ages 4-19).

    PYTHONPATH=daemon .venv/bin/python bench/devset_special/make_roster.py

A SIMS-style export unlike the first set's: two title rows and a blank row above the header, surname first,
`Known As`, `Adm No`, `NC Year` (R, 1 ... 14), `Class` (classes named after birds), Y/N/Withdrawn consent values and a
`No Publicity` column. The named cast are the pupils the posts talk about; seeded filler pupils never share a
cast first name. Posts written as `[[surface|@cast_key]]` get the cast UPN filled in (idempotent).
"""

from __future__ import annotations

import csv
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "devset_secondary"))

from build import fill_cast_keys, make_upn  # noqa: E402

SEED = 4_19
TITLE_ROWS = [["Meadowbank School"], ["Student List - Social Media Permissions", "", "Printed 01/09/2026"], []]
HEADER = [
    "Surname",
    "Forename",
    "Known As",
    "Adm No",
    "UPN",
    "NC Year",
    "Class",
    "Key Stage",
    "Photo Consent",
    "Name Consent",
    "No Publicity",
]
# class: NC years it takes
CLASSES = {
    "Robin": ["R", "1"],
    "Wren": ["2", "3"],
    "Lark": ["4", "5", "6"],
    "Finch": ["4", "5", "6"],
    "Heron": ["7", "8"],
    "Martin": ["7", "8", "9"],
    "Swift": ["9", "10", "11"],
    "Starling": ["10", "11"],
    "Jay": ["9", "10", "11"],
    "Merlin": ["12", "13"],
    "Linnet": ["12", "13", "14"],
}
PER_CLASS = 19
KEY_STAGES = {"KS1": ("R", "1", "2"), "KS2": ("3", "4", "5", "6"), "KS3": ("7", "8", "9"), "KS4": ("10", "11")}
KEY_STAGES["Post-16"] = ("12", "13", "14")

# key: (forename, known as, surname, NC year, class, photo, name consent, no publicity)
CAST: dict[str, tuple[str, str, str, str, str, str, str, str]] = {
    "robin_a": ("Robin", "", "Adair", "5", "Lark", "Y", "Y", "N"),
    "robin_c": ("Robin", "", "Chowdhury", "10", "Swift", "Y", "N", "N"),
    "wren_t": ("Wren", "", "Taylor", "8", "Heron", "Y", "Y", "N"),
    "martin_k": ("Martin", "", "Kowalski", "12", "Merlin", "N", "N", "N"),
    "jay_p": ("Jay", "", "Pillai", "10", "Starling", "Y", "Y", "N"),
    "alfie_d": ("Alfie", "", "Dunn", "1", "Robin", "Y", "Y", "N"),
    "alfie_p": ("Alfie", "", "Price", "10", "Swift", "Y", "Withdrawn", "N"),
    "amelia_s": ("Amelia", "", "Stokes", "4", "Finch", "Y", "Y", "N"),
    "amelia_o": ("Amelia", "", "Okonjo", "6", "Lark", "Y", "N", "N"),
    "mo_h": ("Mohammed", "Mo", "Hussain", "9", "Jay", "Y", "Y", "N"),
    "mo_a": ("Mohammed", "Mo", "Akhtar", "13", "Linnet", "", "", "N"),
    "leo_f": ("Leo", "", "Fraser", "3", "Wren", "Y", "Y", "N"),
    "leo_m": ("Leo", "", "Mbeki", "7", "Heron", "Y", "Y", "Y"),
    "ellie_r": ("Ellie", "", "Ramsay", "11", "Jay", "Y", "Y", "N"),
    "sunny_g": ("Sunny", "", "Gill", "2", "Wren", "Y", "Y", "N"),
    "blessing_o": ("Blessing", "", "Okoro", "8", "Martin", "Y", "Y", "N"),
    "destiny_c": ("Destiny", "", "Campbell", "12", "Merlin", "Y", "N", "N"),
    "harmony_w": ("Harmony", "", "Wells", "5", "Finch", "Y", "Y", "N"),
    "miracle_a": ("Miracle", "", "Adeleke", "14", "Linnet", "Y", "Y", "N"),
    "roisin_k": ("Róisín", "", "Keane", "9", "Swift", "Y", "Y", "N"),
    "jerome_b": ("Jérôme", "", "Baptiste-Smith", "13", "Merlin", "Y", "Y", "N"),
    "nazli_y": ("Nazlı", "", "Yıldırım", "6", "Finch", "Y", "Y", "N"),
    "kacper_w": ("Kacper", "", "Wójcik", "11", "Starling", "Y", "Y", "N"),
    "laceymae_b": ("Lacey-Mae", "", "Brown", "R", "Robin", "Y", "Y", "N"),
    "tiarose_d": ("Tia-Rose", "", "Davies", "7", "Martin", "Y", "N", "N"),
    "tobi_a": ("Oluwatobi", "Tobi", "Adewale", "8", "Heron", "Y", "Y", "N"),
    "teddy_m": ("Theodore", "Teddy", "Marsh", "1", "Robin", "Y", "Y", "N"),
    "frankie_l": ("Francesca", "Frankie", "Lombardi", "10", "Jay", "Y", "Y", "N"),
    "kayden_o": ("Kayden", "", "O'Hara", "4", "Lark", "Y", "Y", "N"),
    "aisha_b": ("Aisha", "", "Bello", "11", "Swift", "Y", "Y", "N"),
    "callum_p": ("Callum", "", "Parry", "12", "Linnet", "Y", "Y", "N"),
    "tommy_n": ("Thomas", "Tommy", "Nguyen", "3", "Wren", "Y", "Y", "N"),
    "evie_j": ("Evie", "", "Jackson", "9", "Martin", "Y", "Y", "N"),
    "ibrahim_s": ("Ibrahim", "", "Sesay", "13", "Linnet", "Y", "Y", "N"),
    "grace_h": ("Grace", "", "Holmes", "2", "Wren", "N", "N", "N"),
}

FILLER_FIRST_TEXT = """
Oliver George Harry Jack Noah Charlie Freddie Archie Oscar Arthur Max Lucas Ethan Riley Jacob Mason Logan
Dylan Harvey Reggie Ronnie Albie Tyler Finley Bobby Jaxon Ollie Zach Rory Isaac Jamie Kai Ryan Ahmed Ayaan Zayn Yusuf
Hamza Ali Omar Adam Luca Kacey Olivia Isla Ava Mia Ivy Lily Sophia Rosie Poppy Freya Willow Daisy Evelyn Phoebe Millie
Florence Matilda Darcie Ruby Maisie Layla Eliza Sienna Harper Lottie Esme Nevaeh Aaliyah Hafsa Maryam Inaya Amira
Khadija Zainab Anaya Priya Simran Nia Shanice Precious Chloe Megan Holly Jodie Kayla Courtney Tamsin Bethan Keeley
Sophie Georgia Imogen Jessica Liam Kieran Connor Jordan Aaron Reece Jake Callan Brandon Shay Travis"""
FILLER_FIRST = re.split(r"\s+", FILLER_FIRST_TEXT.strip())
FILLER_LAST_TEXT = """
Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson Evans Walker White Roberts
Green Hall Wood Jackson Clarke Patel Khan Ali Ahmed Begum Hussain Iqbal Shah Kaur Singh Sandhu Atwal Okafor Mensah Osei
Adeyemi Eze Kowalczyk Nowak Lewis Harris Martin Cooper King Lee Baker Morgan Hughes Edwards Turner Carter Collins Bell
Murphy Kelly Walsh Ryan Byrne McGuire Doherty Reid Stewart Campbell Fletcher Knight Mills Fox Mason Pearson Rowe Hart
Gibson Shaw Barker Lloyd Dixon Rogers Morris Webb Stone Holt Booth Lynch Moss Sharp"""
FILLER_LAST = re.split(r"\s+", FILLER_LAST_TEXT.strip())


def main() -> int:
    rng = random.Random(SEED)
    cast_firsts = {c[0] for c in CAST.values()} | {c[1] for c in CAST.values() if c[1]}
    firsts = [n for n in dict.fromkeys(FILLER_FIRST) if n not in cast_firsts]
    in_class: dict[str, int] = {}
    for c in CAST.values():
        in_class[c[4]] = in_class.get(c[4], 0) + 1
    people: list[tuple[str | None, tuple]] = [(key, row) for key, row in CAST.items()]
    for cls, years in CLASSES.items():
        for _ in range(PER_CLASS - in_class.get(cls, 0)):
            photo = "Y" if rng.random() < 0.85 else rng.choice(["N", ""])
            roll = rng.random()
            name = "Y" if roll < 0.86 else ("N" if roll < 0.93 else rng.choice(["", "Withdrawn"]))
            no_pub = "Y" if rng.random() < 0.04 else "N"
            row = (rng.choice(firsts), "", rng.choice(FILLER_LAST), rng.choice(years), cls, photo, name, no_pub)
            people.append((None, row))
    rows = []
    upns: dict[str, str] = {}
    for index, (key, (first, known, last, year, cls, photo, name, no_pub)) in enumerate(people):
        upn = make_upn("H352", key or f"filler-{cls}-{index}")
        stage = next(s for s, ys in KEY_STAGES.items() if year in ys)
        rows.append([last, first, known, f"{2100 + index * 13 % 997:04d}", upn, year, cls, stage, photo, name, no_pub])
        if key:
            upns[key] = upn
    rows.sort(key=lambda r: (r[0], r[1]))
    with (HERE / "roster_special.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerows(TITLE_ROWS)
        writer.writerow(HEADER)
        writer.writerows(rows)
    print(f"roster_special.csv: {len(rows)} pupils")
    fill_cast_keys(HERE / "posts_special.md", upns)
    return 0


if __name__ == "__main__":
    sys.exit(main())
