"""Parse a pupil export from the school MIS (SIMS, Arbor, Bromcom, ScholarPack, in English or Welsh) into Pupils.

Parsing never touches the database: it returns the pupils and every problem
found (with line numbers). The store imports only a file with no problems,
so an import is all-or-nothing.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field

from postguard.consent.mis_headers import (
    CONSENT_FIELDS,
    FULL_NAME,
    NAME,
    NO_PUBLISH,
    PHOTO,
    fold_heading,
    read_heading,
)
from postguard.consent.store import GRANTED, NOT_ASKED, REFUSED, Pupil

# Values compared folded (fold_value). Welsh: Do/Na, Ydy/Nac ydy, Oes/Nac oes, Ie/Na.
_WELSH_YES = ("do", "ydy", "ydw", "oes", "ie")
_WELSH_NO = ("na", "nac ydy", "nac ydw", "nac oes", "naddo")
CONSENT_VALUES = {
    **dict.fromkeys(("yes", "y", "granted", "given", "true", "agreed", "1", *_WELSH_YES), GRANTED),
    **dict.fromkeys(
        ("no", "n", "not granted", "not given", "declined", "refused", "withdrawn", "false", "0", *_WELSH_NO),
        REFUSED,
    ),
    # Not asked is kept as not asked, which PostGuard treats as no consent (Pupil.may_be_named).
    **dict.fromkeys(
        (
            "",
            "pending",
            "requested",
            "not asked",
            "unknown",
            "not known",
            "not recorded",
            "no response",
            "not returned",
            "anhysbys",
            "heb ofyn",
        ),
        NOT_ASKED,
    ),
}
NO_PUBLISH_VALUES = {
    **dict.fromkeys(("yes", "y", "true", "1", "no publish", "do not publish", *_WELSH_YES), True),
    **dict.fromkeys(("no", "n", "false", "0", "", *_WELSH_NO), False),
}
CONSENT_FIELD_WORDS = {
    PHOTO: "social-media photo consent",
    NAME: "social-media name consent",
    NO_PUBLISH: "No Publish",
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
    notes: list[str] = field(default_factory=list)  # for the import summary: columns read differently or not read

    @property
    def ok(self) -> bool:
        return not self.problems


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


def _pupil_columns(row: list[str]) -> dict[str, int]:
    """field -> column for the pupil fields (first column wins): used to find the header row."""
    mapping: dict[str, int] = {}
    for index, cell in enumerate(row):
        reading = read_heading(cell)
        if reading.kind == "pupil" and reading.fields[0] not in mapping:
            mapping[reading.fields[0]] = index
    return mapping


def _identifies_pupils(mapping: dict[str, int]) -> bool:
    # A lone "Name" cell is often a title row ("Name:,Riverside Primary"), so one name column needs company.
    has_names = ("legal_forename" in mapping and "legal_surname" in mapping) or (
        FULL_NAME in mapping and len(mapping) > 1
    )
    return "upn" in mapping or "scn" in mapping or "adno" in mapping or has_names


@dataclass
class HeaderMap:
    columns: dict[str, int]  # field -> column
    problems: list[str]  # headings that stop the import
    notes: list[str]  # headings read differently or not read, for the summary


def map_header(row: list[str]) -> HeaderMap:
    """Every heading of the header row read: pupil fields, consent fields, and what is not read and why."""
    columns = _pupil_columns(row)
    problems: list[str] = []
    notes: list[str] = []
    readings = [(i, cell.strip(), read_heading(cell)) for i, cell in enumerate(row)]
    candidates: dict[str, list[tuple[int, int, str]]] = {f: [] for f in CONSENT_FIELDS}  # (strength, column, heading)
    for index, heading, reading in readings:
        if reading.kind == "consent":
            for name in reading.fields:
                candidates[name].append((reading.strength, index, heading))
    for name, found in candidates.items():
        if not found:
            continue
        best = max(strength for strength, _, _ in found)
        top = [(i, h) for strength, i, h in found if strength == best]
        if len(top) > 1:
            problems.append(
                f"Several columns could hold {CONSENT_FIELD_WORDS[name]}: "
                + ", ".join(f"'{h}'" for _, h in top)
                + ". PostGuard does not guess which one is right. Keep only the one for the school's social "
                "media in the MIS report and export again."
            )
            continue
        columns[name] = top[0][0]
        for strength, _, heading in found:
            if strength < best:
                notes.append(
                    f"The column '{heading}' was not read for {CONSENT_FIELD_WORDS[name]}: the column "
                    f"'{top[0][1]}', which names social media, was used instead."
                )
    for index, heading, reading in readings:
        if reading.kind == "refuse":
            covered = reading.topic_fields and all(name in columns for name in reading.topic_fields)
            if reading.unless_covered and covered:
                notes.append(
                    f"The column '{heading}' was not read: it is consent for something other than social media, "
                    "and the social-media consent columns were read instead."
                )
            else:
                problems.append(reading.reason)
        elif reading.with_video and any(columns.get(name) == index for name in reading.fields):
            notes.append(
                f"The column '{heading}' was read as photo or name consent; its video consent is not used: "
                "PostGuard checks the photos and names in posts. Check videos by hand against the MIS."
            )
        elif reading.kind == "video":
            notes.append(
                f"The column '{heading}' is video consent, which is not used: PostGuard checks the photos and "
                "names in posts. Check videos by hand against the MIS."
            )
        elif reading.kind == "not_read":
            notes.append(f"The column '{heading}' was not read: {reading.reason}.")
    if PHOTO not in columns and not problems:
        notes.append(
            "The file has no social-media photo consent column, so every pupil in it is recorded with photo "
            "consent not on record, which PostGuard treats as no consent."
        )
    if NAME not in columns and NO_PUBLISH in columns and not problems:
        notes.append(
            "The file has no social-media name consent column, so every pupil in it is recorded with name "
            "consent not on record, which PostGuard treats as no consent."
        )
    return HeaderMap(columns, problems, notes)


_YEAR_WORDS = {
    **dict.fromkeys(("r", "rec", "reception", "yr r", "year r", "y r", "fs2", "f2", "derbyn"), "R"),
    **dict.fromkeys(("n", "nur", "nursery", "meithrin", "nc n", "elc"), "N"),
    **dict.fromkeys(("n1", "nursery 1", "fs1", "f1", "meithrin 1"), "N1"),
    **dict.fromkeys(("n2", "nursery 2", "meithrin 2"), "N2"),
}


def normalise_year(value: str) -> str:
    """'Year 4', 'Y4', 'Blwyddyn 4' -> '4'; Reception -> 'R'; Nursery -> 'N', 'N1', 'N2'; 'Primary 5' -> 'P5';
    else as written."""
    v = value.strip()
    folded = fold_heading(v)
    if folded in _YEAR_WORDS:
        return _YEAR_WORDS[folded]
    m = re.fullmatch(r"(?:year|yr|y|nc year|blwyddyn|bl)?\s*(\d{1,2})", folded)
    if m:
        return str(int(m.group(1)))
    m = re.fullmatch(r"(p|s|primary|secondary)\s*([1-7])", folded)  # Scottish stages P1-P7, S1-S6
    if m:
        return f"{m.group(1)[0].upper()}{m.group(2)}"
    return v


def fold_value(value: str) -> str:
    """A cell as compared with the value tables: lower case, no accents, single spaces ("Nac  ydy" -> "nac ydy")."""
    value = unicodedata.normalize("NFKD", value)
    return " ".join("".join(ch for ch in value if not unicodedata.combining(ch)).lower().split())


def split_full_name(value: str) -> tuple[str, str] | None:
    """'Al-Hassan, Muhammad' -> ('Muhammad', 'Al-Hassan'); None unless written 'Surname, Forename'."""
    parts = [part.strip() for part in value.split(",")]
    if len(parts) != 2 or not all(parts):
        return None
    return parts[1], parts[0]


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

    header_index = next(
        (index for index, row in enumerate(rows[:MAX_TITLE_ROWS]) if _identifies_pupils(_pupil_columns(row))), None
    )
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
    header_map = map_header(header)
    mapping = header_map.columns
    result.columns = {name: header[i].strip() for name, i in mapping.items()}
    result.notes = header_map.notes
    full_name = FULL_NAME in mapping and not ("legal_forename" in mapping and "legal_surname" in mapping)
    if not full_name:
        mapping.pop(FULL_NAME, None)
    missing = [
        label
        for name, label in (("legal_forename", "forename column"), ("legal_surname", "surname column"))
        if name not in mapping and not full_name
    ]
    id_word = "UPN"
    if "upn" in mapping:
        mapping.pop("scn", None)
        result.columns.pop("scn", None)
    elif "scn" in mapping:  # Scotland: the SCN is kept where the UPN goes
        id_word = "SCN"
        mapping["upn"] = mapping.pop("scn")
        result.columns["upn"] = result.columns.pop("scn")
    if "upn" not in mapping and "adno" not in mapping:
        missing.insert(0, "UPN or admission number column (in Scotland: SCN)")
    if missing:
        result.problems.append(
            Problem(
                result.header_line,
                "The header row has no " + " or ".join(missing) + ", so pupils cannot be identified.",
            )
        )
    for message in header_map.problems:
        result.problems.append(Problem(result.header_line, message))
    if not header_map.problems and "name_consent" not in mapping and "no_publish" not in mapping:
        unread = "".join(f" {note}" for note in header_map.notes)
        result.problems.append(
            Problem(
                result.header_line,
                "The header row has no social-media name consent "
                "column (e.g. 'Consent: Social Media Name') and no 'No Publish' column. "
                "Add the consent fields to the MIS report and export again." + unread,
            )
        )
    if result.problems:
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
            row_problems.append(f"no {id_word} or admission number")
        if upn and upn in seen_upn:
            row_problems.append(f"{id_word} {upn} appears twice (also on line {seen_upn[upn]})")
        if adno and adno in seen_adno:
            row_problems.append(f"admission number {adno} appears twice (also on line {seen_adno[adno]})")
        if full_name:
            split = split_full_name(cells[FULL_NAME])
            if split is None and cells[FULL_NAME]:
                row_problems.append(
                    f"the name '{cells[FULL_NAME]}' in column '{result.columns[FULL_NAME]}' is not written "
                    "'Surname, Forename', so PostGuard cannot tell the surname from the forename. Export the "
                    "names as separate Forename and Surname columns (or as 'Surname, Forename')"
                )
            cells["legal_forename"], cells["legal_surname"] = split or ("", "")
            if not cells[FULL_NAME]:
                row_problems.append("the name is empty")
        elif not cells.get("legal_forename") or not cells.get("legal_surname"):
            row_problems.append("the forename or surname is empty")
        consent: dict[str, str] = {}
        for name in ("photo_consent", "name_consent"):
            raw = cells.get(name, "")
            value = CONSENT_VALUES.get(fold_value(raw))
            if value is None:
                row_problems.append(
                    f"'{raw}' in column '{result.columns[name]}' is not a consent value (use Yes, No or leave blank)"
                )
            consent[name] = value or NOT_ASKED
        raw_np = cells.get("no_publish", "")
        no_publish = NO_PUBLISH_VALUES.get(fold_value(raw_np))
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
            pupil_id=(upn if id_word == "UPN" else "") or (f"adno:{adno}" if adno else upn),
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
