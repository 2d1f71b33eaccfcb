"""Write roster_secondary.csv (invented pupils of "Kingsmead Academy", Years 7-13) and fill cast keys in the posts.

    .venv/bin/python bench/devset_secondary/make_roster.py

The roster is the named cast below (the pupils the posts talk about, with the consent each needs) plus seeded
filler pupils whose first names never collide with the cast's, so the gold pupil of every mention stays exact.
Posts may be written with `[[surface|@cast_key]]`; this script rewrites those keys to the cast member's UPN in
posts_secondary.md (idempotent). Deterministic: the same seed gives the same file.
"""

from __future__ import annotations

import csv
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from build import fill_cast_keys, make_upn  # noqa: E402

SEED = 12_2026
HEADER = [
    "UPN",
    "Admission Number",
    "Legal First Name",
    "Preferred First Name",
    "Legal Last Name",
    "Preferred Last Name",
    "Gender",
    "Year Group",
    "Registration Form",
    "House",
    "Photograph Student",
    "Social Media Name Consent",
    "Do Not Publish",
]
# Years 7-8: tutor groups named after the houses; Years 9-11: tutor initials; sixth form: S / T.
FORMS = {
    7: ["7 Rowan", "7 Hazel", "7 Willow", "7 Aspen"],
    8: ["8 Rowan", "8 Hazel", "8 Willow", "8 Aspen"],
    9: ["9RB", "9KT", "9LM"],
    10: ["10KLM", "10SD", "10HW"],
    11: ["11PW", "11JA", "11RB"],
    12: ["12S", "12T"],
    13: ["13S", "13T"],
}
PER_FORM = {7: 25, 8: 25, 9: 26, 10: 26, 11: 26, 12: 22, 13: 22}
HOUSES = ["Rowan", "Hazel", "Willow", "Aspen"]
G, N = "Granted", "Not Granted"

# key: (legal first, preferred first, legal last, gender, year, form, photo, name consent, do not publish)
CAST: dict[str, tuple[str, str, str, str, int, str, str, str, str]] = {
    "esme_k": ("Esme", "", "Kaur", "F", 9, "9RB", G, G, ""),
    "esme_l": ("Esme", "", "Lawson", "F", 9, "9KT", G, N, ""),
    "esme_b": ("Esme", "", "Barker", "F", 12, "12T", G, G, ""),
    "jay_m": ("Jay", "", "Mistry", "M", 10, "10KLM", G, G, ""),
    "jay_o": ("Jay", "", "Okonkwo", "M", 8, "8 Hazel", "", "", ""),
    "hope_a": ("Hope", "", "Adebayo", "F", 11, "11PW", G, G, ""),
    "hope_s": ("Hope", "", "Sinclair", "F", 7, "7 Willow", N, N, ""),
    "grace_n": ("Grace", "", "Nwosu", "F", 12, "12S", G, G, ""),
    "grace_o": ("Grace", "", "O'Brien", "F", 9, "9LM", G, N, ""),
    "grace_w": ("Grace", "", "Walsh", "F", 7, "7 Rowan", G, G, ""),
    "will_f": ("William", "Will", "Fenwick", "M", 10, "10SD", G, G, ""),
    "will_a": ("William", "Will", "Ashworth", "M", 13, "13T", N, N, ""),
    "summer_r": ("Summer", "", "Reid", "F", 8, "8 Aspen", G, G, ""),
    "autumn_b": ("Autumn", "", "Blake", "F", 10, "10HW", G, G, ""),
    "rose_g": ("Rose", "", "Gallagher", "F", 11, "11JA", G, G, ""),
    "rose_p": ("Rose", "", "Pereira", "F", 8, "8 Willow", G, N, ""),
    "ivy_c": ("Ivy", "", "Chen", "F", 7, "7 Hazel", G, G, ""),
    "sky_b": ("Sky", "", "Barnes", "F", 9, "9RB", N, N, ""),
    "faith_m": ("Faith", "", "Mensah", "F", 13, "13S", G, G, ""),
    "faith_o": ("Faith", "", "Okafor", "F", 8, "8 Rowan", G, "", ""),
    "bear_w": ("Bear", "", "Whitlock", "M", 7, "7 Aspen", G, G, ""),
    "river_t": ("River", "", "Thompson", "M", 11, "11RB", G, G, ""),
    "star_b": ("Star", "", "Babatunde", "F", 10, "10KLM", G, G, ""),
    "hazel_m": ("Hazel", "", "Morgan", "F", 9, "9KT", G, G, ""),
    "rowan_e": ("Rowan", "", "Ellis", "M", 12, "12T", N, N, ""),
    "willow_p": ("Willow", "", "Price", "F", 8, "8 Willow", G, G, ""),
    "aspen_c": ("Aspen", "", "Clarke", "F", 10, "10SD", G, G, ""),
    "zoe_p": ("Zoë", "", "Papadopoulos", "F", 9, "9LM", G, G, ""),
    "chloe_m": ("Chloé", "", "Martin", "F", 11, "11PW", G, G, ""),
    "sian_r": ("Siân", "", "Roberts", "F", 7, "7 Rowan", G, G, ""),
    "aoife_o": ("Aoife", "", "O'Sullivan", "F", 10, "10HW", G, N, ""),
    "ciaran_d": ("Ciarán", "", "D'Souza", "M", 12, "12S", G, G, ""),
    "lucja_w": ("Łucja", "", "Wiśniewska", "F", 8, "8 Hazel", G, G, ""),
    "amara_j": ("Amara", "", "Jones-Okafor", "F", 11, "11JA", G, G, ""),
    "theo_a": ("Theo", "", "Ashby-Clarke", "M", 9, "9RB", G, G, ""),
    "leila_h": ("Leila", "", "Hassan-Whyte", "F", 13, "13T", G, G, ""),
    "dami_a": ("Oluwadamilare", "Dami", "Adeyemi", "M", 10, "10KLM", G, G, ""),
    "sasha_p": ("Alexander", "Sasha", "Petrov", "M", 12, "12S", G, G, ""),
    "mo_r": ("Mohammed", "Mo", "Rahman", "M", 11, "11RB", G, G, ""),
    "kasia_n": ("Katarzyna", "Kasia", "Nowak", "F", 8, "8 Aspen", G, G, ""),
    "ola_n": ("Aleksandra", "Ola", "Nowak", "F", 10, "10HW", G, G, ""),
    "libby_h": ("Elizabeth", "Libby", "Hart", "F", 7, "7 Willow", G, G, ""),
    "pippa_l": ("Pippa", "", "Lloyd", "F", 9, "9LM", G, G, ""),
    "isabel_m": ("Isabel", "", "Moreno", "F", 11, "11JA", G, N, ""),
    "zac_h": ("Zac", "", "Hughes", "M", 10, "10HW", G, G, ""),
    "kai_n": ("Kai", "", "Nakamura", "M", 10, "10HW", G, G, ""),
    "kai_d": ("Kai", "", "Dlamini", "M", 7, "7 Aspen", G, N, ""),
    "sam_o": ("Samuel", "Sam", "Osei", "M", 8, "8 Rowan", N, N, ""),
    "amir_h": ("Amir", "", "Haddad", "M", 7, "7 Rowan", G, G, ""),
    "juliet_a": ("Juliet", "", "Asante", "F", 12, "12T", G, N, ""),
    "kofi_o": ("Kofi", "", "Owusu", "M", 9, "9KT", G, G, ""),
    "omar_f": ("Omar", "", "Farouk", "M", 9, "9RB", G, G, ""),
    "omar_s": ("Omar", "", "Sheikh", "M", 9, "9KT", G, N, ""),
    "finn_c": ("Finn", "", "Callaghan", "M", 9, "9RB", G, G, ""),
    "finn_w": ("Finn", "", "Webster", "M", 11, "11PW", "", "", ""),
    "priya_s": ("Priya", "", "Shah", "F", 13, "13S", G, G, ""),
    "arjun_p": ("Arjun", "", "Patel", "M", 12, "12S", G, G, ""),
    "arjun_s": ("Arjun", "", "Singh", "M", 8, "8 Hazel", G, N, ""),
    "yusuf_a": ("Yusuf", "", "Abdi", "M", 10, "10SD", G, G, ""),
    "hodan_w": ("Hodan", "", "Warsame", "F", 11, "11RB", G, G, ""),
    "minh_n": ("Minh", "", "Nguyen", "M", 9, "9LM", G, G, ""),
    "tomas_s": ("Tomás", "", "Silva", "M", 10, "10KLM", G, G, ""),
    "ioana_p": ("Ioana", "", "Popescu", "F", 8, "8 Willow", G, G, ""),
    "lukas_k": ("Lukas", "", "Kazlauskas", "M", 12, "12T", G, G, ""),
    "elif_y": ("Elif", "", "Yilmaz", "F", 7, "7 Hazel", G, G, ""),
    "ruby_s": ("Ruby", "", "Stevens", "F", 11, "11PW", G, G, ""),
    "ruby_k": ("Ruby", "", "Kowalczyk", "F", 7, "7 Willow", G, N, ""),
    "daniel_o": ("Daniel", "", "Obi", "M", 13, "13S", G, G, ""),
    "lily_c": ("Lily", "", "Chaudhry", "F", 10, "10SD", G, G, ""),
    "lily_b": ("Lily", "", "Brennan", "F", 12, "12S", G, N, ""),
    "noah_b": ("Noah", "", "Bello", "M", 11, "11JA", G, G, ""),
    "noah_w": ("Noah", "", "Whitfield", "M", 7, "7 Rowan", G, G, ""),
    "oscar_l": ("Oscar", "", "Lindqvist", "M", 13, "13T", G, G, ""),
    "maya_g": ("Maya", "", "Goldberg", "F", 9, "9KT", G, G, ""),
    "nia_e": ("Nia", "", "Evans", "F", 10, "10HW", G, G, ""),
    "rhys_j": ("Rhys", "", "Jenkins", "M", 12, "12T", G, G, ""),
    "callum_m": ("Callum", "", "MacLeod", "M", 11, "11RB", G, G, ""),
    "ellie_f": ("Eleanor", "Ellie", "Fitzgerald", "F", 8, "8 Rowan", G, G, ""),
    "harvey_b": ("Harvey", "", "Booth", "M", 13, "13S", G, G, ""),
    "tyler_j": ("Tyler", "", "James", "M", 11, "11PW", G, G, ""),
    "aaliyah_m": ("Aaliyah", "", "Mohammed", "F", 9, "9RB", G, G, ""),
    "ethan_c": ("Ethan", "", "Cole", "M", 7, "7 Hazel", G, G, ""),
    "kiran_d": ("Kiran", "", "Dhillon", "F", 13, "13T", "", "", ""),
    "jamal_r": ("Jamal", "", "Robinson", "M", 10, "10SD", G, G, "Yes"),
    "mia_t": ("Mia", "", "Turner", "F", 8, "8 Aspen", G, G, "Yes"),
    "alfie_p": ("Alfie", "", "Parsons", "M", 9, "9LM", G, G, ""),
    "poppy_h": ("Poppy", "", "Hudson", "F", 7, "7 Aspen", G, G, ""),
    "jack_r": ("Jack", "", "Rowe", "M", 10, "10KLM", G, G, ""),
    "jack_t": ("Jack", "", "Taylor", "M", 12, "12S", N, N, ""),
    "ava_s": ("Ava", "", "Stone", "F", 11, "11JA", G, G, ""),
    "freddie_w": ("Freddie", "", "Wood", "M", 8, "8 Willow", G, G, ""),
    "georgia_k": ("Georgia", "", "Knight", "F", 9, "9KT", G, G, ""),
    "sophia_d": ("Sophia", "", "Demir", "F", 10, "10SD", G, G, ""),
    "hamza_q": ("Hamza", "", "Qureshi", "M", 12, "12T", G, G, ""),
    "zainab_a": ("Zainab", "", "Ali", "F", 13, "13S", G, G, ""),
    "mei_w": ("Mei", "", "Wong", "F", 11, "11RB", G, G, ""),
    "joy_o": ("Joy", "", "Okeke", "F", 7, "7 Willow", G, G, ""),
    "bilal_k": ("Bilal", "", "Khan", "M", 11, "11RB", G, N, ""),
    "tiago_f": ("Tiago", "", "Ferreira", "M", 8, "8 Aspen", G, G, ""),
    "nadia_b": ("Nadia", "", "Bianchi", "F", 13, "13T", G, G, ""),
    "kwame_a": ("Kwame", "", "Asiedu", "M", 11, "11PW", G, G, ""),
    "erin_m": ("Erin", "", "McCann", "F", 9, "9RB", G, G, ""),
    "dylan_h": ("Dylan", "", "Howell", "M", 10, "10HW", G, N, ""),
    "marcus_g": ("Marcus", "", "Grant", "M", 12, "12S", G, G, ""),
    "leon_b": ("Leon", "", "Brooks", "M", 8, "8 Hazel", G, G, ""),
    "tegan_w": ("Tegan", "", "Wyn", "F", 11, "11JA", G, G, ""),
}

FILLER_FIRST = {
    "F": """Olivia Amelia Isla Ava Mia Freya Sophie Emily Evie Charlotte Scarlett Matilda Phoebe Imogen Harriet Megan
    Jessica Holly Lucy Millie Darcy Layla Aisha Fatima Maryam Ayesha Hafsa Khadija Amina Zara Anaya Diya Ishani Riya
    Simran Harleen Jasleen Ananya Kavya Adaeze Chiamaka Ngozi Folake Temitope Abena Akosua Efua Ama Yaa Ifrah Sagal
    Nimo Ayaan Fartun Wiktoria Zuzanna Julia Natalia Oliwia Maja Antonia Bianca Elena Daria Ieva Gabija Rūta Xinyi
    Yuna Hana Mai Thu Linh Ngoc Beatriz Inês Leonor Mariana Larissa Eleni Katerina Defne Zeynep Ebru Saoirse Niamh
    Orla Ciara Caoimhe Eilidh Isla Morag Cerys Ffion Seren Carys Nevaeh Shanice Tiana Jada Kiara Precious Blessing
    Precious Tamara Alicia Bethany Chantelle Courtney Jasmine Keira Lacey Paige Shannon Tia Yasmin Noor Rania Lina""",
    "M": """Oliver George Harry Jacob Charlie Thomas Oscar James Henry Leo Arthur Archie Joshua Alfred Edward Louis
    Mason Logan Lucas Max Reuben Toby Joseph Samir Ibrahim Yusuf Ayaan Zayn Rayan Haris Hassan Idris Aarav Vihaan
    Reyansh Ishaan Rohan Dev Karan Gurpreet Harjit Manpreet Chinedu Emeka Tobenna Obinna Kayode Tunde Kwabena Kojo
    Yaw Kwesi Abdirahman Abdullahi Mahad Liban Jakub Szymon Filip Kacper Mateusz Antoni Andrei Mihai Stefan Matas
    Jonas Haoran Wei Jun Hiro Haruto Duc Anh Quang Rafael Gonçalo Duarte Rodrigo Nikos Yiannis Emre Mert Baran Cian
    Oisín Darragh Ruairí Euan Fraser Lachlan Hamish Rhodri Gethin Osian Ieuan Tyrese Jermaine Kyle Reece Jordan
    Kieran Connor Bradley Jake Liam Ryan Corey Kayden Malik Ahmed Tariq""",
}
FILLER_LAST_TEXT = """Smith Jones Williams Brown Taylor Wilson Davies Evans Thomas Johnson Roberts Walker Wright
Robinson
Thompson White Hughes Edwards Green Hall Wood Harris Lewis Martin Jackson Clarke Clark Turner Hill Scott Cooper
Morris Ward Moore King Watson Baker Harrison Morgan Patel Young Allen Mitchell James Anderson Phillips Lee Bell Parker
Davis Khan Hussain Ahmed Begum Akhtar Iqbal Malik Mahmood Chowdhury Uddin Miah Rahman Islam Sharma Gupta Kumar Mistry
Parmar Chauhan Solanki Gill Sandhu Sidhu Bains Johal Okoro Eze Nwankwo Obi Adeyemi Oyelaran Balogun Afolabi Mensah
Boateng Osei Agyeman Appiah Ansah Mohamud Hassan Farah Abdullahi Jama Kowalski Wójcik Kamińska Lewandowski Zieliński
Szymańska Popa Ionescu Stan Petrauskas Jankauskas Wang Zhang Liu Huang Lin Tanaka Sato Pham Tran Le Santos Costa
Oliveira Rodrigues Pereira Georgiou Christodoulou Yildiz Kaya Ozturk Murphy Kelly O'Connor Byrne Ryan Doyle McCarthy
Ní_Bhriain MacDonald Campbell Stewart Fraser Reid Lloyd Griffiths Pritchard Rees Price-Evans Francis Campbell-Grant
Henry Forbes Bailey Stewart-Hamilton Gordon Ellis Chambers Fletcher Marsh Holt Kerr Nash Pearce Sutton Webb"""
FILLER_LAST = [
    name.replace("_", " ") for name in re.split(r"\s+", FILLER_LAST_TEXT.strip())
]  # "_" keeps a two-word surname


def fillers(rng: random.Random, cast_firsts: set[str], count_by_form: dict[str, int]) -> list[tuple]:
    """Pupils nobody posts about, with first names never used by the cast (so every gold pupil stays exact)."""
    pools = {g: [n for n in dict.fromkeys(FILLER_FIRST[g].split()) if n not in cast_firsts] for g in FILLER_FIRST}
    rows = []
    for form, count in count_by_form.items():
        year = int(form.split()[0].rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
        for _ in range(count):
            gender = rng.choice("FM")
            first = rng.choice(pools[gender])
            last = rng.choice(FILLER_LAST)
            roll = rng.random()
            photo = G if roll < 0.86 else (N if roll < 0.94 else "")
            roll = rng.random()
            name = G if roll < 0.88 else (N if roll < 0.95 else "")
            no_pub = "Yes" if rng.random() < 0.03 else ("No" if rng.random() < 0.2 else "")
            rows.append((first, "", last, gender, year, form, photo, name, no_pub))
    return rows


def main() -> int:
    rng = random.Random(SEED)
    cast_firsts = {c[0] for c in CAST.values()} | {c[1] for c in CAST.values() if c[1]}
    in_form: dict[str, int] = {}
    for c in CAST.values():
        in_form[c[5]] = in_form.get(c[5], 0) + 1
    count_by_form = {f: PER_FORM[y] - in_form.get(f, 0) for y, forms in FORMS.items() for f in forms}
    people: list[tuple[str | None, tuple]] = [(key, row) for key, row in CAST.items()]
    people += [(None, row) for row in fillers(rng, cast_firsts, count_by_form)]
    rng.shuffle(people)
    records = []
    upns: dict[str, str] = {}
    for index, (key, (first, pref, last, gender, year, form, photo, name, no_pub)) in enumerate(people):
        upn = make_upn("K881", key or f"filler-{form}-{index}")
        if key:
            upns[key] = upn
        adno = f"{13000 + index * 7 % 9973:05d}"
        house = form.split()[1] if " " in form else HOUSES[index % 4]
        records.append([upn, adno, first, pref, last, "", gender, f"Year {year}", form, house, photo, name, no_pub])
    records.sort(key=lambda r: (int(r[7].split()[1]), r[8], r[4], r[2]))
    with (HERE / "roster_secondary.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(HEADER)
        writer.writerows(records)
    print(f"roster_secondary.csv: {len(records)} pupils")
    fill_cast_keys(HERE / "posts_secondary.md", upns)
    return 0


if __name__ == "__main__":
    sys.exit(main())
