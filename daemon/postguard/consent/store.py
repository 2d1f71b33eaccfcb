"""ConsentStore: the one place that reads and writes the consent list.

Every change bumps `consent_version` and appends to `consent_audit` in the
same transaction, so the daemon can pick up changes on its next check and the
IT admin can see who changed what.
"""

from __future__ import annotations

import csv
import getpass
import io
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from importlib import resources

from postguard.db import transaction

GRANTED, REFUSED, NOT_ASKED = "granted", "refused", "not_asked"


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (containers, services)
        return "unknown"


@dataclass(frozen=True)
class Pupil:
    pupil_id: str
    upn: str | None
    adno: str | None
    legal_forename: str
    legal_surname: str
    preferred_forename: str = ""
    preferred_surname: str = ""
    year_group: str = ""
    reg_group: str = ""
    photo_consent: str = NOT_ASKED
    name_consent: str = NOT_ASKED
    no_publish: bool = False
    on_roll: bool = True

    @property
    def forename(self) -> str:
        return self.preferred_forename or self.legal_forename

    @property
    def surname(self) -> str:
        return self.preferred_surname or self.legal_surname

    @property
    def display_name(self) -> str:
        return f"{self.forename} {self.surname}"

    @property
    def may_be_named(self) -> bool:
        return self.name_consent == GRANTED and not self.no_publish

    @property
    def may_be_pictured(self) -> bool:
        return self.photo_consent == GRANTED and not self.no_publish

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Pupil:
        data = {f.name: row[f.name] for f in fields(cls)}
        data["no_publish"] = bool(data["no_publish"])
        data["on_roll"] = bool(data["on_roll"])
        return cls(**data)


# Columns a change is audited on, in display order.
AUDITED = (
    "legal_forename",
    "legal_surname",
    "preferred_forename",
    "preferred_surname",
    "year_group",
    "reg_group",
    "photo_consent",
    "name_consent",
    "no_publish",
    "on_roll",
)


@dataclass
class ImportSummary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    marked_left: int = 0
    demo_removed: int = 0


class ConsentStore:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    # -- metadata -----------------------------------------------------------
    def meta(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row["value"] if row else default

    def _set_meta(self, key: str, value: str) -> None:
        self.conn.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    @property
    def version(self) -> int:
        return int(self.meta("consent_version") or "0")

    @property
    def changed_at(self) -> str | None:
        return self.meta("consent_changed_at")

    def mark_changed(self) -> None:
        """Bump the consent version inside the caller's transaction (a running daemon then reloads)."""
        self._set_meta("consent_version", str(self.version + 1))
        self._set_meta("consent_changed_at", now_iso())

    @property
    def roster_source(self) -> str | None:
        """'import', 'demo', or None when no roster was ever loaded."""
        return self.meta("roster_source")

    @property
    def is_demo(self) -> bool:
        return self.roster_source == "demo"

    # -- reading ------------------------------------------------------------
    def pupils(self, *, include_left: bool = False) -> list[Pupil]:
        sql = "SELECT * FROM pupils" + ("" if include_left else " WHERE on_roll = 1")
        return [Pupil.from_row(r) for r in self.conn.execute(sql + " ORDER BY legal_surname, legal_forename")]

    def count(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM pupils WHERE on_roll = 1").fetchone()[0]

    def get(self, key: str) -> Pupil | None:
        """By UPN, pupil id or admission number."""
        row = self.conn.execute(
            "SELECT * FROM pupils WHERE pupil_id = ? OR upn = ? OR adno = ?", (key, key, key)
        ).fetchone()
        return Pupil.from_row(row) if row else None

    def history(self, key: str | None = None, limit: int | None = None) -> list[sqlite3.Row]:
        args: tuple[str, ...] = ()
        if key is None:
            sql = "SELECT * FROM consent_audit ORDER BY id DESC"
        else:
            pupil = self.get(key)
            pid = pupil.pupil_id if pupil else key
            sql, args = "SELECT * FROM consent_audit WHERE pupil_id = ? ORDER BY id DESC", (pid,)
        if limit:
            sql += f" LIMIT {int(limit)}"
        return list(self.conn.execute(sql, args))

    # -- writing ------------------------------------------------------------
    def _audit(
        self, pupil_id: str | None, what: str, old: object, new: object, source: str, actor: str, at: str
    ) -> None:
        self.conn.execute(
            "INSERT INTO consent_audit(at, actor, pupil_id, what, old, new, source) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (at, actor, pupil_id, what, None if old is None else str(old), None if new is None else str(new), source),
        )

    def set_consent(
        self,
        key: str,
        *,
        photo: str | None = None,
        name: str | None = None,
        no_publish: bool | None = None,
        actor: str | None = None,
    ) -> Pupil:
        actor = actor or os_user()
        pupil = self.get(key)
        if pupil is None:
            raise KeyError(key)
        changes: dict[str, str | int] = {}
        if photo is not None and photo != pupil.photo_consent:
            changes["photo_consent"] = photo
        if name is not None and name != pupil.name_consent:
            changes["name_consent"] = name
        if no_publish is not None and no_publish != pupil.no_publish:
            changes["no_publish"] = int(no_publish)
        if changes:
            at = now_iso()
            with transaction(self.conn):
                for col, new in changes.items():
                    old = getattr(pupil, col)
                    self._audit(
                        pupil.pupil_id, col, int(old) if isinstance(old, bool) else old, new, "consent set", actor, at
                    )
                assignments = ", ".join(f"{c} = ?" for c in changes)
                self.conn.execute(
                    f"UPDATE pupils SET {assignments}, updated_at = ? WHERE pupil_id = ?",
                    (*changes.values(), at, pupil.pupil_id),
                )
                self.mark_changed()
        return self.get(pupil.pupil_id)  # type: ignore[return-value]

    def import_pupils(
        self, pupils: Sequence[Pupil], *, full: bool = True, source: str = "import", actor: str | None = None
    ) -> ImportSummary:
        """Upsert by UPN, else admission number, in one transaction.

        With `full`, pupils absent from the file are marked as left (kept, flagged).
        """
        actor = actor or os_user()
        at = now_iso()
        summary = ImportSummary()
        with transaction(self.conn):
            if self.is_demo and source != "demo":
                summary.demo_removed = self.conn.execute("DELETE FROM pupils").rowcount
                self._audit(None, "roster", "demo", "imported", source, actor, at)
            seen: set[str] = set()
            for p in pupils:
                existing = self._find_existing(p)
                seen.add(existing.pupil_id if existing else p.pupil_id)
                if existing is None:
                    self._insert(p, at)
                    self._audit(p.pupil_id, "added", None, _consent_summary(p), source, actor, at)
                    summary.added += 1
                    continue
                diffs = {c: getattr(p, c) for c in AUDITED if getattr(p, c) != getattr(existing, c)}
                ids_changed = (p.upn or existing.upn) != existing.upn or (p.adno or existing.adno) != existing.adno
                if not diffs and not ids_changed:
                    summary.unchanged += 1
                    continue
                for col, new in diffs.items():
                    old = getattr(existing, col)
                    self._audit(existing.pupil_id, col, _plain(old), _plain(new), source, actor, at)
                sets = {c: _plain(v) for c, v in diffs.items()}
                sets["upn"] = p.upn or existing.upn
                sets["adno"] = p.adno or existing.adno
                assignments = ", ".join(f"{c} = ?" for c in sets)
                self.conn.execute(
                    f"UPDATE pupils SET {assignments}, updated_at = ? WHERE pupil_id = ?",
                    (*sets.values(), at, existing.pupil_id),
                )
                summary.updated += 1
            if full:
                for row in self.conn.execute("SELECT pupil_id FROM pupils WHERE on_roll = 1").fetchall():
                    if row["pupil_id"] not in seen:
                        self.conn.execute(
                            "UPDATE pupils SET on_roll = 0, updated_at = ? WHERE pupil_id = ?",
                            (at, row["pupil_id"]),
                        )
                        self._audit(row["pupil_id"], "on_roll", 1, 0, source, actor, at)
                        summary.marked_left += 1
            self._set_meta("roster_source", "demo" if source == "demo" else "import")
            self._set_meta("roster_imported_at", at)
            self.mark_changed()
        return summary

    def _find_existing(self, p: Pupil) -> Pupil | None:
        row = None
        if p.upn:
            row = self.conn.execute("SELECT * FROM pupils WHERE upn = ?", (p.upn,)).fetchone()
        if row is None and p.adno:
            row = self.conn.execute("SELECT * FROM pupils WHERE adno = ?", (p.adno,)).fetchone()
        return Pupil.from_row(row) if row else None

    def _insert(self, p: Pupil, at: str) -> None:
        cols = [f.name for f in fields(Pupil)]
        values = [_plain(getattr(p, c)) for c in cols]
        self.conn.execute(
            f"INSERT INTO pupils({', '.join(cols)}, updated_at) VALUES ({', '.join('?' * len(cols))}, ?)",
            (*values, at),
        )

    # -- staff ----------------------------------------------------------------
    def staff(self) -> list[sqlite3.Row]:
        return list(self.conn.execute("SELECT name, role FROM staff ORDER BY name"))

    def replace_staff(self, people: Iterable[tuple[str, str]], *, actor: str | None = None) -> int:
        actor = actor or os_user()
        people = [(n.strip(), r.strip()) for n, r in people if n.strip()]
        with transaction(self.conn):
            self.conn.execute("DELETE FROM staff")
            self.conn.executemany(
                "INSERT INTO staff(name, role) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET role = excluded.role",
                people,
            )
            self._audit(None, "staff list", None, f"{len(people)} names", "staff import", actor, now_iso())
            self.mark_changed()
        return len(people)

    # -- demo ---------------------------------------------------------------
    def ensure_roster(self, *, allow_demo: bool = True) -> bool:
        """Load the shipped demo roster when no roster was ever loaded. True if demo is in use."""
        if self.roster_source is None and allow_demo and self.count() == 0:
            from postguard.consent.mis_import import parse_mis_csv

            data = resources.files("postguard").joinpath("data/demo_roster.csv").read_bytes()
            parsed = parse_mis_csv(data, filename="demo_roster.csv")
            self.import_pupils(parsed.pupils, source="demo", actor="postguard")
            staff_text = resources.files("postguard").joinpath("data/demo_staff.csv").read_text("utf-8")
            rows = list(csv.reader(io.StringIO(staff_text)))[1:]
            self.replace_staff(((r[0], r[1] if len(r) > 1 else "") for r in rows), actor="postguard")
        return self.is_demo


def _plain(value: object) -> object:
    return int(value) if isinstance(value, bool) else value


def _consent_summary(p: Pupil) -> str:
    return f"photo={p.photo_consent} name={p.name_consent} no_publish={int(p.no_publish)}"
