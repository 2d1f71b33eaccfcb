"""ConsentStore: the one place that reads and writes the consent list.

Every change bumps `consent_version` and appends to `consent_audit` in the
same transaction, so the daemon can pick up changes on its next check and the
IT admin can see who changed what.
"""

from __future__ import annotations

import csv
import getpass
import io
import json
import sqlite3
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime
from importlib import resources

from postguard.db import transaction

GRANTED, REFUSED, NOT_ASKED = "granted", "refused", "not_asked"


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def seconds_since(iso: str | None) -> float | None:
    """Seconds from a stored `now_iso()` time to now; None when there is none or it cannot be read."""
    if not iso:
        return None
    try:
        return round((datetime.now(UTC) - datetime.fromisoformat(iso)).total_seconds(), 1)
    except ValueError:
        return None


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


@dataclass(frozen=True)
class Change:
    """One thing an import changes: a pupil added, leaving or returning, or one field old -> new."""

    pupil: Pupil  # the pupil as the import leaves them
    kind: str  # "added", "left", "changed"
    field: str = ""
    old: object = None
    new: object = None


@dataclass(frozen=True)
class HeldRefusal:
    """A refusal recorded in PostGuard that the import would have turned into a grant: kept."""

    pupil: Pupil
    field: str  # photo_consent, name_consent or no_publish
    mis_value: object
    refused_at: str | None
    refused_by: str | None
    refused_via: str  # "consent set", "import roster.csv", ...


@dataclass
class ImportSummary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    marked_left: int = 0
    demo_removed: int = 0
    changes: list[Change] = field(default_factory=list)
    held: list[HeldRefusal] = field(default_factory=list)
    dry_run: bool = False


class ImportRefused(ValueError):
    """The file cannot be imported as it stands (nothing was changed)."""


# A change away from one of these values lifts a protection: it waits for a person.
PROTECTIVE = {"photo_consent": REFUSED, "name_consent": REFUSED, "no_publish": True}


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

    def set_meta(self, key: str, value: str | None) -> None:
        """Set (or with None, remove) a metadata value; the caller holds any transaction."""
        if value is None:
            self.conn.execute("DELETE FROM meta WHERE key = ?", (key,))
        else:
            self._set_meta(key, value)

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

    def find(self, query: str) -> list[Pupil]:
        """By UPN or admission number, else every pupil whose names hold all the words of `query`
        (case and accents ignored, so "zoe" finds Zoë), pupils who left included."""
        pupil = self.get(query.strip()) or self.get(query.strip().upper().replace(" ", ""))
        if pupil is not None:
            return [pupil]
        words = [name_key(w) for w in query.split()]
        if not words:
            return []
        found = []
        for p in self.pupils(include_left=True):
            names = {
                name_key(w)
                for part in (p.legal_forename, p.legal_surname, p.preferred_forename, p.preferred_surname)
                for w in part.replace("-", " ").split()
            }
            if all(any(n == w or n.startswith(w) for n in names) for w in words):
                found.append(p)
        return found

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
        self,
        pupils: Sequence[Pupil],
        *,
        full: bool = True,
        source: str = "import",
        actor: str | None = None,
        accept_grants: bool = False,
        dry_run: bool = False,
    ) -> ImportSummary:
        """Upsert by UPN, else admission number, in one transaction.

        With `full`, pupils absent from the file are marked as left (kept, flagged).
        A refusal (or No Publish) already recorded is kept when the file would lift it,
        unless `accept_grants`; the summary lists those pupils. `dry_run` changes nothing.
        """
        actor = actor or os_user()
        if dry_run:
            summary = self._plan(pupils, full=full, source=source, accept_grants=accept_grants)
            summary.dry_run = True
            return summary
        at = now_iso()
        with transaction(self.conn):
            summary = self._plan(pupils, full=full, source=source, accept_grants=accept_grants)
            self._apply(summary, pupils, source=source, actor=actor, at=at)
        return summary

    def _plan(self, pupils: Sequence[Pupil], *, full: bool, source: str, accept_grants: bool) -> ImportSummary:
        summary = ImportSummary()
        replacing_demo = self.is_demo and source != "demo"
        if replacing_demo:
            summary.demo_removed = self.conn.execute("SELECT COUNT(*) FROM pupils").fetchone()[0]
        seen: set[str] = set()
        for p in pupils:
            existing = None if replacing_demo else self._find_existing(p)
            if existing is None:
                seen.add(p.pupil_id)
                summary.changes.append(Change(p, "added"))
                summary.added += 1
                continue
            seen.add(existing.pupil_id)
            kept = {}
            for col, protective in PROTECTIVE.items():
                old, new = getattr(existing, col), getattr(p, col)
                if old == protective and new != protective and not accept_grants:
                    kept[col] = old
                    summary.held.append(self._held(existing, col, new))
            target = replace(
                p,
                pupil_id=existing.pupil_id,
                upn=p.upn or existing.upn,
                adno=p.adno or existing.adno,
                **kept,
            )
            diffs = [c for c in AUDITED if getattr(target, c) != getattr(existing, c)]
            ids_changed = target.upn != existing.upn or target.adno != existing.adno
            if not diffs and not ids_changed:
                summary.unchanged += 1
                continue
            for col in diffs:
                summary.changes.append(Change(target, "changed", col, getattr(existing, col), getattr(target, col)))
            for col in ("upn", "adno"):
                if getattr(target, col) != getattr(existing, col):
                    summary.changes.append(Change(target, "changed", col, getattr(existing, col), getattr(target, col)))
            summary.updated += 1
        if full and not replacing_demo:
            for row in self.conn.execute(
                "SELECT * FROM pupils WHERE on_roll = 1 ORDER BY legal_surname, legal_forename"
            ):
                if row["pupil_id"] not in seen:
                    summary.changes.append(Change(replace(Pupil.from_row(row), on_roll=False), "left"))
                    summary.marked_left += 1
        return summary

    def _held(self, existing: Pupil, col: str, mis_value: object) -> HeldRefusal:
        """Where the refusal came from: the newest audit row that recorded it."""
        protective = "1" if col == "no_publish" else REFUSED
        row = self.conn.execute(
            "SELECT at, actor, source FROM consent_audit WHERE pupil_id = ? AND what = ? AND new = ? "
            "ORDER BY id DESC LIMIT 1",
            (existing.pupil_id, col, protective),
        ).fetchone()
        if row is None:  # refused since the pupil was added
            row = self.conn.execute(
                "SELECT at, actor, source FROM consent_audit WHERE pupil_id = ? AND what = 'added' "
                "ORDER BY id DESC LIMIT 1",
                (existing.pupil_id,),
            ).fetchone()
        if row is None:
            return HeldRefusal(existing, col, mis_value, None, None, "")
        return HeldRefusal(existing, col, mis_value, row["at"], row["actor"], row["source"])

    def _apply(self, summary: ImportSummary, pupils: Sequence[Pupil], *, source: str, actor: str, at: str) -> None:
        if summary.demo_removed:
            self.conn.execute("DELETE FROM pupils")
            self._audit(None, "roster", "demo", "imported", source, actor, at)
            if self.meta("staff_source") == "demo":
                self.conn.execute("DELETE FROM staff")
                self._set_meta("staff_source", "none")
        updates: dict[str, Pupil] = {}
        for change in summary.changes:
            p = change.pupil
            if change.kind == "added":
                self._insert(p, at)
                self._audit(p.pupil_id, "added", None, _consent_summary(p), source, actor, at)
            elif change.kind == "left":
                self.conn.execute("UPDATE pupils SET on_roll = 0, updated_at = ? WHERE pupil_id = ?", (at, p.pupil_id))
                self._audit(p.pupil_id, "on_roll", 1, 0, source, actor, at)
            else:
                if change.field in AUDITED:
                    self._audit(p.pupil_id, change.field, _plain(change.old), _plain(change.new), source, actor, at)
                updates[p.pupil_id] = p
        for pid, p in updates.items():
            cols = [*AUDITED, "upn", "adno"]
            assignments = ", ".join(f"{c} = ?" for c in cols)
            self.conn.execute(
                f"UPDATE pupils SET {assignments}, updated_at = ? WHERE pupil_id = ?",
                (*(_plain(getattr(p, c)) for c in cols), at, pid),
            )
        self._set_meta("roster_source", "demo" if source == "demo" else "import")
        self._set_meta("roster_imported_at", at)
        if summary.changes or summary.demo_removed or self.version == 0:
            self.mark_changed()

    def _find_existing(self, p: Pupil) -> Pupil | None:
        """The stored pupil this row is; two stored pupils, or a different UPN, refuse the file."""
        by_upn = by_adno = None
        if p.upn:
            row = self.conn.execute("SELECT * FROM pupils WHERE upn = ?", (p.upn,)).fetchone()
            by_upn = Pupil.from_row(row) if row else None
        if p.adno:
            row = self.conn.execute("SELECT * FROM pupils WHERE adno = ?", (p.adno,)).fetchone()
            by_adno = Pupil.from_row(row) if row else None
        if by_upn and by_adno and by_upn.pupil_id != by_adno.pupil_id:
            raise ImportRefused(
                f"{p.display_name} has UPN {p.upn}, which PostGuard has for {_label(by_upn)}, and admission "
                f"number {p.adno}, which it has for {_label(by_adno)}. Check both numbers in the MIS."
            )
        if by_upn is None and by_adno is not None and p.upn and by_adno.upn and by_adno.upn != p.upn:
            raise ImportRefused(
                f"{p.display_name} (UPN {p.upn}) has admission number {p.adno}, which PostGuard has for "
                f"{_label(by_adno)}. A pupil's UPN does not change: check the numbers in the MIS."
            )
        return by_upn or by_adno

    def _insert(self, p: Pupil, at: str) -> None:
        cols = [f.name for f in fields(Pupil)]
        values = [_plain(getattr(p, c)) for c in cols]
        self.conn.execute(
            f"INSERT INTO pupils({', '.join(cols)}, updated_at) VALUES ({', '.join('?' * len(cols))}, ?)",
            (*values, at),
        )

    def forget(self, key: str, *, actor: str | None = None) -> str:
        """Erasure request: remove the pupil's names, consent, history details and photo links.

        Keeps one audit line (UPN, who, when). Photos of this pupil alone are removed from the
        bank. Files under the data folder are the caller's (see consent.erasure). Returns the id.
        """
        actor = actor or os_user()
        pupil = self.get(key)
        if pupil is None:
            raise KeyError(key)
        pid = pupil.pupil_id
        self.conn.execute("PRAGMA secure_delete = ON")  # overwrite the freed pages, not just unlink them
        with transaction(self.conn):
            self.conn.execute("DELETE FROM pupils WHERE pupil_id = ?", (pid,))
            self.conn.execute("DELETE FROM consent_audit WHERE pupil_id = ?", (pid,))
            if self._has_table("image_ref_pupils"):
                refs = [
                    r[0] for r in self.conn.execute("SELECT ref_id FROM image_ref_pupils WHERE pupil_id = ?", (pid,))
                ]
                self.conn.execute("DELETE FROM image_ref_pupils WHERE pupil_id = ?", (pid,))
                for ref_id in refs:
                    left = self.conn.execute("SELECT 1 FROM image_ref_pupils WHERE ref_id = ? LIMIT 1", (ref_id,))
                    if left.fetchone() is None:
                        self.conn.execute("DELETE FROM image_refs WHERE id = ?", (ref_id,))
            self.forget_in_check_records(pid)
            self._audit(pid, "forgotten", None, None, "consent forget", actor, now_iso())
            self.mark_changed()
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # old pages out of the write-ahead log too
        return pid

    def forgotten(self) -> list[str]:
        """Pupil ids erased here (`forget`): a published list carries them so followers erase them too."""
        rows = self.conn.execute("SELECT DISTINCT pupil_id FROM consent_audit WHERE what = 'forgotten' ORDER BY 1")
        return [r[0] for r in rows]

    def forget_in_check_records(self, pupil_id: str) -> None:
        """The daemon's check records list pupils' UPNs: take this one out (caller holds the transaction)."""
        if not self._has_table("check_audit"):
            return
        for row in self.conn.execute(
            "SELECT id, pupils FROM check_audit WHERE pupils LIKE ?", (f'%"{pupil_id}"%',)
        ).fetchall():
            kept = [p for p in json.loads(row["pupils"]) if p != pupil_id]
            self.conn.execute("UPDATE check_audit SET pupils = ? WHERE id = ?", (json.dumps(kept), row["id"]))

    def _has_table(self, name: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,))
        return row.fetchone() is not None

    # -- staff ----------------------------------------------------------------
    def staff(self) -> list[sqlite3.Row]:
        return list(self.conn.execute("SELECT name, role FROM staff ORDER BY name"))

    def replace_staff(
        self, people: Iterable[tuple[str, str]], *, actor: str | None = None, source: str = "staff import"
    ) -> int:
        actor = actor or os_user()
        people = [(n.strip(), r.strip()) for n, r in people if n.strip()]
        with transaction(self.conn):
            self.conn.execute("DELETE FROM staff")
            self.conn.executemany(
                "INSERT INTO staff(name, role) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET role = excluded.role",
                people,
            )
            self._audit(None, "staff list", None, f"{len(people)} names", source, actor, now_iso())
            self._set_meta("staff_source", "demo" if source == "demo" else "import")
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
            self.replace_staff(((r[0], r[1] if len(r) > 1 else "") for r in rows), actor="postguard", source="demo")
        return self.is_demo


def name_key(word: str) -> str:
    """Search key of a name word: lower case, no accents."""
    decomposed = unicodedata.normalize("NFKD", word.strip().lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _label(p: Pupil) -> str:
    from postguard.consent.wording import pupil_label

    return pupil_label(p)


def _plain(value: object) -> object:
    return int(value) if isinstance(value, bool) else value


def _consent_summary(p: Pupil) -> str:
    return f"photo={p.photo_consent} name={p.name_consent} no_publish={int(p.no_publish)}"
