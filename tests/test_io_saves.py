"""Saving safely (issue 14 "Saves", issue 19 item 3): a structure and data pair is
atomic as a pair, killed saves' temporary files are cleaned, save errors name the
file asked for, text no file can hold is refused before writing, a ``data`` list
names each file once, and goalchain opens only regular files."""

from __future__ import annotations

import errno
import io
import os
import stat
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import goalchain as gc
from _bounds import run_bounded
from goalchain.cli import main
from goalchain.io import _files

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
needs_locks = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file locks")
as_root = hasattr(os, "geteuid") and os.geteuid() == 0


def chain_v1() -> gc.GoalChain:
    chain = gc.GoalChain(name="Burlövs kommun", model="classic", municipality="1231")
    chain.add_goal("vision", "Burlöv – en plats att växa i", level="vision")
    chain.add_goal(
        "kf1", "Fler elever ska nå gymnasiebehörighet", level="council", parents=["vision"]
    )
    chain.add_indicator(
        "i1",
        "Andel behöriga till yrkesprogram",
        parents=["kf1"],
        unit="percent",
        direction="increase",
    )
    chain.record("i1", 2023, 80.5)
    return chain


def chain_v2() -> gc.GoalChain:
    """The next save: a new indicator with its measurement, a changed value."""
    chain = chain_v1()
    chain.add_indicator("i2", "Nöjda elever", parents=["kf1"], unit="percent", direction="increase")
    chain.record("i2", 2024, 71.0)
    chain.record("i1", 2024, 82.0)
    chain.assess("kf1", 2024, status="partly", rationale="Dialog i KS")
    return chain


def names(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def age(directory: Path, seconds: float = 3600.0) -> None:
    """Make every hidden file in *directory* as old as a save killed long ago."""
    then = time.time() - seconds
    for p in directory.iterdir():
        if p.name.startswith("."):
            os.utime(p, (then, then), follow_symlinks=False)


class Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs, not even the clean-up."""


_MUTATIONS = ("open", "replace", "link", "fsync", "chmod")


@contextmanager
def failing(at: int | None, *, kill: bool) -> Iterator[list[str]]:
    """Count the file-system steps of a save; the *at*-th fails (EIO) or is a kill.

    A kill also stops every later ``os.unlink``, so what a killed process would
    leave behind stays.
    """
    calls: list[str] = []
    real = {name: getattr(os, name) for name in (*_MUTATIONS, "unlink")}

    def wrap(name: str) -> Callable[..., Any]:
        def step(*args: Any, **kwargs: Any) -> Any:
            if name == "open" and not args[1] & os.O_CREAT:
                return real[name](*args, **kwargs)
            calls.append(name)
            if len(calls) == at:
                if kill:
                    os.unlink = lambda *a, **k: None  # type: ignore[assignment]
                    raise Killed
                raise OSError(errno.EIO, "Input/output error")
            return real[name](*args, **kwargs)

        return step

    try:
        for name in _MUTATIONS:
            setattr(os, name, wrap(name))
        yield calls
    finally:
        for name, function in real.items():
            setattr(os, name, function)


def save_pair(directory: Path, chain: gc.GoalChain, data_dir: Path | None = None) -> None:
    gc.dump(chain, directory / "kedja.yaml", data_path=(data_dir or directory) / "data.yaml")


# ------------------------------------------------------- the pair is atomic


def steps_of_a_pair_save(tmp_path: Path) -> int:
    work = tmp_path / "count"
    work.mkdir()
    save_pair(work, chain_v1())
    with failing(None, kill=False) as calls:
        save_pair(work, chain_v2())
    return len(calls)


@pytest.mark.parametrize("kill", [False, True], ids=["error", "kill"])
def test_a_pair_loads_as_the_old_or_the_new_whichever_step_fails(tmp_path, kill):
    old, new = chain_v1(), chain_v2()
    steps = steps_of_a_pair_save(tmp_path)
    assert steps >= 4  # at least: new data, switch, data under its name, structure
    seen = set()
    for at in range(1, steps + 1):
        work = tmp_path / f"{'kill' if kill else 'error'}{at}"
        work.mkdir()
        save_pair(work, old)
        try:  # a failed sync of the directory after the last rename is not an error
            with failing(at, kill=kill) as calls:
                save_pair(work, new)
        except (Killed, OSError):
            assert len(calls) == at
        loaded = gc.load(work / "kedja.yaml")
        assert loaded in (old, new), f"a mix after a failure at step {at} ({calls[-1]})"
        seen.add("new" if loaded == new else "old")
        # the next save finishes the job and leaves exactly the pair
        age(work)
        save_pair(work, new)
        assert gc.load(work / "kedja.yaml") == new
        assert names(work) == ["data.yaml", "kedja.yaml"], f"after step {at}"
    assert seen == {"old", "new"}  # the switch lies between the first and last step


@pytest.mark.parametrize("failing_call", [1, 2, 3])
def test_a_failure_between_renames_leaves_the_old_or_the_new_pair(
    tmp_path, monkeypatch, failing_call
):
    """The issue's probe: an os.replace of the save fails (the second: today a mix)."""
    old, new = chain_v1(), chain_v2()
    save_pair(tmp_path, old)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    real_replace = os.replace
    calls = []

    def replace(src: Any, dst: Any) -> None:
        calls.append(dst)
        if len(calls) == failing_call:
            raise OSError(errno.EIO, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(OSError) as info:
        save_pair(tmp_path, new)
    monkeypatch.undo()
    loaded = gc.load(tmp_path / "kedja.yaml")
    assert loaded in (old, new)
    if loaded == old:
        assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
    assert isinstance(info.value, gc.FileWriteError) and ".tmp" not in str(info.value)
    assert str(info.value).startswith((str(tmp_path / "kedja.yaml"), str(tmp_path / "data.yaml")))


def simulate_read_only(monkeypatch: pytest.MonkeyPatch, directory: Path) -> None:
    """Refuse to create, replace, link or remove files in *directory* (EROFS), as a
    read-only mount does (the tests may run as root, whom chmod does not stop)."""
    real = {name: getattr(os, name) for name in ("open", "replace", "link", "unlink")}
    inside = os.path.realpath(directory)

    def refused(*paths: Any) -> bool:
        return any(os.path.dirname(os.path.realpath(p)) == inside for p in paths)

    def make(name: str) -> Callable[..., Any]:
        def step(*args: Any, **kwargs: Any) -> Any:
            targets = args[:1] if name in ("open", "unlink") else args[:2]
            if name == "open" and not args[1] & os.O_CREAT:
                targets = ()
            if refused(*targets):
                raise OSError(errno.EROFS, "Read-only file system", str(args[0]))
            return real[name](*args, **kwargs)

        return step

    for name in real:
        monkeypatch.setattr(os, name, make(name))


def test_a_read_only_structure_directory_after_the_data_keeps_the_old_pair(tmp_path, monkeypatch):
    """The data directory is writable and is written first; the structure's is not."""
    structure_dir, data_dir = tmp_path / "kedja", tmp_path / "data"
    structure_dir.mkdir()
    data_dir.mkdir()
    old = chain_v1()
    save_pair(structure_dir, old, data_dir)
    before = (data_dir / "data.yaml").read_bytes()
    simulate_read_only(monkeypatch, structure_dir)
    with pytest.raises(OSError) as info:
        save_pair(structure_dir, chain_v2(), data_dir)
    monkeypatch.undo()
    assert gc.load(structure_dir / "kedja.yaml") == old
    assert (data_dir / "data.yaml").read_bytes() == before
    assert names(data_dir) == ["data.yaml"] and names(structure_dir) == ["kedja.yaml"]
    assert isinstance(info.value, gc.FileWriteError)
    assert info.value.filename == str(structure_dir / "kedja.yaml")
    assert info.value.errno == errno.EROFS
    assert "read-only" in str(info.value) and "the file is unchanged" in str(info.value)


def test_a_read_only_data_directory_writes_nothing(tmp_path, monkeypatch):
    structure_dir, data_dir = tmp_path / "kedja", tmp_path / "data"
    structure_dir.mkdir()
    data_dir.mkdir()
    save_pair(structure_dir, chain_v1(), data_dir)
    before = {p: p.read_bytes() for d in (structure_dir, data_dir) for p in d.iterdir()}
    simulate_read_only(monkeypatch, data_dir)
    with pytest.raises(OSError) as info:
        save_pair(structure_dir, chain_v2(), data_dir)
    monkeypatch.undo()
    after = {p: p.read_bytes() for d in (structure_dir, data_dir) for p in d.iterdir()}
    assert after == before
    assert str(info.value).startswith(f"{data_dir / 'data.yaml'}: cannot write the file")


@pytest.mark.skipif(as_root or sys.platform == "win32", reason="chmod does not stop root")
def test_a_really_read_only_directory(tmp_path):  # pragma: no cover - not as root
    structure_dir, data_dir = tmp_path / "kedja", tmp_path / "data"
    structure_dir.mkdir()
    data_dir.mkdir()
    old = chain_v1()
    save_pair(structure_dir, old, data_dir)
    structure_dir.chmod(0o555)
    try:
        with pytest.raises(gc.FileWriteError, match="no permission to write in"):
            save_pair(structure_dir, chain_v2(), data_dir)
    finally:
        structure_dir.chmod(0o755)
    assert gc.load(structure_dir / "kedja.yaml") == old
    assert names(data_dir) == ["data.yaml"]


def test_a_killed_save_in_a_real_process_leaves_a_pair_that_loads(tmp_path):
    """Each step of a pair save, in a child process that dies there (os._exit)."""
    code = f"""
        import os, sys
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        import goalchain as gc
        from test_io_saves import chain_v1, chain_v2
        base = {str(tmp_path)!r}
        outcomes = []
        for at in range(1, 40):
            work = os.path.join(base, str(at))
            os.mkdir(work)
            k, d = os.path.join(work, "k.yaml"), os.path.join(work, "d.yaml")
            gc.dump(chain_v1(), k, data_path=d)
            pid = os.fork()
            if pid == 0:
                calls = []
                real_replace, real_link = os.replace, os.link
                def step(real):
                    def run(*args):
                        calls.append(1)
                        if len(calls) == at:
                            os._exit(9)
                        return real(*args)
                    return run
                os.replace, os.link = step(real_replace), step(real_link)
                gc.dump(chain_v2(), k, data_path=d)
                os._exit(0)
            _, status = os.waitpid(pid, 0)
            loaded = gc.load(k)
            new = "new" if loaded == chain_v2() else "MIX"
            outcomes.append("old" if loaded == chain_v1() else new)
            if os.waitstatus_to_exitcode(status) == 0:
                break
        print(" ".join(outcomes))
    """
    if not hasattr(os, "fork"):  # pragma: no cover
        pytest.skip("no fork here")
    run = run_bounded(code, seconds=60, megabytes=2048)
    assert run.returncode == 0, run.stderr[-2000:]
    outcomes = run.stdout.split()
    assert "MIX" not in outcomes and outcomes[0] == "old" and outcomes[-1] == "new"


@settings(max_examples=20)
@given(
    at=st.integers(min_value=1, max_value=12),
    kill=st.booleans(),
    other_format=st.booleans(),
    text=st.text(st.characters(codec="utf-8"), min_size=1, max_size=20).filter(str.strip),
)
def test_any_failure_leaves_the_old_or_the_new_pair(tmp_path_factory, at, kill, other_format, text):
    work = tmp_path_factory.mktemp("pair")
    old = chain_v1()
    new = chain_v2()
    new.assess("vision", 2024, status="achieved", rationale=text)
    structure = work / ("kedja.json" if other_format else "kedja.yaml")
    data = work / ("data.yaml" if other_format else "data.json")
    gc.dump(old, structure, data_path=data)
    try:
        with failing(at, kill=kill):
            gc.dump(new, structure, data_path=data)
    except (Killed, OSError):
        pass
    assert gc.load(structure) in (old, new)
    age(work)
    gc.dump(new, structure, data_path=data)
    assert gc.load(structure) == new
    assert names(work) == sorted([structure.name, data.name])


def test_the_pair_guarantee_holds_through_links_and_permissions(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    save_pair(real, chain_v1())
    (real / "data.yaml").chmod(0o640)
    (tmp_path / "data.yaml").symlink_to(real / "data.yaml")
    gc.dump(chain_v2(), tmp_path / "kedja.yaml", data_path=tmp_path / "data.yaml")
    assert (tmp_path / "data.yaml").is_symlink()  # the link stays; its target is replaced
    assert stat.S_IMODE((real / "data.yaml").stat().st_mode) == 0o640
    assert "data: data.yaml\n" in (tmp_path / "kedja.yaml").read_text(encoding="utf-8")
    assert gc.load(tmp_path / "kedja.yaml") == chain_v2()
    assert names(real) == ["data.yaml", "kedja.yaml"]


def test_without_hard_links_the_data_is_written_again(tmp_path, monkeypatch):
    save_pair(tmp_path, chain_v1())

    def no_links(*args: Any) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    save_pair(tmp_path, chain_v2())
    assert gc.load(tmp_path / "kedja.yaml") == chain_v2()
    assert names(tmp_path) == ["data.yaml", "kedja.yaml"]


def test_a_failure_after_the_switch_says_where_the_data_is(tmp_path, monkeypatch):
    save_pair(tmp_path, chain_v1())
    real_replace = os.replace

    def replace(src: Any, dst: Any) -> None:
        if Path(dst).name == "data.yaml":
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(gc.FileWriteError) as info:
        save_pair(tmp_path, chain_v2())
    monkeypatch.undo()
    assert gc.load(tmp_path / "kedja.yaml") == chain_v2()  # saved: the switch was made
    message = info.value.render("en")
    assert "the disk is full" in message and "the chain is saved" in message
    assert "disken är full" in info.value.render("sv")
    age(tmp_path)
    save_pair(tmp_path, chain_v2())
    assert names(tmp_path) == ["data.yaml", "kedja.yaml"]


# ------------------------------------------------ killed saves' leftovers


@needs_locks
def test_a_save_removes_the_temporary_files_of_killed_saves_and_nothing_else(tmp_path):
    target = tmp_path / "kedja.yaml"
    gc.dump(chain_v1(), target)
    stale = [".kedja.yaml.0123456789ab.tmp", ".kedja.yaml.fedcba987654.tmp"]
    kept = [
        ".kedja.yaml.0123456789AB.tmp",  # not goalchain's: upper case
        ".kedja.yaml.0123456789a.tmp",  # 11 digits
        ".kedja.yaml.0123456789abc.tmp",  # 13 digits
        ".kedja.yaml.0123456789ab.tmp.bak",
        ".kedja.yaml.0123456789zz.tmp",
        "kedja.yaml.0123456789ab.tmp",  # not hidden
        ".annan.yaml.0123456789ab.tmp",  # another file's
        ".kedja.yml.0123456789ab.tmp",
        "anteckningar.txt",
    ]
    for name in stale + kept:
        (tmp_path / name).write_bytes(b"x" * 1000)
    (tmp_path / ".kedja.yaml.aaaaaaaaaaaa.tmp").mkdir()  # a directory: never
    (tmp_path / ".kedja.yaml.bbbbbbbbbbbb.tmp").symlink_to(tmp_path / "anteckningar.txt")
    kept += [".kedja.yaml.aaaaaaaaaaaa.tmp", ".kedja.yaml.bbbbbbbbbbbb.tmp"]
    age(tmp_path)
    recent = ".kedja.yaml.111111111111.tmp"  # younger than the save: maybe a running one
    (tmp_path / recent).write_bytes(b"y")
    locked = tmp_path / ".kedja.yaml.222222222222.tmp"  # old, but a running save holds it
    locked.write_bytes(b"z")
    age(tmp_path)
    os.utime(tmp_path / recent)
    import fcntl

    with locked.open("rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        gc.dump(chain_v2(), target)
    assert gc.load(target) == chain_v2()
    assert sorted([*kept, recent, locked.name, "kedja.yaml"]) == names(tmp_path)
    assert (tmp_path / "anteckningar.txt").read_bytes() == b"x" * 1000


def test_every_atomic_write_cleans_its_own_leftovers(tmp_path):
    target = tmp_path / "rapport.html"
    (tmp_path / ".rapport.html.0123456789ab.tmp").write_bytes(b"<p>" * 100_000)
    age(tmp_path)
    _files.atomic_write(target, "<p>ny</p>")
    assert names(tmp_path) == ["rapport.html"]


def test_a_pair_save_removes_a_killed_pair_saves_new_data_file(tmp_path):
    save_pair(tmp_path, chain_v1())
    (tmp_path / ".data.yaml.0123456789ab.new.yaml").write_text("goalchain: 1\n")
    (tmp_path / ".data.yaml.0123456789ab.new.json").write_text("{}")  # not this pattern
    age(tmp_path)
    save_pair(tmp_path, chain_v2())
    assert names(tmp_path) == [".data.yaml.0123456789ab.new.json", "data.yaml", "kedja.yaml"]


@needs_locks
def test_a_running_save_does_not_remove_another_running_saves_file(tmp_path):
    """The temporary file is locked while written, so a cleaner leaves it alone."""
    target = tmp_path / "kedja.yaml"
    seen: list[list[str]] = []
    real_fsync = os.fsync

    def fsync_and_look(fd: int) -> None:
        real_fsync(fd)
        if not seen:
            temp = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
            for p in temp:
                os.utime(p, (0, 0))  # as old as can be
            removed = _files.remove_stale(target, ".tmp", started=time.time())
            seen.append([p.name for p in removed])

    os.fsync = fsync_and_look  # type: ignore[assignment]
    try:
        gc.dump(chain_v1(), target)
    finally:
        os.fsync = real_fsync
    assert seen == [[]]
    assert gc.load(target) == chain_v1()


@needs_locks
def test_a_running_pair_save_holds_its_new_data_file(tmp_path, monkeypatch):
    """Between the switch and the end, the new data file is locked: no cleaner takes it."""
    save_pair(tmp_path, chain_v1())
    seen: list[list[str]] = []
    real_replace = os.replace

    def replace_and_look(src: Any, dst: Any) -> None:
        real_replace(src, dst)
        if not seen:  # just after the switch
            for p in tmp_path.glob(".data.yaml.*.new.yaml"):
                os.utime(p, (0, 0))
            removed = _files.remove_stale(tmp_path / "data.yaml", ".new.yaml", started=time.time())
            seen.append([p.name for p in removed])

    monkeypatch.setattr(os, "replace", replace_and_look)
    save_pair(tmp_path, chain_v2())
    monkeypatch.undo()
    assert seen == [[]]
    assert gc.load(tmp_path / "kedja.yaml") == chain_v2()
    assert names(tmp_path) == ["data.yaml", "kedja.yaml"]


# ------------------------------------------- errors name the file asked for


def test_a_save_error_names_the_file_not_the_temporary_one(tmp_path, monkeypatch):
    """Issue 19 item 3: 'Permission denied: …/.t.csv.ae376c8fc7aa.tmp' today."""
    target = tmp_path / "t.csv"
    simulate_read_only(monkeypatch, tmp_path)
    with pytest.raises(gc.FileWriteError) as info:
        _files.atomic_write(target, "a;b\n")
    error = info.value
    assert isinstance(error, OSError) and isinstance(error, gc.GoalchainError)
    assert error.filename == str(target) and error.errno == errno.EROFS
    assert str(error) == (
        f"{target}: cannot write the file: the file system of {tmp_path} is read-only; "
        "the file is unchanged"
    )
    assert error.render("sv") == (
        f"{target}: kan inte skriva filen: filsystemet för {tmp_path} är skrivskyddat; "
        "filen är oförändrad"
    )
    assert ".tmp" not in str(error) and ".tmp" not in error.render("sv")


@pytest.mark.parametrize(
    ("code", "en", "sv"),
    [
        (errno.EACCES, "no permission to write in", "behörighet saknas för att skriva i"),
        (errno.ENOSPC, "the disk is full", "disken är full"),
        (errno.EIO, "Input/output error", "Input/output error"),
    ],
)
def test_a_failed_write_is_worded_by_its_cause(tmp_path, monkeypatch, code, en, sv):
    target = tmp_path / "kedja.json"
    target.write_text("{}")
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        raise OSError(code, os.strerror(code) if code == errno.EIO else "x")

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(gc.FileWriteError) as info:
        gc.dump(chain_v1(), target)
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert en in info.value.render("en") and sv in info.value.render("sv")
    assert target.read_text() == "{}" and names(tmp_path) == ["kedja.json"]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "cannot write the file: the file system of"), ("sv", "kan inte skriva filen")],
)
def test_the_command_line_reports_a_failed_save_in_its_language(
    tmp_path, monkeypatch, lang, expected
):
    source = tmp_path / "kedja.yaml"
    gc.dump(chain_v1(), source)
    data = tmp_path / "d.csv"
    data.write_text("indikator;år;värde\ni1;2024;81,5\n", encoding="utf-8")
    out_dir = tmp_path / "ut"
    out_dir.mkdir()
    simulate_read_only(monkeypatch, out_dir)
    out, err = io.StringIO(), io.StringIO()
    argv = ["import", str(source), str(data), "-o", str(out_dir / "ny.yaml"), "--lang", lang]
    assert main(argv, out=out, err=err) == 2
    message = err.getvalue()
    assert expected in message and str(out_dir / "ny.yaml") in message
    assert ".tmp" not in message and "Traceback" not in message
    template = ["template", str(source), "-o", str(out_dir / "mall.csv"), "--lang", lang]
    err = io.StringIO()
    assert main(template, out=io.StringIO(), err=err) == 2
    assert expected in err.getvalue() and str(out_dir / "mall.csv") in err.getvalue()
    monkeypatch.undo()
    assert names(out_dir) == []


# ------------------------------------------------------- lone surrogates


def test_a_lone_surrogate_is_refused_when_set_naming_element_and_field():
    chain = chain_v1()
    with pytest.raises(gc.InvalidValueError) as info:
        chain.add_goal("kf2", "Trygg\ud800 kommun", level="council", parents=["vision"])
    assert info.value.element == "kf2" and info.value.field == "title"
    assert "lone surrogate '\\ud800' at character 5" in str(info.value)
    with pytest.raises(gc.InvalidValueError, match="'kf1', field 'rationale'"):
        chain.assess("kf1", 2024, status="achieved", rationale="bra\udc80")
    with pytest.raises(gc.InvalidValueError, match="field 'name'"):
        gc.GoalChain(name="Burl\udcf6v")
    assert "kf2" not in chain


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_a_lone_surrogate_in_any_field_is_refused_before_anything_is_written(tmp_path, fmt):
    target = tmp_path / f"kedja.{fmt}"
    gc.dump(chain_v1(), target)
    before = target.read_bytes()
    chain = chain_v1()
    chain.add_goal(
        "kf2", "Trygg kommun", level="council", parents=["vision"], tags=["trygghet", "x\ud83d"]
    )
    with pytest.raises(gc.FileFormatError) as info:
        gc.dump(chain, target)
    assert info.value.field == "elements[3].tags[1]"
    assert "element 'kf2'" in str(info.value) and str(target) in str(info.value)
    assert target.read_bytes() == before and names(tmp_path) == [target.name]


def test_a_lone_surrogate_in_the_data_of_a_pair_writes_neither_file(tmp_path):
    save_pair(tmp_path, chain_v1())
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    chain = chain_v2()
    chain.assess("vision", 2024, status="achieved", participants=["KS ordf\udcf6rande"])
    with pytest.raises(gc.FileFormatError, match=r"assessments\[\d\]\.participants\[0\]"):
        save_pair(tmp_path, chain)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_a_surrogate_in_an_unknown_field_is_named_by_its_path():
    with pytest.raises(gc.FileFormatError) as info:
        _files.check_texts({"kontakt": {"namn": ["Åsa", "\udce5sa"]}}, file="k.yaml")
    assert info.value.field == "kontakt.namn[1]" and info.value.file == "k.yaml"
    _files.check_texts({"ok": ["Åsa", {"a": 1.5}], "datum": None})  # nothing to refuse


# ------------------------------------------------------------ data lists


def test_a_data_list_names_each_file_once(tmp_path):
    """The probe: one data file named 3,000 times took 460 s; run in a bounded process."""
    (tmp_path / "d.yaml").write_text("goalchain: 1\nmeasurements: []\n", encoding="utf-8")
    text = "goalchain: 1\nelements: []\ndata:\n" + "  - d.yaml\n" * 3000
    (tmp_path / "k.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "k2.yaml").write_text(
        "goalchain: 1\ndata: [d.yaml, ./sub/../d.yaml]\n", encoding="utf-8"
    )
    code = f"""
        import goalchain as gc
        for name in ("k.yaml", "k2.yaml"):
            try:
                gc.load({str(tmp_path)!r} + "/" + name)
                print("LOADED")
            except gc.FileFormatError as error:
                print(error.file, error.line, error.field, "|", error.reason)
    """
    run = run_bounded(code, seconds=30, megabytes=1024)
    assert run.returncode == 0, run.stderr[-2000:]
    lines = run.stdout.splitlines()
    assert lines[0] == (
        f"{tmp_path / 'k.yaml'} 5 data[1] | data file 'd.yaml' is named again; it is already "
        "named at data[0] (line 4), and each data file is read once: remove this entry"
    )
    assert lines[1].startswith(f"{tmp_path / 'k2.yaml'} 2 data[1] | data file './sub/../d.yaml'")


def test_the_number_of_data_files_is_capped(tmp_path):
    from goalchain.io._codec import MAX_DATA_FILES

    refs = "".join(f"  - d{i}.yaml\n" for i in range(MAX_DATA_FILES + 1))
    (tmp_path / "k.yaml").write_text(f"goalchain: 1\ndata:\n{refs}", encoding="utf-8")
    with pytest.raises(gc.FileFormatError, match=f"{MAX_DATA_FILES + 1} data files are named"):
        gc.load(tmp_path / "k.yaml")


# ------------------------------------------------- only regular files are read


@needs_fifo
def test_fifos_devices_directories_and_sockets_are_refused_before_opening(tmp_path):
    """Unfixed, opening the FIFO blocks for ever: run in a bounded process."""
    code = f"""
        import os, socket
        from pathlib import Path
        import goalchain as gc
        base = Path({str(tmp_path)!r})
        os.mkfifo(base / "modell.yaml")
        os.mkfifo(base / "data.yaml")
        os.mkfifo(base / "kedja.yaml")
        (base / "noll.yaml").symlink_to("/dev/zero")
        (base / "mapp.yaml").mkdir()
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(base / "sock.yaml"))
        (base / "d.yaml").write_text("goalchain: 1\\n")
        cases = {{
            "model": "goalchain: 1\\nmodel: modell.yaml\\n",
            "data": "goalchain: 1\\ndata: [d.yaml, data.yaml]\\n",
            "device": "goalchain: 1\\nmodel: noll.yaml\\n",
            "directory": "goalchain: 1\\ndata: mapp.yaml\\n",
            "socket": "goalchain: 1\\ndata: sock.yaml\\n",
        }}
        for name, text in cases.items():
            (base / f"{{name}}.k.yaml").write_text(text)
            try:
                gc.load(base / f"{{name}}.k.yaml")
                print(name, "LOADED")
            except gc.FileFormatError as err:
                print(name, err.line, err.field, "|", err.reason)
        for name in ["kedja.yaml", "noll.yaml", "mapp.yaml", "sock.yaml"]:
            for load in (gc.load, gc.io.load_model):
                try:
                    load(base / name)
                    print(name, "LOADED")
                except gc.FileFormatError as err:
                    print(name, "|", err.file == str(base / name), err.reason)
        os.mkfifo(base / "mått.csv")
        chain = gc.GoalChain(name="x")
        try:
            gc.io.read_measurements(base / "mått.csv", chain)
            print("LOADED")
        except gc.FileFormatError as err:
            print("csv", "|", err.file == str(base / "mått.csv"), err.reason)
    """
    run = run_bounded(code, seconds=20, megabytes=1024)
    assert run.returncode == 0, run.stderr[-2000:]
    lines = run.stdout.splitlines()
    assert "LOADED" not in run.stdout
    assert lines[:5] == [
        "model 2 model | cannot read the model file 'modell.yaml' "
        f"({tmp_path / 'modell.yaml'}): it is a FIFO (named pipe), not a regular file",
        "data 2 data[1] | cannot read the data file 'data.yaml' "
        f"({tmp_path / 'data.yaml'}): it is a FIFO (named pipe), not a regular file",
        "device 2 model | cannot read the model file 'noll.yaml' "
        f"({tmp_path / 'noll.yaml'}): it is a character device, not a regular file",
        "directory 2 data | cannot read the data file 'mapp.yaml' "
        f"({tmp_path / 'mapp.yaml'}): it is a directory, not a regular file",
        "socket 2 data | cannot read the data file 'sock.yaml' "
        f"({tmp_path / 'sock.yaml'}): it is a socket, not a regular file",
    ]
    assert lines[5] == (
        "kedja.yaml | True cannot read the file: it is a FIFO (named pipe), not a regular "
        "file; give a .yaml, .yml or .json file"
    )
    assert len(lines) == 14 and all("| True cannot read the file: it is " in x for x in lines[5:])
    assert lines[-1] == (
        "csv | True cannot read the file: it is a FIFO (named pipe), not a regular file"
    )


@needs_fifo
def test_the_command_line_refuses_a_fifo(tmp_path):
    """Unfixed, ``goalchain show FIFO`` waits for ever: run in a bounded process."""
    os.mkfifo(tmp_path / "kedja.yaml")
    code = f"""
        import io
        from goalchain.cli import main
        err = io.StringIO()
        code = main(["show", {str(tmp_path / "kedja.yaml")!r}], out=io.StringIO(), err=err)
        print(code, err.getvalue())
    """
    run = run_bounded(code, seconds=20, megabytes=1024)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.startswith("2 goalchain: ") and "FIFO" in run.stdout
    assert "Traceback" not in run.stdout + run.stderr


# ---------------------------------------- a failed read loses nothing saved


def snapshot(directory: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(directory)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def test_a_failed_load_or_import_writes_nothing(tmp_path):
    save_pair(tmp_path, chain_v1())
    (tmp_path / "trasig.yaml").write_text("goalchain: 1\nelements: [\n", encoding="utf-8")
    (tmp_path / "d.csv").write_text("indikator;år;värde\ni1;2024;x\n", encoding="utf-8")
    (tmp_path / "dubbel.yaml").write_text(
        "goalchain: 1\ndata: [data.yaml, data.yaml]\n", encoding="utf-8"
    )
    before = snapshot(tmp_path)
    for bad in ("trasig.yaml", "dubbel.yaml", "saknas.yaml"):
        with pytest.raises((gc.GoalchainError, FileNotFoundError)):
            gc.load(tmp_path / bad)
    chain = gc.load(tmp_path / "kedja.yaml")
    with pytest.raises(gc.GoalchainError):
        chain.add_indicator("i1", "igen", parents=["kf1"], unit="percent")
    assert chain == chain_v1()
    for argv in (
        ["import", "kedja.yaml", "d.csv", "--in-place"],
        ["import", "kedja.yaml", "d.csv", "-o", "ny.yaml"],
        ["import", "trasig.yaml", "d.csv", "-o", "ny.yaml"],
        ["validate", "trasig.yaml"],
        ["template", "trasig.yaml", "-o", "mall.csv"],
    ):
        cwd = os.getcwd()
        os.chdir(tmp_path)
        try:
            code = main(argv, out=io.StringIO(), err=io.StringIO())
        finally:
            os.chdir(cwd)
        assert code in (1, 2), argv
        assert snapshot(tmp_path) == before, argv
