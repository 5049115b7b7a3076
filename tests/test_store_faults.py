"""A damaged store never takes a page down and loses nothing (issue 23.1).

Each fault is its own test: truncate, empty or bit-flip each kind of store file (the current version's data,
CURRENT, history.json), one at a time and in pairs; delete a version; point CURRENT at a missing version.
Each asserts that every page still serves and that nothing already stored is lost, then rolls back from the
command line and `verify`s. Rollback from the data page is tested per kind of file.

Every test starts from a copy of one three-version store, built once per module and copied with its files' times
to one place (`store_at_one_place`). So faults that leave the same data served (version 3 damaged in any way:
version 2 served) have the same data version (db.version_key: the store's place, the served file's identity,
the current and served versions, the number of damaged parts), and the pages' shared caches serve the second
and later of them as a server serves its second viewer, instead of building every page's views again for a
store that differs only by its directory name. The key is the product's own, unchanged: faults whose served
data differ (another version, another count of damaged parts) still get views of their own. Each case still
reads its damaged store afresh (the store's health and the data layer's connection, `gdp_served`).
"""

from __future__ import annotations

import hashlib
import itertools
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from lishi_metrics.actuals import store
from lishi_metrics.cli import main as cli
from lishi_metrics.data import db as data
from lishi_metrics.text.i18n import t
from lishi_metrics.views.registry import PAGES

from conftest import app_test, store_copy, texts

# Full suite only: scripts/dev.sh check (the fast lane) leaves this module out, as each test damages the store and opens every page.
pytestmark = pytest.mark.slow

PASSWORD = "fault-test-password-23"
GDP = "fyp14_gdp"
VALUES = {1: 170.2, 2: 180.5, 3: 190.9}  # version -> the GDP of 2021 that version holds


def store_dir() -> Path:
    return Path(os.environ["LISHI_STORE_DIR"])


@pytest.fixture(scope="module")
def _pristine(_stores) -> Path:
    """The three-version store (VALUES, imported by p1, p2, p3), built once per module (per xdist worker)."""
    directory = _stores[0] / "faults-pristine"
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir()
    for version, value in VALUES.items():
        frame = pd.DataFrame({"indicator_id": [GDP], "year": [2021], "value": [value]})
        assert store.commit_import(directory, frame, by=f"p{version}", file_name=f"f{version}.csv",
                                   sha256="ab" * 32) == version
    return directory


@pytest.fixture(autouse=True)
def store_at_one_place(_pristine, monkeypatch) -> Path:
    """This test's store: a fresh copy of the pristine one (file contents and times kept), always at the same
    place, so two faults that serve the same data have the same data version (see the module's docstring)."""
    return store_copy(_pristine, _pristine.parent / "faults-store", monkeypatch)


def build() -> Path:
    """The test's store (store_at_one_place): versions 1–3 imported, version 3 current."""
    directory = store_dir()
    assert store.current_version(directory) == 3 and len(store.history(directory)) == 3
    return directory


def contents(directory: Path, damaged: tuple[str, ...] = ()) -> set[str]:
    """The SHA-256 of every stored version file and of the damaged files: renaming keeps a file's content,
    deleting loses it (a sound history or CURRENT is rewritten by every mutation: its entries are checked)."""
    if damaged:
        paths = [*(directory / "versions").iterdir(), *(directory / name for name in damaged)]
    else:
        paths = [p for p in directory.rglob("*") if p.is_file()]
    return {hashlib.sha256(p.read_bytes()).hexdigest() for p in paths if p.is_file() and p.name != ".lock"}


def damage(path: Path, how: str) -> None:
    raw = path.read_bytes()
    if how == "truncate":
        path.write_bytes(raw[: len(raw) // 2])
    elif how == "empty":
        path.write_bytes(b"")
    else:  # flip one bit in the middle
        i = len(raw) // 2
        path.write_bytes(raw[:i] + bytes([raw[i] ^ 0x04]) + raw[i + 1:])


FILES = {"version": "versions/v0003.parquet", "current": "CURRENT", "history": "history.json"}
HOWS = ("truncate", "empty", "bitflip")
SINGLE = [((kind,), how) for kind in FILES for how in HOWS]
PAIRS = [(pair, how) for pair in itertools.combinations(FILES, 2) for how in HOWS]


def gdp_served() -> float | None:
    data.reset()
    table = data.indicator_table("fyp14").set_index("indicator_id")
    value = table.loc[GDP, "latest_value"]
    return None if pd.isna(value) else float(value)


FAST_PAGES = ("pages/overview.py", "pages/data.py")


def every_page_serves(lang: str = "zh", only: tuple[str, ...] = ()) -> None:
    for spec in PAGES:
        if only and spec.file not in only:
            continue
        at = app_test(spec.file, {"lang": lang, "rotate": "0"})
        at.run()
        assert not at.exception, (spec.file, [e.value for e in at.exception])
        shown = texts(at)
        assert "Traceback" not in shown and str(store_dir()) not in shown, spec.file  # no paths for viewers
        assert "v0003" not in shown and "history.json" not in shown, spec.file  # no file names either


def cli_run(*args: str, capsys) -> tuple[int, str]:
    code = cli.main(list(args))
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.mark.parametrize("kinds, how", SINGLE + PAIRS, ids=[f"{'+'.join(k)}-{h}" for k, h in SINGLE + PAIRS])
def test_a_damaged_store_file_never_takes_a_page_down_and_loses_nothing(kinds, how, capsys):
    directory = build()
    for kind in kinds:
        damage(directory / FILES[kind], how)
    before = contents(directory, tuple(FILES[k] for k in kinds))

    state = store.health(directory)
    assert state.damage, "the damage must be found"
    version_damaged = "version" in kinds
    # Pages serve the newest version that reads: version 2 when version 3's data is damaged, else version 3.
    assert state.served == (2 if version_damaged else 3)
    assert gdp_served() == VALUES[state.served]
    every_page_serves("zh", only=FAST_PAGES)  # every page in both languages: the slow test below

    code, report = cli_run("verify", capsys=capsys)
    assert code == 1 and "DAMAGED" in report
    code, out = cli_run("history", capsys=capsys)
    assert code == 0 and "p1" in out and "p2" in out  # the history still reads (rebuilt when damaged)

    target = 2 if version_damaged else 1
    code, out = cli_run("rollback", "--to", str(target), "--by", "admin", capsys=capsys)
    assert code == 0, out
    assert contents(directory) >= before, "nothing stored may be lost: damaged files are kept aside"
    assert [e["by"] for e in store.history(directory)][:3] == ["p1", "p2", "p3"]
    assert store.current_version(directory) == target and gdp_served() == VALUES[target]
    code, report = cli_run("verify", capsys=capsys)
    assert code == 0, report
    if version_damaged:
        assert "version 3: kept aside" in report
        assert list((directory / "versions").glob("v0003.parquet.damaged-*"))
        assert next(e for e in store.history(directory) if e["version"] == 3)["damaged"]["reason"]


# The two tests below serve the store with version 3 damaged (version 2 served), as the first cases of the next
# test do: kept before it, so they all share one build of the pages' views (see the module's docstring).


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_shows_the_banner_in_its_language_while_the_current_version_is_damaged(lang):
    directory = build()
    damage(directory / FILES["version"], "truncate")
    for spec in PAGES:
        at = app_test(spec.file, {"lang": lang, "rotate": "0"})
        at.run()
        assert not at.exception
        banner = [w.value for w in at.warning if t("st_banner", lang, current=3, since="", served=2)[:8] in w.value]
        assert len(banner) == 1, spec.file
        assert "3" in banner[0] and ("(2)" in banner[0] or "（2）" in banner[0])
        assert str(directory) not in banner[0] and "v0003" not in banner[0]
    store.rollback(directory, 2, by="admin")
    at = app_test("pages/overview.py", {"lang": lang})
    at.run()
    assert not [w for w in at.warning if t("st_banner", lang, current=3, since="", served=2)[:8] in w.value]


def test_a_deleted_version_is_reported_and_the_previous_one_served(capsys):
    directory = build()
    (directory / FILES["version"]).unlink()
    state = store.health(directory)
    assert state.degraded and state.served == 2 and state.damaged_versions == (3,)
    every_page_serves("en")
    code, _ = cli_run("rollback", "--to", "2", "--by", "admin", capsys=capsys)
    assert code == 0 and cli_run("verify", capsys=capsys)[0] == 0


@pytest.mark.slow
@pytest.mark.parametrize("kinds, how", SINGLE + PAIRS, ids=[f"{'+'.join(k)}-{h}" for k, h in SINGLE + PAIRS])
def test_every_page_in_both_languages_serves_a_damaged_store(kinds, how):
    directory = build()
    for kind in kinds:
        damage(directory / FILES[kind], how)
    assert gdp_served() == VALUES[2 if "version" in kinds else 3]  # the data layer opens this damaged store
    for lang in ("zh", "en"):
        every_page_serves(lang)


def test_current_naming_a_missing_version_serves_the_newest_that_reads(capsys):
    directory = build()
    (directory / "CURRENT").write_text("9\n")
    state = store.health(directory)
    assert state.current == 9 and state.served == 3 and gdp_served() == VALUES[3]
    every_page_serves()
    code, out = cli_run("rollback", "--to", "3", "--by", "admin", capsys=capsys)
    assert code == 0, out
    assert cli_run("verify", capsys=capsys)[0] == 0


def test_a_damaged_current_version_refuses_imports_until_a_rollback(capsys):
    directory = build()
    damage(directory / FILES["version"], "bitflip")
    frame = pd.DataFrame({"indicator_id": [GDP], "year": [2022], "value": [200.0]})
    with pytest.raises(store.StoreError) as err:
        store.commit_import(directory, frame, by="x", file_name="x.csv", sha256="cd" * 32)
    assert err.value.code == "current_damaged"
    with pytest.raises(store.UnknownVersion) as err:
        store.rollback(directory, 3, by="x")  # the damaged version is no rollback target
    assert err.value.code in ("version_damaged", "already_current")


@pytest.mark.parametrize("kind", list(FILES))
def test_roll_back_from_the_data_page(kind, monkeypatch, capsys):
    import streamlit as st

    from lishi_metrics.actuals import auth

    monkeypatch.setattr(auth, "SECRETS_PATH", store_dir().parent / "absent-secrets.toml")
    st.cache_resource.clear()
    directory = build()
    damage(directory / FILES[kind], "bitflip")
    before = contents(directory, (FILES[kind],))
    monkeypatch.setenv("LISHI_ADMIN_PASSWORD", PASSWORD)
    at = app_test("pages/data.py", {"lang": "en"})
    at.run()
    at.text_input(key="da_password").input(PASSWORD)
    next(b for b in at.button if b.key.startswith("FormSubmitter:da_login")).click()
    at.run()
    assert not at.exception
    damage_box = [e.value for e in at.error if t("st_damage_title", "en") in e.value]
    assert damage_box, [e.value for e in at.error]
    if kind == "version":
        assert "Version 3" in damage_box[0]
    at.text_input(key="da_by").input("admin")
    at.run()
    select = at.selectbox(key="da_rollback_to_0")
    assert 3 not in select.options if kind == "version" else True
    select.set_value(1)
    at.checkbox(key="da_rollback_confirm_0").check()
    at.run()
    at.button(key="da_rollback_button_0").click()
    at.run()
    assert not at.exception and not [e for e in at.error if t("st_damage_title", "en") in e.value]
    assert store.current_version(directory) == 1 and gdp_served() == VALUES[1]
    assert contents(directory) >= before
    code, report = cli_run("verify", capsys=capsys)
    assert code == 0, report


def test_backup_and_restore_bring_back_every_version(tmp_path, capsys):
    directory = build()
    archive = tmp_path / "store.tar.gz"
    code, out = cli_run("backup", "--output", str(archive), capsys=capsys)
    assert code == 0 and archive.is_file(), out
    damage(directory / FILES["version"], "empty")
    damage(directory / FILES["history"], "truncate")
    before = contents(directory, (FILES["version"], FILES["history"]))
    code, out = cli_run("restore", str(archive), "--by", "admin", capsys=capsys)
    assert code == 0, out
    assert store.current_version(directory) == 3 and gdp_served() == VALUES[3]
    assert store.history(directory)[-1]["action"] == "restore"
    assert contents(directory) >= before, "the replaced (damaged) files are kept"
    assert cli_run("verify", capsys=capsys)[0] == 0
    bogus = tmp_path / "bogus.tar.gz"
    bogus.write_bytes(b"not a tar")
    code, out = cli_run("restore", str(bogus), "--by", "admin", capsys=capsys)
    assert code == 2 and "nothing was changed" in out
