"""Parse a pupil export from the school MIS (SIMS, Arbor, ...) into Pupils.

Parsing never touches the database: it returns the pupils and every problem
found (with line numbers). The store imports only a file with no problems,
so an import is all-or-nothing.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from postguard.consent.store import GRANTED, NOT_ASKED, REFUSED, Pupil

# Canonical field -> header spellings seen in SIMS and Arbor exports (compared folded).
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "upn": ("upn", "unique pupil number"),
    "adno": ("adno", "admission no", "admission number", "adm no", "admissions number"),
    "legal_forename": ("legal forename", "forename", "first name", "legal first name", "firstname"),
    "legal_surname": ("legal surname", "surname", "last name", "legal last name", "lastname"),
    "preferred_forename": (
        "preferred forename",
        "known as",
        "preferred name",
        "preferred first name",
        "chosen forename",
    ),
    "preferred_surname": ("preferred surname", "preferred last name", "chosen surname"),
    "year_group": ("year", "year group", "nc year", "national curriculum year", "yr"),
    "reg_group": (
        "reg group",
        "registration form",
        "registration group",
        "form",
        "class",
        "reg",
        "form group",
        "tutor group",
    ),
    "photo_consent": (
        "consent: social media photo",
        "social media photo consent",
        "photograph student",
        "consent social media photo",
        "photo consent",
        "social media photo",
    ),
    "name_consent": (
        "consent: social media name",
        "social media name consent",
        "consent social media name",
        "name consent",
        "social media name",
    ),
    "no_publish": ("no publish", "do not publish", "no publicity"),
}
_ALIAS_TO_FIELD = {alias: name for name, aliases in HEADER_ALIASES.items() for alias in aliases}

CONSENT_VALUES = {
    **dict.fromkeys(("yes", "y", "granted", "given", "true", "agreed", "1"), GRANTED),
    **dict.fromkeys(("no", "n", "not granted", "declined", "refused", "withdrawn", "false", "0"), REFUSED),
    **dict.fromkeys(("", "pending", "requested", "not asked", "unknown", "not known"), NOT_ASKED),
}
NO_PUBLISH_VALUES = {
    **dict.fromkeys(("yes", "y", "true", "1", "no publish", "do not publish"), True),
    **dict.fromkeys(("no", "n", "false", "0", ""), False),
}

MAX_TITLE_ROWS = 30


@dataclass
class Problem:
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


@dataclass
class ParsedRoster:
    pupils: list[Pupil] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    lost_letters: list[tuple[int, Pupil]] = field(default_factory=list)  # (line, pupil) with '?' in a name
    encoding: str = "utf-8"
    header_line: int | None = None
    columns: dict[str, str] = field(default_factory=dict)  # field -> header as written

    @property
    def ok(self) -> bool:
        return not self.problems


def fold_header(text: str) -> str:
    text = text.replace("\ufeff", "").strip().lower()
    text = re.sub(r"[\s_]+", " ", text)
    return text.strip(" .*")


_REENCODE_HELP = "Export the report again from the MIS as CSV (UTF-8) and import that file."
# A valid multi-byte UTF-8 sequence: Windows-1252 text almost never holds one.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
LOST_LETTERS = ("?", "\ufffd")


def _line_at(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode(data: bytes) -> tuple[str | None, str, Problem | None]:
    """Bytes -> text, decoding the whole file in one encoding, and only when all of it is valid there:
    UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252. A file that mixes UTF-8 with
    another encoding is refused with the first line that breaks, so no name is silently garbled."""
    if data.startswith(b"PK\x03\x04"):
        return (
            None,
            "",
            Problem(
                None,
                "This is an Excel workbook or a zip file, not a CSV. "
                "In your MIS, export the report as CSV and import that file.",
            ),
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16", None
        except UnicodeDecodeError:
            return (
                None,
                "",
                Problem(None, f"The file starts as UTF-16 text but is not all valid UTF-16. {_REENCODE_HELP}"),
            )
    if b"\x00" in data:
        return (
            None,
            "",
            Problem(
                _line_at(data, data.index(b"\x00")),
                "the file's text encoding cannot be read: this line holds a zero byte, so the file is not text. "
                + _REENCODE_HELP,
            ),
        )
    try:
        return data.decode("utf-8-sig"), "utf-8", None
    except UnicodeDecodeError as utf8_error:
        line = _line_at(data, utf8_error.start)
        if data.startswith(b"\xef\xbb\xbf") or _UTF8_MULTIBYTE.search(data):
            return (
                None,
                "",
                Problem(
                    line,
                    "the file is UTF-8 text except this line, which is in another encoding, so its accented "
                    f"letters cannot be read for sure. Nothing was guessed. {_REENCODE_HELP}",
                ),
            )
    try:
        return data.decode("cp1252"), "windows-1252", None
    except UnicodeDecodeError as cp_error:
        return (
            None,
            "",
            Problem(
                _line_at(data, cp_error.start),
                f"this line cannot be read as UTF-8 or Windows-1252 text. {_REENCODE_HELP}",
            ),
        )


def _sniff_delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[: MAX_TITLE_ROWS + 5])
    counts = {d: sample.count(d) for d in (",", ";", "\t")}
    return max(counts, key=counts.__getitem__) if any(counts.values()) else ","


def _map_header(row: list[str]) -> dict[str, int]:
    mapping: dict[str, int] = {}
    for index, cell in enumerate(row):
        name = _ALIAS_TO_FIELD.get(fold_header(cell))
        if name and name not in mapping:
            mapping[name] = index
    return mapping


def normalise_year(value: str) -> str:
    v = value.strip()
    folded = v.lower()
    if folded in ("r", "rec", "reception", "yr r", "year r"):
        return "R"
    m = re.fullmatch(r"(?:year|yr|y)?\s*(\d{1,2})", folded)
    if m:
        return str(int(m.group(1)))
    return v


def parse_mis_csv(data: bytes, *, filename: str = "") -> ParsedRoster:
    result = ParsedRoster()
    text, result.encoding, problem = decode(data)
    if text is None:
        result.problems.append(problem)  # type: ignore[arg-type]
        return result
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text)))
    except csv.Error as exc:
        result.problems.append(Problem(None, f"The file is not a well-formed CSV ({exc})."))
        return result

    header_index, mapping = None, {}
    for index, row in enumerate(rows[:MAX_TITLE_ROWS]):
        candidate = _map_header(row)
        if ("upn" in candidate or "adno" in candidate) or (
            "legal_forename" in candidate and "legal_surname" in candidate
        ):
            header_index, mapping = index, candidate
            break
    if header_index is None:
        result.problems.append(
            Problem(
                None,
                "No header row with a pupil id column was found. The file needs "
                "a 'UPN' or 'Admission No' column (and forename and surname).",
            )
        )
        return result
    result.header_line = header_index + 1
    header = rows[header_index]
    result.columns = {name: header[i].strip() for name, i in mapping.items()}
    missing = [
        label for name, label in (("legal_forename", "forename"), ("legal_surname", "surname")) if name not in mapping
    ]
    if "upn" not in mapping and "adno" not in mapping:
        missing.insert(0, "UPN or admission number")
    if missing:
        result.problems.append(
            Problem(
                result.header_line,
                "The header row has no " + " or ".join(missing) + " column, so pupils cannot be identified.",
            )
        )
        return result
    if "name_consent" not in mapping and "no_publish" not in mapping:
        result.problems.append(
            Problem(
                result.header_line,
                "The header row has no social-media name consent "
                "column (e.g. 'Consent: Social Media Name') and no 'No Publish' column. "
                "Add the consent fields to the MIS report and export again.",
            )
        )
        return result

    seen_upn: dict[str, int] = {}
    seen_adno: dict[str, int] = {}
    for index in range(header_index + 1, len(rows)):
        line = index + 1
        row = rows[index]
        cells = {name: (row[i].strip() if i < len(row) else "") for name, i in mapping.items()}
        if not any(cells.values()):
            continue  # blank or footer-only row
        upn = cells.get("upn", "").upper().replace(" ", "")
        adno = cells.get("adno", "")
        row_problems = []
        if not upn and not adno:
            row_problems.append("no UPN or admission number")
        if upn and upn in seen_upn:
            row_problems.append(f"UPN {upn} appears twice (also on line {seen_upn[upn]})")
        if adno and adno in seen_adno:
            row_problems.append(f"admission number {adno} appears twice (also on line {seen_adno[adno]})")
        if not cells.get("legal_forename") or not cells.get("legal_surname"):
            row_problems.append("the forename or surname is empty")
        consent: dict[str, str] = {}
        for name in ("photo_consent", "name_consent"):
            raw = cells.get(name, "")
            value = CONSENT_VALUES.get(raw.lower())
            if value is None:
                row_problems.append(
                    f"'{raw}' in column '{result.columns[name]}' is not a consent value (use Yes, No or leave blank)"
                )
            consent[name] = value or NOT_ASKED
        raw_np = cells.get("no_publish", "")
        no_publish = NO_PUBLISH_VALUES.get(raw_np.lower())
        if no_publish is None:
            row_problems.append(f"'{raw_np}' in column '{result.columns['no_publish']}' is not Yes or No")
        for message in row_problems:
            result.problems.append(Problem(line, message))
        if upn:
            seen_upn.setdefault(upn, line)
        if adno:
            seen_adno.setdefault(adno, line)
        if row_problems:
            continue
        pupil = Pupil(
            pupil_id=upn or f"adno:{adno}",
            upn=upn or None,
            adno=adno or None,
            legal_forename=cells["legal_forename"],
            legal_surname=cells["legal_surname"],
            preferred_forename=cells.get("preferred_forename", ""),
            preferred_surname=cells.get("preferred_surname", ""),
            year_group=normalise_year(cells.get("year_group", "")),
            reg_group=cells.get("reg_group", ""),
            photo_consent=consent["photo_consent"],
            name_consent=consent["name_consent"],
            no_publish=bool(no_publish),
        )
        result.pupils.append(pupil)
        names = (pupil.legal_forename, pupil.legal_surname, pupil.preferred_forename, pupil.preferred_surname)
        if any(mark in name for name in names for mark in LOST_LETTERS):
            result.lost_letters.append((line, pupil))
    if not result.pupils and not result.problems:
        result.problems.append(Problem(None, "The file has a header row but no pupils."))
    return result
