"""Transport for the Kolada client: GET with retries and backoff, and the offline cache.

Only the standard library is used (:mod:`urllib.request`). A request is retried
on HTTP 5xx, on 429 (after ``Retry-After`` when the server gives it), on a
timeout and on a lost or refused connection, waiting ``backoff * 2**attempt``
seconds between attempts; any other HTTP error (400, 404...) fails at once.
Every failure ends in a :class:`~goalchain.exceptions.KoladaError` that names
the URL.

An answer is untrusted input, so the transport keeps it within bounds:

- a redirect is followed only to the origin (scheme, host and port) of the
  URL asked for; to another origin it is an error, and nothing is asked of it;
- each attempt has an overall deadline (:data:`MAX_REQUEST_SECONDS`), not only
  a timeout per read, so a server that drips one byte at a time cannot hold
  a fetch;
- an answer larger than :data:`MAX_RESPONSE_BYTES` is refused (from its
  ``Content-Length``, or while reading when the header lies or is absent);
- the JSON is read by :func:`parse_json`: nesting deeper than
  :data:`MAX_JSON_DEPTH`, a number longer than :data:`MAX_NUMBER_CHARS`
  characters and the non-finite ``NaN`` / ``Infinity`` are errors.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email.utils
import hashlib
import http.client
import json
import math
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

import attrs

from .._i18n import N_
from .._version import __version__
from ..exceptions import InvalidValueError, KoladaError, Message, Number, Plural
from ._files import atomic_write

__all__ = [
    "MAX_JSON_DEPTH",
    "MAX_NUMBER_CHARS",
    "MAX_REQUEST_SECONDS",
    "MAX_RESPONSE_BYTES",
    "Cache",
    "Fetched",
    "Transport",
    "default_opener",
    "iso_utc",
    "origin",
    "parse_json",
    "utc_now",
]

#: The longest wait a ``Retry-After`` header can impose, in seconds.
MAX_RETRY_AFTER = 120.0

MAX_RESPONSE_BYTES = 16 * 1024 * 1024
"""Most bytes one Kolada answer may have (16 MiB).

A page of Kolada's v3 API holds at most 5 000 rows, about 1.5 MB of JSON; a
larger answer is not Kolada's. Change it per client with ``max_bytes=``.
"""

MAX_REQUEST_SECONDS = 60.0
"""Most seconds one request may take in all: connecting, waiting and reading the answer.

The *timeout* bounds each wait for the server; this bounds the whole attempt,
so a server sending one byte a second cannot hold a fetch. Change it per
client with ``deadline=``. A request is retried after a missed deadline as
after a timeout, so a fetch of one URL takes at most ``(retries + 1)``
deadlines and the waits between them.
"""

MAX_JSON_DEPTH = 64
"""Most levels of nested lists and objects in a Kolada answer (Kolada's have five)."""

MAX_NUMBER_CHARS = 1000
"""Most characters of one number in a Kolada answer (Kolada's have at most about 20).

A longer number is refused while the JSON is read; a shorter one that does
not fit a float (``1e400``, a 400-digit integer) is refused where it is used,
naming the KPI and the field.
"""

_CHUNK = 64 * 1024


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


def origin(url: str) -> tuple[str, str, int | None]:
    """The origin of *url*: scheme, host and port (the scheme's default port when absent).

    Examples
    --------
    >>> origin("https://api.kolada.se/v3/kpi/N15436")
    ('https', 'api.kolada.se', 443)
    >>> origin("HTTP://Example.org:8080/x") == origin("http://example.org:8080/y")
    True
    """
    parts = urllib.parse.urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:  # a port that is not a number, or out of range
        port = -1
    if port is None:
        port = {"http": 80, "https": 443}.get(scheme)
    return scheme, (parts.hostname or "").lower(), port


class _JSONLimitError(ValueError):
    """A JSON text outside the limits (raised by the hooks of :func:`parse_json`).

    *message* says what, worded in the reader's language when the error is shown.
    """

    def __init__(self, message: Message):
        super().__init__(str(message))
        self.message = message


def _long_number(text: str) -> _JSONLimitError:
    return _JSONLimitError(
        Message(
            N_("a number of {length} characters; at most {limit} are read"),
            length=Number(len(text), ","),
            limit=Number(MAX_NUMBER_CHARS, ","),
        )
    )


def _parse_int(text: str) -> int:
    if len(text) > MAX_NUMBER_CHARS:
        raise _long_number(text)
    return int(text)


def _parse_float(text: str) -> float:
    if len(text) > MAX_NUMBER_CHARS:
        raise _long_number(text)
    return float(text)  # 1e400 gives inf: refused where the value is used, naming the field


def _parse_constant(name: str) -> Any:
    raise _JSONLimitError(
        Message(
            N_("{name} is not a number JSON allows (a value must be finite, or null)"), name=name
        )
    )


def _depth(data: Any, limit: int) -> int:
    """How deep lists and objects nest in *data*, counting no further than *limit* + 1."""
    most = 0
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        most = max(most, level)
        if most > limit:
            return most
        stack.extend((child, level + 1) for child in children if isinstance(child, dict | list))
    return most


def _too_deep(url: str, max_depth: int) -> KoladaError:
    return KoladaError(
        N_(
            "the answer nests lists and objects deeper than {max_depth} levels; "
            "a Kolada answer has about 5"
        ),
        url=url,
        params={"max_depth": max_depth},
    )


def parse_json(body: bytes | str, *, url: str = "", max_depth: int = MAX_JSON_DEPTH) -> Any:
    """Read a Kolada answer as JSON, within limits; any problem is a :class:`KoladaError`.

    Parameters
    ----------
    body
        The answer as the server sent it (UTF-8), or as text.
    url
        Where it came from; the error names it.
    max_depth
        Most levels of nested lists and objects.

    Raises
    ------
    KoladaError
        When the body is not UTF-8 or not JSON, nests deeper than *max_depth*,
        holds a number longer than :data:`MAX_NUMBER_CHARS` characters, or
        ``NaN`` / ``Infinity``.

    Examples
    --------
    >>> parse_json(b'{"values": [{"value": 78.0}]}', url="https://api.kolada.se/v3/x")
    {'values': [{'value': 78.0}]}
    >>> parse_json(b'[[[1]]]', url="https://api.kolada.se/v3/x", max_depth=2)
    Traceback (most recent call last):
    ...
    goalchain.exceptions.KoladaError: Kolada https://api.kolada.se/v3/x: the answer nests \
lists and objects deeper than 2 levels; a Kolada answer has about 5
    """
    try:
        text = body.decode("utf-8") if isinstance(body, bytes) else body
        data = json.loads(
            text,
            parse_int=_parse_int,
            parse_float=_parse_float,
            parse_constant=_parse_constant,
        )
    except UnicodeDecodeError as err:
        raise KoladaError(
            N_("the response is not UTF-8 text ({reason})"), url=url, params={"reason": str(err)}
        ) from err
    except _JSONLimitError as err:
        raise KoladaError(
            N_("the response holds {what}"), url=url, params={"what": err.message}
        ) from err
    except RecursionError as err:
        raise _too_deep(url, max_depth) from err
    except ValueError as err:  # json.JSONDecodeError; int() of too many digits
        raise KoladaError(
            N_("the response is not valid JSON ({reason})"), url=url, params={"reason": str(err)}
        ) from err
    if _depth(data, max_depth) > max_depth:
        raise _too_deep(url, max_depth)
    return data


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
            entry = parse_json(file.read_bytes(), url=url, max_depth=MAX_JSON_DEPTH + 1)
            fetched_at = entry["fetched_at"]
            if entry["url"] != url or not isinstance(fetched_at, str):
                return None
            age = ((now or utc_now()) - _parse_iso(fetched_at)).total_seconds()
            data = entry["data"]
        except (KoladaError, OSError, ValueError, KeyError, TypeError, OverflowError):
            return None  # a damaged or foreign file is no answer: fetch again
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


class _Watch:
    """The deadline of one attempt: when it passes, the attempt's sockets are shut down.

    A blocked read then returns at once instead of waiting for the next byte of
    a server that drips its answer. Sockets are those the connections of the
    default opener open (:class:`_WatchedHTTP`); with an opener of your own,
    the deadline is checked between reads instead.
    """

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.ends = time.monotonic() + seconds
        self.sockets: list[socket.socket] = []
        self.expired = False
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Watch:
        _CURRENT.watch = self
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()
        _CURRENT.watch = None

    def attach(self, sock: socket.socket) -> None:
        with self._lock:
            self.sockets.append(sock)
            if self.expired:
                _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self.sockets:
                _shut(sock)

    def passed(self) -> bool:
        """Whether the deadline has passed."""
        return self.expired or time.monotonic() >= self.ends

    def remaining(self) -> float:
        """Seconds left (at least a little, so a timeout stays valid)."""
        return max(self.ends - time.monotonic(), 0.001)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed
        sock.shutdown(socket.SHUT_RDWR)


_CURRENT = threading.local()  # the _Watch of the attempt this thread is making


def _watch_socket(sock: Any) -> None:
    watch: _Watch | None = getattr(_CURRENT, "watch", None)
    if watch is not None and sock is not None:
        watch.attach(sock)


class _WatchedHTTP(http.client.HTTPConnection):
    def connect(self) -> None:
        super().connect()
        _watch_socket(self.sock)


class _WatchedHTTPS(http.client.HTTPSConnection):
    def connect(self) -> None:
        super().connect()
        _watch_socket(self.sock)


class _HTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req: urllib.request.Request) -> Any:
        return self.do_open(_WatchedHTTP, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req: urllib.request.Request) -> Any:
        return self.do_open(_WatchedHTTPS, req, context=getattr(self, "_context", None))


class _SameOriginRedirect(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only within the origin of the request; refuses any other."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: Any,
        code: int,
        msg: str,
        headers: Any,
        newurl: str,
    ) -> urllib.request.Request | None:
        if origin(newurl) != origin(req.full_url):
            raise _OtherOriginError(newurl, code)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class _OtherOriginError(Exception):
    """A redirect to another origin (turned into a KoladaError naming both URLs)."""

    def __init__(self, target: str, code: int | None):
        super().__init__(target)
        self.target = target
        self.code = code


def default_opener(proxies: dict[str, str] | None = None) -> urllib.request.OpenerDirector:
    """The opener :class:`Transport` uses unless given one.

    It follows redirects only within the origin asked for, and its sockets
    honour the overall deadline of a request. *proxies* maps a scheme to a
    proxy URL (``{}``: none); None takes them from the environment
    (``https_proxy``...), as :mod:`urllib.request` does.
    """
    handlers: list[urllib.request.BaseHandler] = [
        _HTTPHandler(),
        _HTTPSHandler(),
        _SameOriginRedirect(),
    ]
    if proxies is not None:
        handlers.insert(0, urllib.request.ProxyHandler(proxies))
    return urllib.request.build_opener(*handlers)


class _DeadlineError(Exception):
    """The deadline of an attempt passed."""


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
        The default follows redirects only within the origin of the URL asked
        for; with your own, a redirect to another origin is refused once the
        answer comes, and the deadline is checked between reads.
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
    deadline
        Most seconds one attempt may take in all (:data:`MAX_REQUEST_SECONDS`).
    max_bytes
        Most bytes of one answer (:data:`MAX_RESPONSE_BYTES`).
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
        deadline: float = MAX_REQUEST_SECONDS,
        max_bytes: int = MAX_RESPONSE_BYTES,
    ):
        if not isinstance(retries, int) or isinstance(retries, bool) or retries < 0:
            raise InvalidValueError(
                N_("retries must be an integer >= 0, got {retries!r}"), params={"retries": retries}
            )
        if not timeout > 0 or not backoff >= 0:
            raise InvalidValueError(
                N_("timeout must be > 0 and backoff >= 0, got {timeout!r}, {backoff!r}"),
                params={"timeout": timeout, "backoff": backoff},
            )
        if not (isinstance(deadline, int | float) and math.isfinite(deadline) and deadline > 0):
            raise InvalidValueError(
                N_("deadline must be a number of seconds > 0, got {deadline!r}"),
                params={"deadline": deadline},
            )
        if not isinstance(max_bytes, int) or isinstance(max_bytes, bool) or max_bytes < 1:
            raise InvalidValueError(
                N_("max_bytes must be an integer >= 1, got {max_bytes!r}"),
                params={"max_bytes": max_bytes},
            )
        if offline and cache is None:
            raise InvalidValueError(
                N_("offline mode reads the cache; give a cache directory"), params={}
            )
        self.timeout = float(timeout)
        self.retries = retries
        self.backoff = float(backoff)
        self.opener: Opener = opener or default_opener()
        self.cache = cache
        self.max_age = max_age
        self.offline = offline
        self.clock = clock or utc_now
        self.sleep = sleep
        self.deadline = float(deadline)
        self.max_bytes = max_bytes
        self.requests = 0  # HTTP requests made, retries included

    def get(self, url: str) -> Fetched:
        """The parsed JSON of *url*: from the cache when fresh, else from the server.

        Raises
        ------
        KoladaError
            After the retries, on an HTTP error other than 5xx/429, on a body
            that is not JSON or outside the limits of :func:`parse_json`, on an
            answer larger than *max_bytes*, on a redirect to another origin, or
            (offline) when the cache has no entry.
        """
        if self.cache is not None:
            hit = self.cache.get(
                url, max_age=None if self.offline else self.max_age, now=self.clock()
            )
            if hit is not None:
                return hit
        if self.offline:
            raise KoladaError(
                N_(
                    "not in the cache {directory} and offline mode is on; "
                    "fetch once without --offline to fill the cache"
                ),
                url=url,
                params={"directory": self.cache.directory if self.cache else ""},
            )
        body, fetched_at = self._download(url)
        data = parse_json(body, url=url)
        if self.cache is not None:
            self.cache.put(url, data, fetched_at)
        return Fetched(url=url, data=data, fetched_at=fetched_at)

    def _too_large(self, url: str, size: Message) -> KoladaError:
        return KoladaError(
            N_(
                "the answer is larger than {max_bytes} bytes ({size}); a Kolada page is "
                "at most a few MB (raise max_bytes= for a server that sends more)"
            ),
            url=url,
            params={"max_bytes": Number(self.max_bytes, ","), "size": size},
        )

    def _read(self, url: str, response: Any, watch: _Watch) -> bytes:
        """The body of *response*, within *max_bytes* and the deadline."""
        final = response.geturl() if hasattr(response, "geturl") else url
        if final and origin(final) != origin(url):
            raise _OtherOriginError(final, None)
        headers = getattr(response, "headers", None)
        declared = headers.get("Content-Length") if headers is not None else None
        if declared and declared.strip().isdigit() and int(declared) > self.max_bytes:
            raise self._too_large(
                url, Message(N_("Content-Length {size}"), size=Number(int(declared), ","))
            )
        read = getattr(response, "read1", None) or response.read
        chunks: list[bytes] = []
        size = 0
        while True:
            if watch.passed():
                raise _DeadlineError
            chunk: bytes = read(_CHUNK)
            if not chunk:
                break
            size += len(chunk)
            if size > self.max_bytes:
                raise self._too_large(
                    url, Message(N_("{size} bytes read so far"), size=Number(size, ","))
                )
            chunks.append(chunk)
        if watch.passed():  # the deadline shut the socket: the body is cut off
            raise _DeadlineError
        return b"".join(chunks)

    def _download(self, url: str) -> tuple[bytes, str]:
        request = urllib.request.Request(
            url,
            headers={"Accept": "application/json", "User-Agent": f"goalchain/{__version__}"},
        )
        attempts = self.retries + 1
        for attempt in range(attempts):
            wait = self.backoff * 2**attempt
            self.requests += 1
            watch = _Watch(self.deadline)
            try:
                with watch:
                    timeout = min(self.timeout, watch.remaining())
                    with self.opener.open(request, timeout=timeout) as response:
                        body = self._read(url, response, watch)
                return body, iso_utc(self.clock())
            except KoladaError:
                raise
            except _OtherOriginError as err:
                raise KoladaError(
                    N_(
                        "the server sent the request on to {target}, another origin than "
                        "{origin}; goalchain follows redirects only within the origin of the "
                        "base URL"
                    ),
                    url=url,
                    status=err.code,
                    params={
                        "target": err.target,
                        "origin": "://".join(urllib.parse.urlsplit(url)[:2]),
                    },
                ) from None
            except urllib.error.HTTPError as err:
                code = err.code
                problem = Message(N_("HTTP {code} {reason}"), code=code, reason=err.reason)
                retryable = code == 429 or 500 <= code < 600
                if not retryable:
                    raise KoladaError(
                        problem.template, url=url, status=code, params=problem.params
                    ) from err
                given = _retry_after(
                    err.headers.get("Retry-After") if err.headers else None, self.clock()
                )
                if given is not None:
                    wait = given
                last: Exception = err
                status: int | None = code
            except (
                _DeadlineError,
                urllib.error.URLError,
                TimeoutError,
                ConnectionError,
                http.client.HTTPException,
                OSError,
            ) as err:
                if isinstance(err, _DeadlineError) or watch.passed():
                    problem = Message(
                        N_(
                            "no complete answer within {deadline} s, the deadline of "
                            "one request (deadline=)"
                        ),
                        deadline=Number(self.deadline),
                    )
                else:
                    reason = getattr(err, "reason", None) or err
                    problem = Message(
                        N_("connection failed or timed out ({reason})"), reason=str(reason)
                    )
                last, status = err, None
            if attempt + 1 < attempts:
                self.sleep(wait)
        raise KoladaError(
            N_("{problem}; {gave_up}"),
            url=url,
            status=status,
            params={
                "problem": problem,
                "gave_up": Plural(
                    "gave up after {n} attempt", "gave up after {n} attempts", attempts
                ),
            },
        ) from last
