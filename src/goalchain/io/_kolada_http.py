"""Transport for the Kolada client: GET with retries and backoff, and the offline cache.

Only the standard library is used (:mod:`urllib.request`). A request is retried
on HTTP 5xx, on 429 (after ``Retry-After`` when the server gives it), on a
timeout and on a lost or refused connection, waiting ``backoff * 2**attempt``
seconds between attempts; any other HTTP error (400, 404...) fails at once.
Every failure ends in a :class:`~goalchain.exceptions.KoladaError` that names
the URL.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import http.client
import json
import math
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

import attrs

from .._version import __version__
from ..exceptions import KoladaError
from ._files import atomic_write

__all__ = ["Cache", "Fetched", "Transport", "iso_utc", "utc_now"]

#: The longest wait a ``Retry-After`` header can impose, in seconds.
MAX_RETRY_AFTER = 120.0


class Opener(Protocol):
    """What :class:`Transport` needs of an opener: ``urllib.request.OpenerDirector.open``."""

    def open(self, fullurl: urllib.request.Request, data: None = None, timeout: float = ...) -> Any:
        """Open a request; return a response with ``read()``, ``status`` and ``headers``."""


def utc_now() -> dt.datetime:
    """The current time, timezone-aware in UTC."""
    return dt.datetime.now(dt.UTC)


def iso_utc(moment: dt.datetime) -> str:
    """ISO 8601 in UTC to the second, with a ``Z``.

    Examples
    --------
    >>> import datetime as dt
    >>> iso_utc(dt.datetime(2025, 3, 1, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))))
    '2025-03-01T09:30:00Z'
    """
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _parse_iso(text: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


@attrs.frozen(kw_only=True)
class Fetched:
    """A parsed JSON response with where and when it was fetched."""

    url: str
    data: Any
    fetched_at: str
    from_cache: bool = False


class Cache:
    """A directory of JSON responses, one file per URL (named by the URL's SHA-256).

    Each file holds ``{"url": ..., "fetched_at": "...Z", "data": {...}}``; it is
    written atomically after a successful fetch.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     cache = Cache(tmp)
    ...     cache.put("https://api.kolada.se/v3/kpi/N15436", {"values": []}, "2025-03-01T09:30:00Z")
    ...     hit = cache.get("https://api.kolada.se/v3/kpi/N15436")
    ...     hit.data, hit.fetched_at, hit.from_cache
    ({'values': []}, '2025-03-01T09:30:00Z', True)
    """

    def __init__(self, directory: str | Path):
        self.directory = Path(directory)

    def path(self, url: str) -> Path:
        """The file that holds the response of *url*."""
        return self.directory / (hashlib.sha256(url.encode("utf-8")).hexdigest() + ".json")

    def get(
        self, url: str, *, max_age: float | None = None, now: dt.datetime | None = None
    ) -> Fetched | None:
        """The cached response of *url*; None when absent, unreadable or older than *max_age*."""
        file = self.path(url)
        try:
            entry = json.loads(file.read_text(encoding="utf-8"))
            fetched_at = entry["fetched_at"]
            if entry["url"] != url or not isinstance(fetched_at, str):
                return None
            age = ((now or utc_now()) - _parse_iso(fetched_at)).total_seconds()
            data = entry["data"]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if max_age is not None and age > max_age:
            return None
        return Fetched(url=url, data=data, fetched_at=fetched_at, from_cache=True)

    def put(self, url: str, data: Any, fetched_at: str) -> None:
        """Store the response of *url* (atomically)."""
        self.directory.mkdir(parents=True, exist_ok=True)
        entry = {"url": url, "fetched_at": fetched_at, "data": data}
        atomic_write(self.path(url), json.dumps(entry, ensure_ascii=False, indent=1) + "\n")


def _retry_after(value: str | None, now: dt.datetime) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.UTC)
        seconds = (when - now).total_seconds()
    if not math.isfinite(seconds):
        return None
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)


class Transport:
    """GET JSON with retries, exponential backoff and an optional cache.

    Parameters
    ----------
    timeout
        Seconds to wait for the server (connect and each read).
    retries
        How many times a failed request is tried again (0: once only).
    backoff
        The first wait in seconds; it doubles with every retry.
    opener
        An :class:`urllib.request.OpenerDirector` (or anything with its ``open``).
    cache
        Where responses are kept, or None.
    max_age
        Cached responses older than this many seconds are fetched again.
    offline
        Read only the cache; a missing entry raises.
    clock
        Returns the current time (timezone-aware UTC); for tests.
    sleep
        Waits a number of seconds; for tests.
    """

    def __init__(
        self,
        *,
        timeout: float = 10.0,
        retries: int = 3,
        backoff: float = 0.5,
        opener: Opener | None = None,
        cache: Cache | None = None,
        max_age: float | None = None,
        offline: bool = False,
        clock: Callable[[], dt.datetime] | None = None,
        sleep: Callable[[float], None],
    ):
        if not isinstance(retries, int) or isinstance(retries, bool) or retries < 0:
            raise ValueError(f"retries must be an integer >= 0, got {retries!r}")
        if not timeout > 0 or not backoff >= 0:
            raise ValueError(f"timeout must be > 0 and backoff >= 0, got {timeout!r}, {backoff!r}")
        if offline and cache is None:
            raise ValueError("offline mode reads the cache; give a cache directory")
        self.timeout = float(timeout)
        self.retries = retries
        self.backoff = float(backoff)
        self.opener: Opener = opener or urllib.request.build_opener()
        self.cache = cache
        self.max_age = max_age
        self.offline = offline
        self.clock = clock or utc_now
        self.sleep = sleep
        self.requests = 0  # HTTP requests made, retries included

    def get(self, url: str) -> Fetched:
        """The parsed JSON of *url*: from the cache when fresh, else from the server.

        Raises
        ------
        KoladaError
            After the retries, on an HTTP error other than 5xx/429, on a body
            that is not JSON, or (offline) when the cache has no entry.
        """
        if self.cache is not None:
            hit = self.cache.get(
                url, max_age=None if self.offline else self.max_age, now=self.clock()
            )
            if hit is not None:
                return hit
        if self.offline:
            raise KoladaError(
                f"not in the cache {self.cache.directory if self.cache else ''} and offline "
                "mode is on; fetch once without --offline to fill the cache",
                url=url,
            )
        body, fetched_at = self._download(url)
        try:
            data = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as err:
            raise KoladaError(f"the response is not valid JSON ({err})", url=url) from err
        if self.cache is not None:
            self.cache.put(url, data, fetched_at)
        return Fetched(url=url, data=data, fetched_at=fetched_at)

    def _download(self, url: str) -> tuple[bytes, str]:
        request = urllib.request.Request(
            url,
            headers={"Accept": "application/json", "User-Agent": f"goalchain/{__version__}"},
        )
        attempts = self.retries + 1
        for attempt in range(attempts):
            wait = self.backoff * 2**attempt
            self.requests += 1
            try:
                with self.opener.open(request, timeout=self.timeout) as response:
                    body: bytes = response.read()
                return body, iso_utc(self.clock())
            except urllib.error.HTTPError as err:
                code = err.code
                problem = f"HTTP {code} {err.reason}"
                retryable = code == 429 or 500 <= code < 600
                if not retryable:
                    raise KoladaError(problem, url=url, status=code) from err
                given = _retry_after(
                    err.headers.get("Retry-After") if err.headers else None, self.clock()
                )
                if given is not None:
                    wait = given
                last: Exception = err
                status: int | None = code
            except (
                urllib.error.URLError,
                TimeoutError,
                ConnectionError,
                http.client.HTTPException,
                OSError,
            ) as err:
                reason = getattr(err, "reason", None) or err
                problem = f"connection failed or timed out ({reason})"
                last, status = err, None
            if attempt + 1 < attempts:
                self.sleep(wait)
        raise KoladaError(
            f"{problem}; gave up after {attempts} attempt(s)", url=url, status=status
        ) from last
