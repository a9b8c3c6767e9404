"""The user's cache never runs what it reads, never follows a link, never blocks, never reads
without end, and is not used at all unless only the user can write it: whatever is planted in a
(shared) $XDG_CACHE_HOME, a render exits 0 with the same bytes as a normal render and nothing
outside the cache is touched.

Every case plants its entries at the names a normal render's cache holds (every kind: the schema,
the code registries and their mapping, the layouts, the DOCX base, the compiled templates), and
at the names earlier versions read (``*.pickle``), then renders in a real process."""

from __future__ import annotations

import marshal
import os
import pickle
import pwd
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reportgen.base import cache
from reportgen.writers.docx import package

ROOT = Path(__file__).resolve().parent.parent
YANTIAN = ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml"
STEM = "shenzhen-yantian-zgh-2022"
KINDS = {"schema", "codes-function", "codes-economic", "codes-government_economic", "codes-mapping", "layouts",
         "docx-base", "jinja-narrative", "jinja-page", "dataclass-methods"}
SECONDS = 60  # a render that waits on a FIFO would wait for ever; a normal one takes a second


class Planted:
    """Unpickling it creates ``marker``: what a planted pickle could do as the user who renders."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def render(xdg: Path | str, out: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("REPORTGEN_DEBUG", "SOURCE_DATE_EPOCH")}
    environment |= {"XDG_CACHE_HOME": str(xdg), **(env or {})}
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "reportgen", "render", str(YANTIAN), "-o", str(out)], cwd=out.parent,
                          capture_output=True, text=True, env=environment, timeout=SECONDS)
    assert time.monotonic() - start < SECONDS
    return done


def outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def snapshot(folder: Path) -> dict[str, tuple[int, bytes | str, float]]:
    """Everything below ``folder`` (links not followed): kind, content or link target, mtime."""
    seen = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            content: bytes | str = os.readlink(path)
        elif stat.S_ISREG(info.st_mode):
            content = path.read_bytes()
        else:
            content = ""
        seen[str(path.relative_to(folder))] = (stat.S_IFMT(info.st_mode), content, info.st_mtime)
    return seen


@pytest.fixture(scope="module")
def normal_render(tmp_path_factory) -> Path:
    """A render with a fresh cache, made once for the module: its folder (out/: the outputs, xdg/reportgen: the cache
    it filled, only read by the tests)."""
    base = tmp_path_factory.mktemp("normal")
    (base / "out").mkdir()
    done = render(base / "xdg", base / "out")
    assert done.returncode == 0, done.stderr
    return base


@pytest.fixture(scope="module")
def normal(normal_render: Path) -> tuple[dict[str, bytes], list[str]]:
    """A render with a fresh cache: its outputs, and the names of the entries its cache holds."""
    every = sorted(p.name for p in (normal_render / "xdg" / "reportgen").iterdir())
    names = [name for name in every if not name.startswith(".pruned-")]  # beside them, each kind's pruning stamp
    assert {name.rsplit("-", 1)[0] for name in names} == KINDS, names
    assert all(name.endswith(".cache") for name in names)
    assert sorted(set(every) - set(names)) == sorted(f".pruned-{kind}" for kind in KINDS), every
    return outputs(normal_render / "out"), names


@pytest.fixture
def fresh_entries(normal_render: Path, normal) -> Path:
    """The entries a fresh cache holds after a normal render, each whole and valid (the module's normal render's: one
    render less for each test that plants them)."""
    return normal_render / "xdg" / "reportgen"


@pytest.fixture
def site(tmp_path: Path) -> dict[str, Path]:
    """A cache folder to plant in, an output folder, and a folder outside the cache with files
    in it (to find untouched) and a TMPDIR."""
    places = {name: tmp_path / name for name in ("xdg", "out", "outside", "tmp")}
    for folder in places.values():
        folder.mkdir()
    (places["xdg"] / "reportgen").mkdir(mode=0o700)
    for number in range(3):
        (places["outside"] / f"victim-{number}").write_bytes(b"keep me")
    return places


def assert_normal_render(done: subprocess.CompletedProcess[str], site: dict[str, Path], expected: dict[str, bytes],
                         outside_before: dict[str, tuple[int, bytes | str, float]]) -> None:
    assert done.returncode == 0, done.stderr
    assert "内部" not in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert outputs(site["out"]) == expected
    assert snapshot(site["outside"]) == outside_before
    assert not list(site["tmp"].iterdir())  # no compiled templates (or anything) in the temporary folder


def planted_names(names: list[str]) -> list[str]:
    """The entries' names and the names earlier versions gave them."""
    return [*names, *(name.removesuffix(".cache") + ".pickle" for name in names)]


# -- what is planted in a cache folder the user owns ------------------------------------------------


def test_a_planted_pickle_is_never_unpickled(site, normal):
    expected, names = normal
    marker = site["outside"] / "marker"
    evil = pickle.dumps(Planted(marker))
    folder = site["xdg"] / "reportgen"
    for name in planted_names(names):
        (folder / name).write_bytes(evil)
    before = snapshot(site["outside"])
    done = render(site["xdg"], site["out"], {"TMPDIR": str(site["tmp"])})
    assert not marker.exists()
    assert_normal_render(done, site, expected, before)
    for name in names:  # each rebuilt and kept anew, in the cache's own format
        assert (folder / name).read_bytes().startswith(b"reportgen-cache ")


def test_a_planted_pickle_with_a_valid_frame_is_never_unpickled(site, normal, monkeypatch):
    """A pickle wrapped in this format's header and a matching digest (as only the user could
    write it) is still not code: it is read as JSON or bytes and is a miss."""
    expected, names = normal
    marker = site["outside"] / "marker"
    monkeypatch.setenv("XDG_CACHE_HOME", str(site["xdg"]))
    for name in names:
        kind, key = name.removesuffix(".cache").rsplit("-", 1)
        payload = pickle.dumps(Planted(marker))
        if kind.startswith("jinja-"):  # a template's checksum line, then what would be its code
            payload = b"0" * 40 + b"\n" + payload
        cache.store(kind, key, payload, cache.Form(bytes, bytes, _version(kind)))
    before = snapshot(site["outside"])
    done = render(site["xdg"], site["out"], {"TMPDIR": str(site["tmp"])})
    assert not marker.exists()
    assert_normal_render(done, site, expected, before)


def _version(kind: str) -> str:
    if kind == "docx-base":
        return package.BASE_FORM.version
    return cache.BYTES.version if kind.startswith("jinja-") else cache.JSON.version


@pytest.mark.parametrize("how", ["link-to-a-file", "link-to-nothing", "fifo", "dev-zero", "folder", "too-big"])
def test_an_entry_that_is_not_a_small_regular_file_is_a_miss(site, normal, how):
    expected, names = normal
    folder = site["xdg"] / "reportgen"
    for number, name in enumerate(planted_names(names)):
        entry = folder / name
        if how == "link-to-a-file":
            entry.symlink_to(site["outside"] / f"victim-{number % 3}")
        elif how == "link-to-nothing":  # writing through it would make a file outside the cache
            entry.symlink_to(site["outside"] / f"made-{number}")
        elif how == "fifo":
            os.mkfifo(entry)
        elif how == "dev-zero":
            entry.symlink_to("/dev/zero")
        elif how == "folder":
            entry.mkdir()
        else:
            with open(entry, "wb") as sparse:  # past the bound: never read
                sparse.truncate(cache.ENTRY_LIMIT + 1)
    before = snapshot(site["outside"])
    done = render(site["xdg"], site["out"], {"TMPDIR": str(site["tmp"])})
    assert_normal_render(done, site, expected, before)


WRONG = {  # valid-format entries (header, matching digest) of the wrong type or shape
    "list": lambda kind: b"[]",
    "scalar": lambda kind: b'"text"',
    "object": lambda kind: b'{"unexpected": {"x": 1}}',
    "deep": lambda kind: {
        "schema": b'{"type": "object", "properties": [], "$defs": {}}',
        "codes-function": b'{"201": [["name", "2019", null, []]]}',
        "codes-economic": b'{"301": "name"}',
        "codes-government_economic": b'{"5": [["name", null, null, []]]}',
        "codes-mapping": b'{"30101": 50101}',
        "layouts": b'{"default": {"unknown key": 1}}',
        "docx-base": b'{"style_ids": {}, "text_twips": [1, 2], "sections": {}, "tabs": ["", ""], "document": ["", ""],'
                     b' "core": "", "app": "", "entries": [["x", 0, 0, 0, 0, 0, 0, 99999999, 1]]}\nPK',
    }.get(kind, b"0" * 40 + b"\n" + marshal.dumps(42)),  # compiled templates: a checksum, then not code
}


@pytest.mark.parametrize("shape", list(WRONG))
def test_an_entry_of_the_wrong_shape_is_a_miss(site, normal, monkeypatch, shape):
    expected, names = normal
    monkeypatch.setenv("XDG_CACHE_HOME", str(site["xdg"]))
    for name in names:
        kind, key = name.removesuffix(".cache").rsplit("-", 1)
        cache.store(kind, key, WRONG[shape](kind), cache.Form(bytes, bytes, _version(kind)))
    before = snapshot(site["outside"])
    done = render(site["xdg"], site["out"], {"TMPDIR": str(site["tmp"])})
    assert_normal_render(done, site, expected, before)


def test_a_corrupted_or_foreign_entry_is_a_miss(site, normal, fresh_entries):
    """A normal cache's entries, each damaged by one byte, or put under another entry's name."""
    expected, names = normal
    folder = site["xdg"] / "reportgen"
    for number, name in enumerate(names):
        data = bytearray((fresh_entries / name).read_bytes())
        if number % 2:
            data[-1] ^= 1
            (folder / name).write_bytes(bytes(data))
        else:  # another kind's entry, whole and valid where it was
            other = names[(number + 1) % len(names)]
            (folder / name).write_bytes((fresh_entries / other).read_bytes())
    before = snapshot(site["outside"])
    done = render(site["xdg"], site["out"], {"TMPDIR": str(site["tmp"])})
    assert_normal_render(done, site, expected, before)


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_an_entry_of_another_user_is_a_miss(site, normal, fresh_entries):
    expected, names = normal
    nobody = pwd.getpwnam("nobody").pw_uid
    folder = site["xdg"] / "reportgen"
    for name in names:
        (folder / name).write_bytes((fresh_entries / name).read_bytes())
        os.chown(folder / name, nobody, -1)
    done = render(site["xdg"], site["out"], {"TMPDIR": str(site["tmp"])})
    assert_normal_render(done, site, expected, snapshot(site["outside"]))
    assert all((folder / name).stat().st_uid == os.geteuid() for name in names)  # rebuilt, not read


# -- a cache folder only the user can write, or none --------------------------------------------------


def _assert_unused(done, site, expected, folder: Path, planted: dict[str, tuple[int, bytes | str, float]]) -> None:
    assert done.returncode == 0, done.stderr
    assert "内部" not in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert outputs(site["out"]) == expected
    assert snapshot(folder) == planted  # nothing read from it (no marker), nothing written


def _plant_pickles(folder: Path, names: list[str], marker: Path) -> None:
    for name in planted_names(names):
        (folder / name).write_bytes(pickle.dumps(Planted(marker)))


@pytest.mark.parametrize("mode", [0o770, 0o707, 0o777, 0o720, 0o702])
def test_a_folder_others_can_write_is_not_used(site, normal, mode):
    expected, names = normal
    folder = site["xdg"] / "reportgen"
    marker = site["outside"] / "marker"
    _plant_pickles(folder, names, marker)
    folder.chmod(mode)
    planted = snapshot(site["xdg"])
    done = render(site["xdg"], site["out"])
    assert not marker.exists()
    _assert_unused(done, site, expected, site["xdg"], planted)


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a folder to another user needs root")
def test_a_folder_of_another_user_is_not_used(site, normal):
    expected, names = normal
    folder = site["xdg"] / "reportgen"
    marker = site["outside"] / "marker"
    _plant_pickles(folder, names, marker)
    os.chown(folder, pwd.getpwnam("nobody").pw_uid, -1)
    planted = snapshot(site["xdg"])
    done = render(site["xdg"], site["out"])
    assert not marker.exists()
    _assert_unused(done, site, expected, site["xdg"], planted)


def test_a_folder_that_is_a_link_is_not_used(site, normal):
    """reportgen → a folder elsewhere (even the user's own): neither read nor written."""
    expected, names = normal
    folder = site["xdg"] / "reportgen"
    folder.rmdir()
    elsewhere = site["outside"] / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    marker = site["outside"] / "marker"
    _plant_pickles(elsewhere, names, marker)
    folder.symlink_to(elsewhere)
    planted = snapshot(site["outside"])
    done = render(site["xdg"], site["out"])
    assert not marker.exists()
    _assert_unused(done, site, expected, site["outside"], planted)
    assert folder.is_symlink()


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a link to another user needs root")
def test_a_cache_home_through_another_users_link_is_not_used(site, normal, tmp_path):
    expected, _ = normal
    target = site["outside"] / "their-cache"
    target.mkdir(mode=0o700)
    link = tmp_path / "cache-link"
    link.symlink_to(target)
    os.lchown(link, pwd.getpwnam("nobody").pw_uid, -1)
    planted = snapshot(site["outside"])
    done = render(link, site["out"])
    _assert_unused(done, site, expected, site["outside"], planted)


def test_a_cache_home_inside_a_folder_others_can_write_is_not_used(site, normal, tmp_path):
    expected, _ = normal
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)  # world-writable, not sticky: anyone could swap the folders below
    done = render(shared / "cache", site["out"])
    assert done.returncode == 0, done.stderr
    assert outputs(site["out"]) == expected
    assert list(shared.iterdir()) == []  # not even made


def test_a_cache_home_in_a_sticky_shared_folder_is_used(site, normal, tmp_path):
    """/tmp-like (world-writable and sticky: no one removes or renames another's folder): used."""
    expected, names = normal
    shared = tmp_path / "sticky"
    shared.mkdir()
    shared.chmod(0o1777)
    done = render(shared / "cache", site["out"])
    assert done.returncode == 0, done.stderr
    assert outputs(site["out"]) == expected
    folder = shared / "cache" / "reportgen"
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".pruned-")) == names
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_relative_cache_home_is_ignored(site, normal, tmp_path):
    """The XDG rule: a relative $XDG_CACHE_HOME is ignored (~/.cache instead), not made wherever
    the command happens to run."""
    expected, names = normal
    home = tmp_path / "home"
    home.mkdir()
    done = render("relative-cache", site["out"], {"HOME": str(home)})
    assert done.returncode == 0, done.stderr
    assert outputs(site["out"]) == expected
    assert not (site["out"].parent / "relative-cache").exists()
    kept = home / ".cache" / "reportgen"
    assert sorted(p.name for p in kept.iterdir() if not p.name.startswith(".pruned-")) == names


# -- the module itself --------------------------------------------------------------------------------


def test_a_value_its_form_cannot_give_back_is_not_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    made = tmp_path / "made-from"
    made.write_bytes(b"v1")
    assert cache.kept("thing", [made], lambda: {"a": (1, 2)}) == {"a": (1, 2)}  # JSON gives a list back
    assert not list((tmp_path / "reportgen").glob("thing-*"))
    assert cache.kept("thing", [made], lambda: {"a": [1, 2]}) == {"a": [1, 2]}
    assert cache.kept("thing", [made], lambda: "built again") == {"a": [1, 2]}
    entry = next((tmp_path / "reportgen").glob("thing-*"))
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600


def test_cache_folder_is_only_a_verified_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    folder = cache.cache_folder()
    assert folder == tmp_path / "xdg" / "reportgen" and stat.S_IMODE(folder.stat().st_mode) == 0o700
    folder.chmod(0o770)
    assert cache.cache_folder() is None
    folder.chmod(0o700)
    assert cache.cache_folder() == folder
    folder.rmdir()
    (tmp_path / "elsewhere").mkdir()
    folder.symlink_to(tmp_path / "elsewhere")
    assert cache.cache_folder() is None
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "file"))
    (tmp_path / "file").write_text("not a folder")
    assert cache.cache_folder() is None


def test_a_fifo_entry_does_not_block_the_module(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    made = tmp_path / "made-from"
    made.write_bytes(b"v1")
    (tmp_path / "reportgen").mkdir(mode=0o700)
    os.mkfifo(tmp_path / "reportgen" / f"thing-{cache.key_of(b'v1')}.cache")
    start = time.monotonic()
    assert cache.kept("thing", [made], lambda: 7) == 7
    assert time.monotonic() - start < 5
    assert cache.kept("thing", [made], lambda: 8) == 7  # replaced by a regular entry
