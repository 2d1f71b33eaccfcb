"""Write roster_ulster.csv (invented pupils of "St Columba's College", Years 8-14) and fill cast keys in the posts.

    .venv/bin/python bench/heldout/ulster/make_roster.py

A SIMS-style (C2k) report with title rows above the header. The roster is the named cast below (the pupils the
posts talk about, with the consent each needs) plus seeded filler pupils whose first names and surnames never
collide with the cast's, a form name or a staff name, so the gold pupil of every mention stays exact. Posts may be
written with `[[surface|@cast_key]]`; this rewrites those keys to the cast member's UPN (idempotent, deterministic).
"""

from __future__ import annotations

import csv
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent / "devset_secondary"))

from build import fill_cast_keys, make_upn  # noqa: E402

SEED = 14_2026
TITLE = [["St Columba's College"], ["Pupil Media Permissions", "", "", "", "Academic Year 2026/27"], []]
HEADER = [
    "Adno",
    "UPN",
    "Legal Surname",
    "Legal Forename",
    "Preferred Forename",
    "Gender",
    "Year",
    "Reg Group",
    "House",
    "Media Consent - Photo (Social Media)",
    "Media Consent - Name (Social Media)",
    "No Publicity",
]
SAINTS = ["Brigid", "Patrick", "Malachy", "Ciarán", "Enda"]
# Years 8, 9 and 12: forms named after saints; Years 10-11: letters; sixth form (13-14): tutor initials.
FORMS = {
    8: [f"8 {s}" for s in SAINTS],
    9: [f"9 {s}" for s in SAINTS],
    10: ["10A", "10B", "10C", "10D", "10E"],
    11: ["11A", "11B", "11C", "11D", "11E"],
    12: [f"12 {s}" for s in SAINTS],
    13: ["13MK", "13OB", "13DH", "13CT"],
    14: ["14MK", "14OB", "14DH", "14CT"],
}
PER_FORM = {8: 27, 9: 27, 10: 27, 11: 27, 12: 26, 13: 28, 14: 27}
HOUSES = ["Tara", "Cashel", "Aileach", "Clonard"]
Y, N = "Yes", "No"

# key: (legal first, preferred first, surname, gender, year, form, photo, name consent, no publicity)
CAST: dict[str, tuple[str, str, str, str, int, str, str, str, str]] = {
    "niamh_q": ("Niamh", "", "Quinn", "F", 13, "13MK", Y, Y, ""),
    "niamh_d": ("Niamh", "", "Devlin", "F", 10, "10B", Y, N, ""),
    "eoin_d": ("Eoin", "", "Devlin", "M", 13, "13OB", Y, Y, ""),
    "kieran_q": ("Kieran", "", "Quinn", "M", 10, "10D", Y, Y, ""),
    "ciaran_o": ("Ciarán", "", "O'Neill", "M", 14, "14MK", Y, Y, ""),
    "kiki": ("Ciarán", "Kiki", "Mac an tSaoi", "M", 11, "11C", Y, "", ""),
    "oisin_mc": ("Oisín", "", "McCann", "M", 9, "9 Malachy", Y, N, ""),
    "oisin_g": ("Oisín", "", "Gormley", "M", 12, "12 Enda", Y, Y, ""),
    "roisin_k": ("Róisín", "", "Kelly", "F", 12, "12 Patrick", Y, Y, "Y"),
    "roisin_mg": ("Róisín", "", "McGurk", "F", 9, "9 Brigid", Y, Y, ""),
    "tadhg_b": ("Tadhg", "", "Breslin", "M", 8, "8 Brigid", N, N, ""),
    "zofia_k": ("Zofia", "", "Kowalczyk", "F", 10, "10A", Y, N, ""),
    "saoirse_mg": ("Saoirse", "", "McGuigan", "F", 13, "13DH", Y, N, ""),
    "saoirse_l": ("Saoirse", "", "Loughran", "F", 11, "11A", Y, Y, ""),
    "dearbhla_od": ("Dearbhla", "", "Ó Dochartaigh", "F", 14, "14OB", Y, Y, "Y"),
    "jonas_p": ("Jonas", "", "Petrauskas", "M", 9, "9 Enda", Y, N, ""),
    "sinead_h": ("Sinéad", "", "Hegarty", "F", 11, "11E", Y, N, ""),
    "aoife_mcl": ("Aoife", "", "McLaughlin", "F", 14, "14DH", Y, Y, ""),
    "aoife_b": ("Aoife", "", "Bradley", "F", 8, "8 Patrick", Y, Y, ""),
    "siobhan_d": ("Siobhán", "", "Doherty", "F", 12, "12 Malachy", Y, Y, ""),
    "caoimhe_m": ("Caoimhe", "", "Mulholland", "F", 11, "11B", Y, Y, ""),
    "padraig_mg": ("Pádraig", "Paddy", "McGinley", "M", 12, "12 Ciarán", Y, Y, ""),
    "orla_c": ("Orla", "", "Cassidy", "F", 9, "9 Patrick", Y, Y, ""),
    "cormac_f": ("Cormac", "", "Fitzpatrick", "M", 12, "12 Brigid", Y, Y, ""),
    "clodagh_r": ("Clodagh", "", "Rafferty", "F", 14, "14CT", Y, Y, ""),
    "fionn_h": ("Fionn", "", "Hughes", "M", 8, "8 Malachy", Y, Y, ""),
    "ruairi_mk": ("Ruairí", "", "McKenna", "M", 11, "11D", Y, Y, ""),
    "tara_g": ("Tara", "", "Gallagher", "F", 10, "10C", Y, Y, ""),
    "brigid_s": ("Brigid", "", "Sweeney", "F", 13, "13CT", Y, Y, ""),
    "patrick_c": ("Patrick", "", "Convery", "M", 11, "11A", Y, Y, ""),
    "maja_n": ("Maja", "", "Nowak", "F", 9, "9 Ciarán", Y, Y, ""),
    "kacper_w": ("Kacper", "", "Wiśniewski", "M", 12, "12 Patrick", Y, Y, ""),
    "gabija_s": ("Gabija", "", "Stankevičiūtė", "F", 11, "11B", Y, Y, ""),
    "lukas_j": ("Lukas", "", "Jankauskas", "M", 14, "14MK", Y, Y, ""),
    "grainne_ok": ("Gráinne", "", "O'Kane", "F", 13, "13OB", Y, Y, ""),
    "declan_m": ("Declan", "Déaglán", "Mallon", "M", 10, "10E", Y, Y, ""),
    "eimear_c": ("Eimear", "", "Corr", "F", 8, "8 Enda", Y, Y, ""),
    "conor_ma": ("Conor", "", "McAlinden", "M", 14, "14DH", Y, Y, ""),
    "conor_h": ("Conor", "", "Hamill", "M", 9, "9 Patrick", Y, Y, ""),
    "sean_oh": ("Seán", "", "O'Hagan", "M", 11, "11D", Y, Y, ""),
    "aisling_t": ("Aisling", "", "Toner", "F", 12, "12 Enda", Y, Y, ""),
    "odhran_c": ("Odhrán", "", "Carlin", "M", 10, "10A", Y, Y, ""),
    "dominik_k": ("Dominik", "Dom", "Kamiński", "M", 10, "10C", Y, Y, ""),
    "caolan_s": ("Caolán", "", "Slevin", "M", 13, "13MK", Y, "", ""),
    "shauna_ma": ("Shauna", "", "McAleer", "F", 14, "14CT", Y, Y, ""),
    "emmet_l": ("Emmet", "", "Lavery", "M", 8, "8 Ciarán", Y, Y, ""),
    "bronagh_mc": ("Bronagh", "", "McCrory", "F", 11, "11C", Y, Y, ""),
    "ella_t": ("Ella-Rose", "", "Trainor", "F", 8, "8 Brigid", Y, Y, ""),
    "mateusz_z": ("Mateusz", "", "Zieliński", "M", 13, "13DH", N, N, ""),
    "rian_mcg": ("Rian", "", "McGeown", "M", 12, "12 Malachy", Y, Y, ""),
}

FILLER_FIRST = {
    "F": """Ciara Erin Lauren Megan Sarah Emma Amy Rachel Hannah Katie Chloe Leah Shannon Rebecca Olivia Ava Lucy
    Anna Eva Molly Ellie Ruth Eilis Meabh Ailbhe Muireann Sorcha Nuala Una Deirbhile Fiadh Cliodhna Eabha Laoise
    Mairead Nicole Sophie Julia Natalia Oliwia Amelia Lena Ieva Austeja Emilija Ugne Paulina Weronika Kornelia""",
    "M": """Jack James Ryan Sean Conall Darragh Cathal Colm Michael Matthew Daniel Aidan Liam Callum Shane Adam Thomas
    Dara Niall Donal Tiarnan Cian Ronan Finbar Lorcan Peadar Senan Ultan Ciaran Jakub Szymon Filip Antoni Wiktor Oskar
    Matas Nojus Dominykas Kajus Benas Aaron Luke Nathan Jamie Christopher Caolan Eamon Brendan Barra Cillian""",
}
FILLER_LAST_TEXT = """McKeown McAvoy McGrath McGuinness McStravick Donnelly Murphy Kearney Hughes Keenan Murray Mullan
McNally Fegan Hagan Trainor Lennon Lynch Magee Campbell Moore Brennan Burns McKeever McCusker McElroy Toal Rooney
Maguire Mooney Cullen Hanna McShane McVeigh Traynor Boyle Sheridan Rocks Quigley Coyle McAnespie Duffy Mallan Morgan
Nugent Fox Grimes Hampsey Kerr Laverty McHugh Rice Woods Nowicki Kaczmarek Mazur Krawczyk Lewandowski Kazlauskas Vaitkus
Petraitis Ó_Súilleabháin Mac_Giolla_Bhríde Ní_Chathail"""
FILLER_LAST = [name.replace("_", " ") for name in re.split(r"\s+", FILLER_LAST_TEXT.strip())]
# Staff names, saints and form names that filler pupils must not carry (so no filler pupil shares a cast word).
RESERVED = {
    "Ciaran",
    "Caolan",
    "Hughes",
    "Trainor",
    "Doherty",
    "O'Neill",
    "Kelly",
    "Brigid",
    "Patrick",
    "Enda",
    "Malachy",
    "Hagan",
    "Donnelly",
    "Keenan",
    "Mullan",
    "Duffy",
    "Rooney",
    "McCloskey",
    "Tierney",
    "Begley",
    "Morgan",
    "Sheridan",
    "Magee",
    "Murphy",
    "Brennan",
    "Campbell",
    "Moore",
    "Kerr",
    "Fox",
    "Rice",
    "Woods",
}


def fillers(rng: random.Random, cast_words: set[str], count_by_form: dict[str, int]) -> list[tuple]:
    """Pupils nobody posts about, with names never used by the cast (so every gold pupil stays exact)."""
    blocked = cast_words | RESERVED
    pools = {g: [n for n in dict.fromkeys(FILLER_FIRST[g].split()) if n not in blocked] for g in FILLER_FIRST}
    lasts = [n for n in FILLER_LAST if n not in blocked]
    rows = []
    for form, count in count_by_form.items():
        year = int(form.split()[0].rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
        for _ in range(count):
            gender = rng.choice("FM")
            first = rng.choice(pools[gender])
            last = rng.choice(lasts)
            roll = rng.random()
            photo = Y if roll < 0.87 else (N if roll < 0.95 else "")
            roll = rng.random()
            name = Y if roll < 0.86 else (N if roll < 0.95 else "")
            no_pub = "Y" if rng.random() < 0.02 else ""
            rows.append((first, "", last, gender, year, form, photo, name, no_pub))
    return rows


def main() -> int:
    rng = random.Random(SEED)
    cast_words = {c[0] for c in CAST.values()} | {c[1] for c in CAST.values() if c[1]}
    cast_words |= {c[2] for c in CAST.values()}
    in_form: dict[str, int] = {}
    for c in CAST.values():
        in_form[c[5]] = in_form.get(c[5], 0) + 1
    count_by_form = {f: PER_FORM[y] - in_form.get(f, 0) for y, forms in FORMS.items() for f in forms}
    people: list[tuple[str | None, tuple]] = [(key, row) for key, row in CAST.items()]
    people += [(None, row) for row in fillers(rng, cast_words, count_by_form)]
    rng.shuffle(people)
    records = []
    upns: dict[str, str] = {}
    for index, (key, (first, pref, last, gender, year, form, photo, name, no_pub)) in enumerate(people):
        upn = make_upn("N427", key or f"filler-{form}-{index}")
        if key:
            upns[key] = upn
        adno = f"{20000 + index * 13 % 9973:05d}"
        house = HOUSES[index % 4]
        records.append([adno, upn, last, first, pref, gender, f"Year {year}", form, house, photo, name, no_pub])
    records.sort(key=lambda r: (int(r[6].split()[1]), r[7], r[2], r[3]))
    with (HERE / "roster_ulster.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerows(TITLE)
        writer.writerow(HEADER)
        writer.writerows(records)
    print(f"roster_ulster.csv: {len(records)} pupils")
    fill_cast_keys(HERE / "posts_ulster.md", upns)
    return 0


if __name__ == "__main__":
    sys.exit(main())
