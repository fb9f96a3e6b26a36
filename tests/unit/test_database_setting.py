"""BAITHAK_DATABASE: a path is SQLite, a postgres URL is PostgreSQL, any other URL is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import DEFAULT_DATABASE, SettingsError, load_settings


def settings(value: str):
    return load_settings({"DISCORD_TOKEN": "abc.def", "BAITHAK_DATABASE": value}, dotenv_path=None)


@pytest.mark.parametrize("url", [
    "postgresql://baithak:secret@db.example:5432/baithak",
    "postgres://baithak@localhost/baithak",
    "postgresql://baithak:secret@127.0.0.1/baithak?sslmode=disable",
    "PostgreSQL://u:p@h/d",
])
def test_postgres_urls_select_postgres(url: str) -> None:
    s = settings(url)
    assert s.uses_postgres
    assert s.database_url is not None and s.database_url.lower() == url.lower()
    assert s.database_url.startswith(("postgresql://", "postgres://"))
    assert s.database == Path(DEFAULT_DATABASE)  # the SQLite path is left alone


@pytest.mark.parametrize("path", ["data/baithak.sqlite3", "/var/lib/baithak/db.sqlite3", "baithak.db",
                                  "./x:y.sqlite3"])
def test_a_plain_path_is_sqlite(path: str) -> None:
    s = settings(path)
    assert not s.uses_postgres and s.database_url is None and s.database == Path(path)


def test_unset_is_the_default_sqlite_file() -> None:
    s = load_settings({"DISCORD_TOKEN": "abc.def"}, dotenv_path=None)
    assert not s.uses_postgres and s.database == Path(DEFAULT_DATABASE)


@pytest.mark.parametrize("value", [
    "mysql://root@localhost/baithak",
    "sqlite:///x",
    "sqlite:///data/baithak.sqlite3",
    "postgresq://u:p@h/d",
    "postgresql+asyncpg://u:p@h/d",
    "http://example.com/db",
    "postgresql:/u@h/d",
    "postgresql://u:p@h/",
    "postgresql://u:p@h:notaport/d",
])
def test_other_urls_are_refused_in_one_line_naming_the_variable(value: str, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SettingsError) as info:
        settings(value)
    message = str(info.value)
    assert "BAITHAK_DATABASE" in message and "\n" not in message
    assert list(tmp_path.iterdir()) == []  # no folder named after a scheme


def test_the_password_is_not_repeated_in_the_message() -> None:
    with pytest.raises(SettingsError) as info:
        settings("mysql://root:hunter2@localhost/baithak")
    assert "hunter2" not in str(info.value) and "root:***@localhost" in str(info.value)


def test_cli_never_creates_a_folder_named_postgresql(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from bot.__main__ import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BAITHAK_DATABASE", "mysql://root@localhost/baithak")
    assert main(["migrate"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("baithak: BAITHAK_DATABASE=") and "\n" not in err
    assert list(tmp_path.iterdir()) == []
