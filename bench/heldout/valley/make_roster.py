"""Write roster_valley.csv (invented pupils of "Ysgol Gynradd Cwm Tawel") and fill cast keys in the posts.

    .venv/bin/python bench/heldout/valley/make_roster.py

A SIMS-style report as a small Welsh school exports it: two title rows above the header, the English field names
(the importer refuses the bilingual headings and the Welsh consent values, see the README), consent as Yes / No /
blank. Four mixed-age classes. The roster is the named cast (the pupils the posts talk about, with the consent each
needs) plus seeded filler pupils whose first names never collide with the cast's, a class name or a neighbouring
school pupil's name in the posts, so the gold pupil of every mention stays exact. Surnames are shared freely (Jones,
Williams, Davies, Evans, Thomas), as in a real Welsh village. Deterministic: the same seed gives the same file.
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

SEED = 110_2026
TITLE = [["Ysgol Gynradd Cwm Tawel"], ["Pupil list with media consent", "", "", "", "Date: 02/09/2026"], []]
HEADER = [
    "Reg Group",
    "Surname",
    "Forename",
    "Preferred Forename",
    "Gender",
    "DOB",
    "Year",
    "Adno",
    "UPN",
    "Consent Social Media Photo",
    "Consent Social Media Name",
    "Do Not Publish",
]
# Mixed-age classes: year -> class, and pupils per year group.
CLASS_OF = {
    "N": "Derwen",
    "R": "Derwen",
    "1": "Onnen",
    "2": "Onnen",
    "3": "Bedw",
    "4": "Bedw",
    "5": "Celyn",
    "6": "Celyn",
}
PER_YEAR = {"N": 10, "R": 13, "1": 14, "2": 14, "3": 14, "4": 15, "5": 15, "6": 14}
Y, N = "Yes", "No"

# key: (forename, preferred, surname, gender, year, photo, name, do not publish)
CAST: dict[str, tuple[str, str, str, str, str, str, str, str]] = {
    "macsen_j": ("Macsen", "", "Jones", "M", "N", Y, Y, ""),
    "mabli_h": ("Mabli", "", "Hughes", "F", "R", Y, Y, ""),
    "efa_t": ("Efa", "", "Thomas", "F", "R", Y, N, ""),
    "nia_j": ("Nia", "", "Jones", "F", "1", Y, Y, ""),
    "llyr_e": ("Llŷr", "", "Evans", "M", "1", Y, Y, ""),
    "alaw_g": ("Alaw", "", "Griffiths", "F", "1", Y, Y, ""),
    "ela_r": ("Ela", "", "Rees", "F", "1", Y, Y, ""),
    "mali_t": ("Mali", "", "Thomas", "F", "1", Y, Y, "Yes"),
    "cerys_w": ("Cerys", "", "Williams", "F", "2", Y, N, ""),
    "rhys_p": ("Rhys", "", "Pritchard", "M", "2", Y, Y, ""),
    "derwen_j": ("Derwen", "", "Jenkins", "M", "2", Y, Y, ""),
    "lowri_d": ("Lowri", "", "Davies", "F", "2", Y, Y, ""),
    "ruby_h": ("Ruby", "", "Hall", "F", "2", Y, Y, ""),
    "dafydd_t": ("Dafydd", "", "Thomas", "M", "3", Y, Y, ""),
    "iestyn_m": ("Iestyn", "", "Morgan", "M", "3", Y, N, ""),
    "celyn_p": ("Celyn", "", "Price", "F", "3", Y, Y, ""),
    "megan_w": ("Megan", "", "Williams", "F", "3", Y, Y, ""),
    "deio_p": ("Dewi", "Deio", "Parry", "M", "3", Y, Y, ""),
    "zofia_n": ("Zofia", "", "Nowak", "F", "3", Y, Y, ""),
    "gethin_d": ("Gethin", "", "Davies", "M", "4", Y, Y, ""),
    "elin_e": ("Elin", "", "Evans", "F", "4", Y, Y, ""),
    "sion_l": ("Siôn", "", "Lewis", "M", "4", Y, Y, ""),
    "seren_w": ("Seren", "", "Williams", "F", "4", Y, Y, ""),
    "jac_j": ("Jac", "", "Jones", "M", "4", Y, "", ""),
    "alfie_t": ("Alfie", "", "Turner", "M", "4", N, N, ""),
    "cerys_j": ("Cerys", "", "Jones", "F", "5", Y, Y, ""),
    "osian_t": ("Osian", "", "Thomas", "M", "5", Y, Y, ""),
    "gwen_r": ("Gwenllian", "Gwen", "Roberts", "F", "5", Y, Y, ""),
    "tomos_d": ("Tomos", "", "Davies", "M", "5", Y, Y, ""),
    "oliver_b": ("Oliver", "", "Bennett", "M", "5", Y, Y, ""),
    "dafydd_e": ("Dafydd", "Daf", "Evans", "M", "6", Y, Y, ""),
    "rhys_w": ("Rhys", "", "Williams", "M", "6", Y, Y, "Yes"),
    "elin_d": ("Elin", "", "Davies", "F", "6", Y, "", ""),
    "ffion_j": ("Ffion", "", "Jones", "F", "6", Y, Y, ""),
    "harri_e": ("Harri", "", "Evans", "M", "6", Y, Y, ""),
    "tali_o": ("Taliesin", "Tali", "Owen", "M", "6", Y, Y, ""),
    "guto_h": ("Guto", "", "Hughes", "M", "6", Y, Y, ""),
}
FILLER_FIRST = {
    "F": """Alys Anwen Beca Betsan Catrin Carys Efa-Grug Eirlys Elan Enfys Erin Esyllt Glesni Gwawr Hafwen Heledd Indeg
    Lili-Mai Lois Lleucu Mared Mererid Miriam Nel Non Nanw Olwen Rhiannon Sara Sioned Swyn Tegan Tirion Awen Begw
    Manon Medi Myfanwy Eva Grace Poppy Isla Evie Maisie""",
    "M": """Aled Alun Arthur Bedwyr Caio Cynan Dylan Elis Emyr Gruffydd Gwion Hedd Ifan Ioan Iolo Jac-Huw
    Lewys Math Morgan Nedw Owain Peredur Rhodri Rhun Steffan Tudur Wil Ynyr Twm Cian Dion Efan Gwilym Idris Leo
    Noah Finley Jacob""",
}
FILLER_LAST = """Jones Jones Jones Williams Williams Williams Davies Davies Evans Evans Thomas Thomas Roberts Roberts
Hughes Lewis Morgan Griffiths Owen Owen Price Rees Jenkins Pritchard Parry Lloyd Powell Edwards Morris Rowlands Pugh
Bowen Wynne Llywelyn Vaughan Watkins Probert Prosser Harris Smith Taylor Brown"""
# Names of pupils at the neighbouring school, and other names the posts use for non-pupils.
NOT_ON_ROLL = {"Cai", "Lili", "Wyn", "Mair", "Huw", "Morgan", "Delyth", "Owain", "Sam"}


def dob(rng: random.Random, year: str) -> str:
    """A birth date inside the 2026/27 year group (Year 6 born Sep 2015 - Aug 2016)."""
    offset = {"N": -1, "R": 0}.get(year, int(year) if year.isdigit() else 0)
    start = dt.date(2021 - offset, 9, 1)
    return (start + dt.timedelta(days=rng.randrange(365))).strftime("%d/%m/%Y")


def fillers(rng: random.Random, taken: set[str], counts: dict[str, int]) -> list[tuple]:
    pools = {g: [n for n in dict.fromkeys(FILLER_FIRST[g].split()) if n not in taken] for g in FILLER_FIRST}
    lasts = FILLER_LAST.split()
    rows = []
    for year, count in counts.items():
        for _ in range(count):
            gender = rng.choice("FM")
            roll = rng.random()
            photo = Y if roll < 0.9 else (N if roll < 0.96 else "")
            roll = rng.random()
            name = Y if roll < 0.88 else (N if roll < 0.95 else "")
            no_pub = "Yes" if rng.random() < 0.02 else ""
            rows.append((rng.choice(pools[gender]), "", rng.choice(lasts), gender, year, photo, name, no_pub))
    return rows


def main() -> int:
    rng = random.Random(SEED)
    taken = {c[0] for c in CAST.values()} | {c[1] for c in CAST.values() if c[1]} | NOT_ON_ROLL
    taken |= set(CLASS_OF.values())
    in_year: dict[str, int] = {}
    for c in CAST.values():
        in_year[c[4]] = in_year.get(c[4], 0) + 1
    counts = {year: PER_YEAR[year] - in_year.get(year, 0) for year in PER_YEAR}
    people: list[tuple[str | None, tuple]] = [(key, row) for key, row in CAST.items()]
    people += [(None, row) for row in fillers(rng, taken, counts)]
    rng.shuffle(people)
    records, upns = [], {}
    for index, (key, (first, pref, last, gender, year, photo, name, no_pub)) in enumerate(people):
        upn = make_upn("W669", key or f"filler-{year}-{index}")
        if key:
            upns[key] = upn
        adno = f"{1400 + (index * 13) % 997:04d}"
        records.append(
            [CLASS_OF[year], last, first, pref, gender, dob(rng, year), year, adno, upn, photo, name, no_pub]
        )
    order = list(PER_YEAR)
    records.sort(key=lambda r: (order.index(r[6]), r[1], r[2]))
    with (HERE / "roster_valley.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerows(TITLE)
        writer.writerow(HEADER)
        writer.writerows(records)
    print(f"roster_valley.csv: {len(records)} pupils")
    fill_cast_keys(HERE / "posts_valley.md", upns)
    return 0


if __name__ == "__main__":
    sys.exit(main())
