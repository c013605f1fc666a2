"""Configuration: defaults, environment, TOML file, and one clear line for every bad value."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import ConfigError, load_settings
from bot.logging_setup import RedactingFormatter, configure_logging


def test_defaults() -> None:
    settings = load_settings({})
    assert settings.token is None
    assert settings.data_dir == Path("data")
    assert settings.database_url.startswith("sqlite+aiosqlite:///")
    assert settings.database_url.endswith("/data/manuscript.sqlite3")
    assert str(settings.timezone) == "Asia/Shanghai"
    assert settings.language == "zh"
    assert settings.secretariat == frozenset()
    assert settings.api_base_url is None


def test_environment_values() -> None:
    settings = load_settings(
        {
            "TELEGRAM_BOT_TOKEN": "123:abc",
            "MANUSCRIPT_DATABASE_URL": "postgresql://postgres@127.0.0.1:5432/test",
            "MANUSCRIPT_DATA_DIR": "/srv/manuscript",
            "MANUSCRIPT_API_BASE_URL": "http://127.0.0.1:8081/bot",
            "MANUSCRIPT_POLL_INTERVAL": "0.5",
            "MANUSCRIPT_TIMEZONE": "Europe/Berlin",
            "MANUSCRIPT_LANGUAGE": "en",
            "MANUSCRIPT_SECRETARIAT": " 11, 22 ,33",
        }
    )
    assert settings.require_token() == "123:abc"
    assert settings.database_url == "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
    assert settings.data_dir == Path("/srv/manuscript")
    assert settings.api_base_url == "http://127.0.0.1:8081/bot"
    assert settings.api_file_url == "http://127.0.0.1:8081/file/bot"  # follows the API's
    assert settings.poll_interval == 0.5
    assert str(settings.timezone) == "Europe/Berlin"
    assert settings.language == "en"
    assert settings.secretariat == frozenset({11, 22, 33})


def test_the_file_url_may_be_set_on_its_own() -> None:
    settings = load_settings(
        {
            "MANUSCRIPT_API_BASE_URL": "http://emulator/bot",
            "MANUSCRIPT_API_FILE_URL": "http://files.emulator/file/bot",
        }
    )
    assert settings.api_file_url == "http://files.emulator/file/bot"
    assert load_settings({}).api_file_url is None  # python-telegram-bot's: Telegram's own
    with pytest.raises(ConfigError, match="MANUSCRIPT_API_FILE_URL must be an http"):
        load_settings({"MANUSCRIPT_API_FILE_URL": "ftp://x"})


def test_no_stage_ballots() -> None:
    assert load_settings({"MANUSCRIPT_STAGE_BALLOTS": "none"}).stage_ballots == {}


def test_voting_configuration() -> None:
    settings = load_settings(
        {
            "MANUSCRIPT_RULE_MOTION": "two-thirds",
            "MANUSCRIPT_RULE_ELECTION": "quorum=1/2 approve=1/2",
            "MANUSCRIPT_STAGE_BALLOTS": "review, approval:committee",
            "MANUSCRIPT_PATENT_GATE": "off",
            "MANUSCRIPT_ELECTION_ELECTORATE": "working-group",
        }
    )
    assert (
        settings.rule_motion == "two-thirds" and settings.rule_election == "quorum=1/2 approve=1/2"
    )
    assert settings.stage_ballots == {"review": None, "approval": "committee"}
    assert settings.patent_gate is False and settings.election_electorate == "working-group"
    defaults = load_settings({})
    assert defaults.stage_ballots == {"approval": None} and defaults.patent_gate is True


def test_toml_file_with_environment_winning(tmp_path: Path) -> None:
    config = tmp_path / "bot.toml"
    config.write_text(
        'token = "9:file"\nsecretariat = [5, 6]\nlanguage = "en"\ndata_dir = "/x"\n',
        encoding="utf-8",
    )
    settings = load_settings({"MANUSCRIPT_CONFIG": str(config), "MANUSCRIPT_LANGUAGE": "zh"})
    assert settings.token == "9:file"
    assert settings.secretariat == frozenset({5, 6})
    assert settings.language == "zh"
    assert settings.database_url.endswith("/x/manuscript.sqlite3")


@pytest.mark.parametrize(
    ("variable", "value", "words"),
    [
        ("MANUSCRIPT_DATABASE_URL", "mysql://x", "MANUSCRIPT_DATABASE_URL"),
        ("MANUSCRIPT_API_BASE_URL", "127.0.0.1:8081", "MANUSCRIPT_API_BASE_URL"),
        ("MANUSCRIPT_POLL_INTERVAL", "soon", "MANUSCRIPT_POLL_INTERVAL"),
        ("MANUSCRIPT_POLL_INTERVAL", "-1", "between 0 and 60"),
        ("MANUSCRIPT_TIMEZONE", "Mars/Olympus", "MANUSCRIPT_TIMEZONE"),
        ("MANUSCRIPT_LANGUAGE", "fr", "MANUSCRIPT_LANGUAGE"),
        ("MANUSCRIPT_SECRETARIAT", "12,abc", "MANUSCRIPT_SECRETARIAT"),
        ("MANUSCRIPT_RULE_MOTION", "most", "MANUSCRIPT_RULE_MOTION"),
        ("MANUSCRIPT_STAGE_BALLOTS", "later", "MANUSCRIPT_STAGE_BALLOTS"),
        ("MANUSCRIPT_STAGE_BALLOTS", "approval:most", "MANUSCRIPT_STAGE_BALLOTS"),
        ("MANUSCRIPT_PATENT_GATE", "perhaps", "MANUSCRIPT_PATENT_GATE"),
        ("MANUSCRIPT_ELECTION_ELECTORATE", "world", "MANUSCRIPT_ELECTION_ELECTORATE"),
    ],
)
def test_bad_values_name_the_setting_in_one_line(variable: str, value: str, words: str) -> None:
    with pytest.raises(ConfigError) as raised:
        load_settings({variable: value})
    assert words in str(raised.value) and "\n" not in str(raised.value)


def test_bad_toml_file(tmp_path: Path) -> None:
    config = tmp_path / "bot.toml"
    config.write_text("token = \n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings({"MANUSCRIPT_CONFIG": str(config)})
    config.write_text('colour = "blue"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"unknown setting.*colour"):
        load_settings({"MANUSCRIPT_CONFIG": str(config)})
    with pytest.raises(ConfigError, match="cannot read"):
        load_settings({"MANUSCRIPT_CONFIG": str(tmp_path / "missing.toml")})


def _clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("TELEGRAM_BOT_TOKEN", "MANUSCRIPT_CONFIG", "MANUSCRIPT_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MANUSCRIPT_DATA_DIR", str(tmp_path / "data"))


def test_run_without_token_stops_with_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _clean_environment(monkeypatch, tmp_path)
    assert main(["run"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "TELEGRAM_BOT_TOKEN is not set" in err
    assert "Traceback" not in err


def test_run_with_bad_value_stops_with_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _clean_environment(monkeypatch, tmp_path)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "1:x")
    monkeypatch.setenv("MANUSCRIPT_TIMEZONE", "Nowhere/Land")
    assert main(["run"]) == 2
    assert capsys.readouterr().err.startswith("manuscript-bot: error: MANUSCRIPT_TIMEZONE")


def test_unreachable_database_stops_with_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _clean_environment(monkeypatch, tmp_path)
    monkeypatch.setenv("MANUSCRIPT_DATABASE_URL", "postgresql://nobody@127.0.0.1:9/none")
    assert main(["migrate"]) == 2
    err = capsys.readouterr().err
    assert (
        err.startswith("manuscript-bot: error: cannot open the database") and err.count("\n") == 1
    )


def test_migrate_creates_the_sqlite_database(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _clean_environment(monkeypatch, tmp_path)
    assert main(["migrate"]) == 0
    assert (tmp_path / "data" / "manuscript.sqlite3").exists()
    assert "up to date" in capsys.readouterr().out


def test_the_token_never_reaches_the_log() -> None:
    token = "123456:SECRET-token"
    formatter = RedactingFormatter([token], "%(message)s")
    record = logging.LogRecord(
        "httpx",
        logging.WARNING,
        __file__,
        1,
        "POST https://api.telegram.org/bot%s/getMe",
        (token,),
        None,
    )
    assert formatter.format(record) == "POST https://api.telegram.org/bot<token>/getMe"


def test_configured_logging_redacts_the_token(capsys: pytest.CaptureFixture[str]) -> None:
    """What `manuscript-bot run` sets up: the token handed to the handler's formatter."""
    token = "654321:ANOTHER-secret"
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    try:
        configure_logging(token)
        logging.getLogger("telegram.ext").warning("GET https://api.telegram.org/bot%s/x", token)
    finally:
        root.handlers[:], root.level = saved[0], saved[1]
    err = capsys.readouterr().err
    assert "https://api.telegram.org/bot<token>/x" in err and token not in err


def test_run_keeps_within_telegrams_limits_through_the_outbox_not_a_limiter(tmp_path: Path) -> None:
    """A limiter inside each send would hold its handler (and its chat's lane) until the group's
    budget allows; the outbox waits instead, on the loop's own time."""
    from bot.app import production_application
    from bot.outbox.sender import LoopPace

    application = production_application(
        load_settings({"MANUSCRIPT_DATA_DIR": str(tmp_path)}), "1:x"
    )
    assert application.bot.rate_limiter is None
    assert isinstance(application.bot_data.pace, LoopPace)
