"""Kolada's values kept in a local SQLite file, for comparisons that work offline (issue 17).

A :class:`KoladaStore` keeps what the Kolada client fetched: a KPI's values for
every municipality, region and Riket of whole years, keyed by KPI, municipality,
period and gender with the value, Kolada's status and the fetch time; and
Kolada's municipality groups and municipalities. It answers the comparison's
questions (:class:`~goalchain.io._kolada_values.KoladaValues`) without the
network.

How a fetch is kept
-------------------
Every fetch of a KPI is numbered. Each page is written in its own transaction,
under the fetch's number; only when the last page has arrived does one more
transaction make the fetch the current one for its years (and drop the rows of
the fetch it replaces). An interrupted fetch therefore keeps the pages it got
(see :meth:`KoladaStore.fetch_log`), while reads go on seeing the fetch before
it whole: two fetches' halves are never mixed.

A refetch asks only for the years the store lacks, or whose fetch is older than
the KPI's ``publication_date`` when that date has passed.

The file
--------
An SQLite 3 database whose ``application_id`` is :data:`APPLICATION_ID` and whose
``user_version`` is the format version, :data:`FORMAT_VERSION`. A file that is
not such a store, is damaged, or is from a newer format is refused with a
:class:`~goalchain.exceptions.FileFormatError` (a
:class:`~goalchain.exceptions.FormatVersionError` for a newer format) naming the
file, and is left as it is, byte for byte.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType

import attrs

from .._i18n import N_
from ..exceptions import (
    DirectoryNotFoundError,
    FileFormatError,
    FormatVersionError,
    InvalidValueError,
    KoladaError,
)
from ._kolada_client import (
    GENDERS,
    KoladaClient,
    KoladaValue,
    Municipality,
    Progress,
    _genders,
    _ids,
    parse_years,
)
from ._kolada_http import utc_now
from ._kolada_kpi import KpiInfo
from ._kolada_values import MunicipalityGroup

__all__ = [
    "APPLICATION_ID",
    "FORMAT_VERSION",
    "FetchRecord",
    "KoladaStore",
    "StoreClient",
    "StoreFetch",
]

#: The file format version this goalchain writes and reads (SQLite ``user_version``).
FORMAT_VERSION = 1
#: SQLite ``application_id`` of a goalchain Kolada store ("GCKS").
APPLICATION_ID = 0x47434B53

#: Kolada statuses that mean the value is missing, whatever the value field says.
MISSING_STATUSES = ("Saknas", "Missing")

_SCHEMA = """
CREATE TABLE fetch (
    id INTEGER PRIMARY KEY,
    kpi TEXT NOT NULL,
    years TEXT NOT NULL,
    started_at TEXT NOT NULL,
    pages INTEGER NOT NULL DEFAULT 0,
    rows INTEGER NOT NULL DEFAULT 0,
    complete INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE value (
    fetch_id INTEGER NOT NULL REFERENCES fetch(id),
    kpi TEXT NOT NULL,
    municipality TEXT NOT NULL,
    period INTEGER NOT NULL,
    gender TEXT NOT NULL CHECK (gender IN ('T', 'K', 'M')),
    value REAL,
    status TEXT,
    count INTEGER,
    url TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    PRIMARY KEY (fetch_id, kpi, municipality, period, gender)
);
CREATE TABLE kpi (
    id TEXT PRIMARY KEY,
    info TEXT NOT NULL,
    data TEXT NOT NULL,
    fetched_at TEXT NOT NULL
);
CREATE TABLE current (
    kpi TEXT NOT NULL,
    period INTEGER NOT NULL,
    fetch_id INTEGER NOT NULL REFERENCES fetch(id),
    fetched_at TEXT NOT NULL,
    PRIMARY KEY (kpi, period)
);
CREATE TABLE municipality_group (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    members TEXT NOT NULL,
    fetched_at TEXT NOT NULL
);
CREATE TABLE municipality (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    type TEXT NOT NULL,
    fetched_at TEXT NOT NULL
);
"""


@attrs.frozen(kw_only=True)
class FetchRecord:
    """One fetch of a KPI as the store remembers it (:meth:`KoladaStore.fetch_log`).

    Attributes
    ----------
    id
        Its number in the store.
    kpi
        The KPI fetched.
    years
        The years asked for.
    started_at
        When it began, ISO 8601 UTC.
    pages, rows
        The pages and rows kept so far.
    complete
        True once every page arrived and the fetch became the current one.
    """

    id: int
    kpi: str
    years: tuple[int, ...]
    started_at: str
    pages: int
    rows: int
    complete: bool


@attrs.frozen(kw_only=True)
class StoreFetch:
    """What :meth:`KoladaStore.fetch` did for one KPI.

    Attributes
    ----------
    kpi
        The KPI.
    asked
        The years asked of Kolada (missing from the store, or older than the
        KPI's publication date).
    kept
        The years the store already had fresh, not asked for.
    pages, rows
        The pages and rows that arrived.
    """

    kpi: str
    asked: tuple[int, ...]
    kept: tuple[int, ...]
    pages: int = 0
    rows: int = 0


def _missing_ancestor(path: Path) -> Path:
    missing = path.parent
    while not missing.parent.exists() and missing.parent != missing:
        missing = missing.parent
    return missing


class KoladaStore:
    """Kolada's values, groups and municipalities in a local SQLite file.

    Parameters
    ----------
    path
        The store's file; created (with its schema) when it does not exist.
    clock
        Returns the current time (aware, UTC); for tests.

    Raises
    ------
    FormatVersionError
        When the file is a store of a newer format than :data:`FORMAT_VERSION`.
    FileFormatError
        When the file is not a goalchain Kolada store, or is damaged. The file
        is left as it is.
    DirectoryNotFoundError
        When the file's directory does not exist.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     with KoladaStore(pathlib.Path(tmp) / "kolada.sqlite") as store:
    ...         dict(store.values("N15436", 2023)), list(store.groups())
    ({}, [])
    """

    def __init__(self, path: str | Path, *, clock: Callable[[], dt.datetime] | None = None):
        self.path = Path(path)
        self.clock = clock or utc_now
        if not self.path.parent.exists():
            raise DirectoryNotFoundError(
                str(self.path), str(self.path.parent), str(_missing_ancestor(self.path))
            )
        new = not self.path.exists() or self.path.stat().st_size == 0
        if not new:
            self._check()
        self._db = sqlite3.connect(str(self.path), isolation_level=None)
        if new:  # the schema and the file's marks in one transaction
            self._db.executescript(
                "BEGIN IMMEDIATE;"
                + _SCHEMA
                + f"PRAGMA application_id = {APPLICATION_ID};"
                + f"PRAGMA user_version = {FORMAT_VERSION};"
                + "COMMIT;"
            )

    def __repr__(self) -> str:
        return f"KoladaStore({str(self.path)!r})"

    def __enter__(self) -> KoladaStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the file."""
        self._db.close()

    # -------------------------------------------------------------- opening
    def _check(self) -> None:
        """Refuse a file that is not a store of a format this goalchain reads; never write it."""
        uri = self.path.resolve().as_uri() + "?mode=ro"
        try:
            db = sqlite3.connect(uri, uri=True)
            try:
                app = db.execute("PRAGMA application_id").fetchone()[0]
                version = db.execute("PRAGMA user_version").fetchone()[0]
                check = db.execute("PRAGMA quick_check").fetchone()[0] if app else "ok"
            finally:
                db.close()
        except sqlite3.DatabaseError as err:
            raise self._damaged(str(err)) from None
        if app != APPLICATION_ID:
            raise FileFormatError(
                N_(
                    "not a goalchain Kolada store (an SQLite store has application_id "
                    "{expected}, this file {found}); the file was left as it is; give "
                    "another store file, or move this one away to start a new store"
                ),
                file=str(self.path),
                params={"expected": APPLICATION_ID, "found": app},
            )
        if version > FORMAT_VERSION:
            raise FormatVersionError(
                N_(
                    "the Kolada store is in format {found}, newer than the format {supported} "
                    "this goalchain reads; the file was left as it is; upgrade goalchain, "
                    "or give another store file"
                ),
                file=str(self.path),
                params={"found": version, "supported": FORMAT_VERSION},
            )
        if version < 1 or check != "ok":
            raise self._damaged(str(check) if check != "ok" else f"user_version {version}")

    def _damaged(self, reason: str) -> FileFormatError:
        return FileFormatError(
            N_(
                "the Kolada store is damaged or not an SQLite file ({reason}); the file was "
                "left as it is; move it away and fetch again"
            ),
            file=str(self.path),
            params={"reason": reason},
        )

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # -------------------------------------------------------------- reading
    def values(self, kpi: str, year: int, *, gender: str = "T") -> Mapping[str, float]:
        """The values of *kpi* for *year* and *gender*, by municipality id (Riket ``"0000"``).

        A municipality without a value (``null``, or a status such as
        ``"Saknas"``) is absent, never 0.
        """
        if gender not in GENDERS:
            raise InvalidValueError(
                N_("gender is 'T' (total), 'K' (women) or 'M' (men); got {gender!r}"),
                field="gender",
                params={"gender": gender},
            )
        rows = self._db.execute(
            "SELECT v.municipality, v.value FROM value v JOIN current c"
            " ON v.kpi = c.kpi AND v.period = c.period AND v.fetch_id = c.fetch_id"
            " WHERE v.kpi = ? AND v.period = ? AND v.gender = ? AND v.value IS NOT NULL"
            " AND (v.status IS NULL OR v.status NOT IN (?, ?))"
            " ORDER BY v.municipality",
            (kpi, int(year), gender, *MISSING_STATUSES),
        ).fetchall()
        return MappingProxyType({m: float(v) for m, v in rows})

    def groups(self) -> Sequence[MunicipalityGroup]:
        """The municipality groups kept, in Kolada's order."""
        rows = self._db.execute(
            "SELECT id, title, members FROM municipality_group ORDER BY position"
        ).fetchall()
        return tuple(
            MunicipalityGroup(id=i, title=t, members=json.loads(members)) for i, t, members in rows
        )

    def municipalities(self) -> Sequence[Municipality]:
        """The municipalities, regions and Riket kept, in Kolada's order."""
        rows = self._db.execute(
            "SELECT id, title, type FROM municipality ORDER BY position"
        ).fetchall()
        return tuple(Municipality(id=i, title=t, type=k) for i, t, k in rows)

    def fetched(self, kpi: str) -> Mapping[int, str]:
        """The years of *kpi* the store holds whole, each with when it was fetched."""
        rows = self._db.execute(
            "SELECT period, fetched_at FROM current WHERE kpi = ? ORDER BY period", (kpi,)
        ).fetchall()
        return MappingProxyType(dict(rows))

    def fetch_log(self, kpi: str | None = None) -> list[FetchRecord]:
        """The fetches kept (of *kpi*, or all), oldest first; interrupted ones too."""
        query = "SELECT id, kpi, years, started_at, pages, rows, complete FROM fetch"
        params: tuple[str, ...] = ()
        if kpi is not None:
            query += " WHERE kpi = ?"
            params = (kpi,)
        return [
            FetchRecord(
                id=i,
                kpi=k,
                years=tuple(json.loads(y)),
                started_at=s,
                pages=p,
                rows=r,
                complete=bool(c),
            )
            for i, k, y, s, p, r, c in self._db.execute(query + " ORDER BY id", params)
        ]

    def rows(
        self,
        kpis: str | Iterable[str],
        municipalities: str | Iterable[str],
        years: int | str | Iterable[int | str],
        *,
        gender: str | Iterable[str] = "T",
    ) -> list[KoladaValue]:
        """The values kept of *kpis* for *municipalities* and *years*, with their source.

        Unlike :meth:`values`, a value Kolada sent as missing is here, as None
        (never 0), with its status; what was never fetched is absent.
        """
        kpi_ids = _ids(kpis, "kpi")
        codes = _ids(municipalities, "municipality")
        wanted = parse_years(years)
        genders = _genders(gender)
        out = []
        for kpi in kpi_ids:
            for code in codes:
                query = (
                    "SELECT v.period, v.gender, v.value, v.status, v.count, v.url, v.fetched_at"
                    " FROM value v JOIN current c ON v.kpi = c.kpi AND v.period = c.period"
                    " AND v.fetch_id = c.fetch_id WHERE v.kpi = ? AND v.municipality = ?"
                    " ORDER BY v.period, v.gender"
                )
                for period, g, value, status, count, url, fetched_at in self._db.execute(
                    query, (kpi, code)
                ):
                    if period not in wanted or g not in genders:
                        continue
                    missing = status in MISSING_STATUSES
                    out.append(
                        KoladaValue(
                            kpi=kpi,
                            municipality=code,
                            year=period,
                            gender=g,
                            value=None if missing or value is None else float(value),
                            status=status,
                            count=count,
                            url=url,
                            fetched_at=fetched_at,
                        )
                    )
        return out

    def keep_kpis(self, infos: Iterable[KpiInfo]) -> None:
        """Keep the metadata of KPIs (one transaction), for :meth:`kpis` offline."""
        now = self.clock().strftime("%Y-%m-%dT%H:%M:%SZ")
        rows = [
            (
                info.id,
                json.dumps(attrs.asdict(info, filter=lambda a, _: a.name != "data")),
                json.dumps(dict(info.data), ensure_ascii=False),
                now,
            )
            for info in infos
        ]
        with self._transaction():
            self._db.executemany(
                "INSERT OR REPLACE INTO kpi (id, info, data, fetched_at) VALUES (?, ?, ?, ?)", rows
            )

    def kpis(self, ids: str | Iterable[str]) -> list[KpiInfo]:
        """The metadata kept of the KPIs *ids*; ids the store does not know are left out."""
        out = []
        for kpi in _ids(ids, "kpi"):
            row = self._db.execute("SELECT info, data FROM kpi WHERE id = ?", (kpi,)).fetchone()
            if row is not None:
                out.append(KpiInfo(**json.loads(row[0]), data=MappingProxyType(json.loads(row[1]))))
        return out

    # -------------------------------------------------------------- fetching
    def stale_years(
        self, kpi: str, years: Iterable[int], publication_date: str | None = None
    ) -> tuple[int, ...]:
        """The *years* of *kpi* to ask Kolada for: missing, or fetched before a
        *publication_date* (``"2026-08-28"``) that has passed."""
        have = self.fetched(kpi)
        today = self.clock().date().isoformat()
        out = []
        for year in years:
            when = have.get(year)
            if when is None or (publication_date and when[:10] < publication_date <= today):
                out.append(year)
        return tuple(out)

    def fetch(
        self,
        client: KoladaClient,
        kpis: str | Iterable[str],
        years: int | str | Iterable[int | str],
        *,
        publication_dates: Mapping[str, str | None] | None = None,
        progress: Progress | None = None,
    ) -> list[StoreFetch]:
        """Fetch what the store lacks of *kpis* for *years*, for every municipality.

        Parameters
        ----------
        client
            The Kolada client to ask.
        kpis
            KPI ids.
        years
            Years as :func:`~goalchain.io.kolada.parse_years` reads them.
        publication_dates
            Each KPI's ``publication_date``; by default asked of Kolada
            (``/kpi``). A year fetched before that date, once it has passed,
            is fetched again.
        progress
            Called with ``(done, total)`` KPIs after each KPI.

        Returns
        -------
        list of StoreFetch
            Per KPI: the years asked, the years kept as they were, pages and rows.

        Raises
        ------
        KoladaError
            When a request fails; the pages that arrived are kept under their
            fetch, and reads go on seeing the fetch before it.
        """
        ids = [kpis] if isinstance(kpis, str) else list(kpis)
        wanted = parse_years(years)
        if publication_dates is None:
            infos = client.kpi(ids)
            self.keep_kpis(infos)
            publication_dates = {info.id: info.publication_date for info in infos}
        report = []
        for done, kpi in enumerate(ids, 1):
            asked = self.stale_years(kpi, wanted, publication_dates.get(kpi))
            kept = tuple(y for y in wanted if y not in asked)
            pages = rows = 0
            if asked:
                pages, rows = self._fetch_years(client, kpi, asked)
            report.append(StoreFetch(kpi=kpi, asked=asked, kept=kept, pages=pages, rows=rows))
            if progress is not None:
                progress(done, len(ids))
        return report

    def _fetch_years(
        self, client: KoladaClient, kpi: str, years: tuple[int, ...]
    ) -> tuple[int, int]:
        with self._transaction():  # an earlier interrupted fetch of this KPI is superseded
            old = [
                r[0]
                for r in self._db.execute(
                    "SELECT id FROM fetch WHERE kpi = ? AND complete = 0", (kpi,)
                )
            ]
            for fetch_id in old:
                self._db.execute("DELETE FROM value WHERE fetch_id = ?", (fetch_id,))
                self._db.execute("DELETE FROM fetch WHERE id = ?", (fetch_id,))
            cursor = self._db.execute(
                "INSERT INTO fetch (kpi, years, started_at) VALUES (?, ?, ?)",
                (kpi, json.dumps(list(years)), self.clock().strftime("%Y-%m-%dT%H:%M:%SZ")),
            )
            fetch_id = int(cursor.lastrowid or 0)
        pages = rows = 0
        first_fetched = ""
        for page in client.year_pages(kpi, years):
            with self._transaction():
                self._db.executemany(
                    "INSERT OR REPLACE INTO value (fetch_id, kpi, municipality, period, gender,"
                    " value, status, count, url, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (
                            fetch_id,
                            v.kpi,
                            v.municipality,
                            v.year,
                            v.gender,
                            v.value,
                            v.status,
                            v.count,
                            v.url,
                            v.fetched_at,
                        )
                        for v in page.values
                    ],
                )
                pages += 1
                rows += len(page.values)
                first_fetched = first_fetched or page.fetched_at
                self._db.execute(
                    "UPDATE fetch SET pages = ?, rows = ? WHERE id = ?", (pages, rows, fetch_id)
                )
        with self._transaction():  # the fetch becomes the current one for its years, whole
            for year in years:
                self._db.execute(
                    "DELETE FROM value WHERE kpi = ? AND period = ? AND fetch_id IN"
                    " (SELECT fetch_id FROM current WHERE kpi = ? AND period = ?)",
                    (kpi, year, kpi, year),
                )
                self._db.execute(
                    "INSERT OR REPLACE INTO current (kpi, period, fetch_id, fetched_at)"
                    " VALUES (?, ?, ?, ?)",
                    (kpi, year, fetch_id, first_fetched or self.clock().isoformat()),
                )
            self._db.execute("UPDATE fetch SET complete = 1 WHERE id = ?", (fetch_id,))
            self._db.execute(
                "DELETE FROM fetch WHERE kpi = ? AND complete = 1 AND id NOT IN"
                " (SELECT fetch_id FROM current)",
                (kpi,),
            )
        return pages, rows

    def fetch_groups(self, client: KoladaClient) -> int:
        """Replace the groups kept with Kolada's (one transaction); returns how many."""
        groups = client.municipality_groups()
        now = self.clock().strftime("%Y-%m-%dT%H:%M:%SZ")
        with self._transaction():
            self._db.execute("DELETE FROM municipality_group")
            self._db.executemany(
                "INSERT INTO municipality_group (id, position, title, members, fetched_at)"
                " VALUES (?, ?, ?, ?, ?)",
                [
                    (g.id, i, g.title, json.dumps(list(g.members)), now)
                    for i, g in enumerate(groups)
                ],
            )
        return len(groups)

    def fetch_municipalities(self, client: KoladaClient) -> int:
        """Replace the municipalities kept with Kolada's (one transaction); returns how many."""
        found = client.municipalities()
        now = self.clock().strftime("%Y-%m-%dT%H:%M:%SZ")
        with self._transaction():
            self._db.execute("DELETE FROM municipality")
            self._db.executemany(
                "INSERT INTO municipality (id, position, title, type, fetched_at)"
                " VALUES (?, ?, ?, ?, ?)",
                [(m.id, i, m.title, m.type, now) for i, m in enumerate(found)],
            )
        return len(found)


class StoreClient(KoladaClient):
    """A Kolada client that keeps what it fetches in a :class:`KoladaStore` and reads from it.

    :func:`~goalchain.io.kolada.fetch_into` takes it as its client: the KPIs'
    values are fetched for every municipality of the years asked (what the
    store lacks, or older than the KPI's publication date), kept, and read back
    for the chain's municipality. With *client* None the store alone answers
    (offline); a KPI or year it does not hold is a
    :class:`~goalchain.exceptions.KoladaError`.

    Parameters
    ----------
    store
        The store.
    client
        The client that asks Kolada, or None to read only the store.
    """

    def __init__(self, store: KoladaStore, client: KoladaClient | None = None):
        super().__init__(client.base_url if client is not None else "https://kolada.invalid")
        self.store = store
        self.client = client

    def kpi(self, ids: str | Iterable[str], *, progress: Progress | None = None) -> list[KpiInfo]:
        """The KPIs' metadata: asked of Kolada and kept, or (offline) read from the store."""
        if self.client is None:
            infos = self.store.kpis(ids)
        else:
            infos = self.client.kpi(ids, progress=progress)
            self.store.keep_kpis(infos)
        if progress is not None:
            urls = self.kpi_urls(ids)
            progress(len(urls), len(urls))
        return infos

    def values(
        self,
        kpis: str | Iterable[str],
        municipalities: str | Iterable[str],
        years: int | str | Iterable[int | str],
        *,
        gender: str | Iterable[str] = "T",
        progress: Progress | None = None,
    ) -> list[KoladaValue]:
        """The values, from the store after fetching what it lacks (unless offline)."""
        kpi_ids = _ids(kpis, "kpi")
        wanted = parse_years(years)
        if self.client is not None:
            dates = {info.id: info.publication_date for info in self.store.kpis(kpi_ids)}
            self.store.fetch(self.client, kpi_ids, wanted, publication_dates=dates)
            self.pages_read = self.client.pages_read
        else:
            for kpi in kpi_ids:
                absent = [y for y in wanted if y not in self.store.fetched(kpi)]
                if absent:
                    raise KoladaError(
                        N_(
                            "KPI {kpi}: {years} not in the store {path} and offline mode is "
                            "on; fetch once without --offline to fill the store"
                        ),
                        params={
                            "kpi": kpi,
                            "years": ", ".join(str(y) for y in absent),
                            "path": str(self.store.path),
                        },
                    )
        if progress is not None:
            urls = self.data_urls(kpi_ids, municipalities, wanted)
            progress(len(urls), len(urls))
        return self.store.rows(kpi_ids, municipalities, wanted, gender=gender)
