"""The app starts and explains broken data: missing directory, truncated Parquet, unusable store."""

from __future__ import annotations

import shutil

import pytest

from lishi_metrics import config

from conftest import app_test, texts


@pytest.mark.parametrize("page", ["pages/overview.py", "pages/explorer.py", "pages/scenario.py", "pages/screen.py"])
def test_missing_data_directory_is_explained(page, tmp_path, monkeypatch):
    monkeypatch.setenv("LISHI_DATA_DIR", str(tmp_path / "missing"))
    at = app_test(page, {"rotate": "0"})
    at.run()
    assert not at.exception
    errors = " ".join(str(e.value) for e in at.error)
    assert "does not exist" in errors and "python -m lishi_metrics build" in errors


def test_truncated_parquet_is_explained(tmp_path, monkeypatch):
    shutil.copytree(config.parquet_dir(), tmp_path / "pq")
    path = tmp_path / "pq" / "indicators.parquet"
    path.write_bytes(path.read_bytes()[:100])
    monkeypatch.setenv("LISHI_DATA_DIR", str(tmp_path / "pq"))
    at = app_test("pages/overview.py")
    at.run()
    assert not at.exception
    assert any("indicators.parquet" in str(e.value) for e in at.error)


def test_store_path_that_is_a_file_does_not_hide_the_plan(tmp_path, monkeypatch):
    bogus = tmp_path / "store-is-a-file"
    bogus.write_text("not a directory")
    monkeypatch.setenv("LISHI_STORE_DIR", str(bogus))
    at = app_test("pages/overview.py")
    at.run()
    assert not at.exception
    assert "154.7" in texts(at)


def test_unusable_store_is_explained_on_data_page(tmp_path, monkeypatch):
    bogus = tmp_path / "store-is-a-file"
    bogus.write_text("not a directory")
    monkeypatch.setenv("LISHI_STORE_DIR", str(bogus))
    monkeypatch.setenv("LISHI_ADMIN_PASSWORD", "pw-for-the-test")
    at = app_test("pages/data.py")
    at.run()
    assert not at.exception
    assert at.error or at.warning, "the data page must say the store cannot be used"
