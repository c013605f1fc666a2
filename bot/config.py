"""Configuration from environment variables, optionally a TOML file (MANUSCRIPT_CONFIG); every
setting is described in docs/configuration.md.

Environment variables win over the file. Every bad value raises ConfigError with one line that
names the setting, so start-up can stop with a clear message instead of a traceback.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.domain.reminders import DEFAULT_OFFSETS
from bot.domain.stages import Stage
from bot.domain.voting import RuleError, parse_rule
from bot.domain.when import WhenError, parse_duration
from bot.i18n import LANGUAGES


class ConfigError(Exception):
    """A setting is missing or malformed; the message is shown to the operator as is."""


# Stages whose entry the draft check's findings may block (the check runs as the draft goes to them).
CHECKED_STAGES = ("review", "approval")
ELECTORATES = ("alliance", "working-group")
REVIEW_BODIES = ("units", "experts")
UPDATE_MODES = ("polling", "webhook")


# A package's PDFs are converted in two batches (its documents, in two parts at once, then its
# file list): three offices ready means none of them waits for a LibreOffice to start.
WARM_OFFICES = 3


@dataclass(frozen=True)
class Settings:
    token: str | None = None
    data_dir: Path = Path("data")
    database_url: str = ""
    api_base_url: str | None = None
    # Where files people send are downloaded from; by default it follows api_base_url
    # (`…/bot` -> `…/file/bot`, as the Bot API serves them).
    api_file_url: str | None = None
    poll_interval: float = 0.0
    # Telegram takes 20 messages a minute into a group; only a Bot API of one's own (a test
    # server) may take more. The outbox keeps within it (bot/outbox/plan.py).
    group_messages_per_minute: int = 20
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("Asia/Shanghai"))
    language: str = "zh"
    secretariat: frozenset[int] = frozenset()
    alliance_name: str = "标准联盟"
    # Default rule per ballot kind, and who elects the framework drafter.
    rule_motion: str = "majority"
    rule_stage: str = "three-quarters"
    rule_election: str = "majority"
    election_electorate: str = "alliance"
    # Stages whose entry needs a passed stage ballot (by default approval: the review ballot).
    # A stage may name its own rule (`approval:committee`); otherwise rule_stage applies.
    stage_ballots: Mapping[str, str | None] = field(default_factory=lambda: {"approval": None})
    # Whether the review ballot waits until every voting unit has a patent commitment.
    patent_gate: bool = True
    # Stages whose entry is refused while `/check` has findings; elsewhere they are only listed.
    check_blocks: frozenset[str] = frozenset()
    # A review meeting's materials reach the units at least this long before it (unless urgent).
    review_notice: timedelta = timedelta(days=10)
    # Who reviews: the working group's voting units, or the project's expert panel (/expert);
    # and whether a panel's experts from the drafting units vote.
    review_body: str = "units"
    review_drafters_vote: bool = False
    # Reminders go out this long before each deadline, and once at the deadline.
    reminders: tuple[timedelta, ...] = DEFAULT_OFFSETS
    # A ballot message is edited live at most this often (bot/outbox/plan.py).
    live_edit_seconds: float = 2.0
    # The reading view (a Telegram Mini App) and the webhook are served where the deployment's
    # HTTPS proxy reaches them: `public_url` is that address; unset, no web server runs.
    public_url: str | None = None
    web_listen: tuple[str, int] = ("127.0.0.1", 8080)
    updates: str = "polling"  # or "webhook" (needs public_url)
    webapp_max_age: timedelta = timedelta(hours=1)  # how old a Mini App's signature may be
    webapp_name: str = "draft"  # the Mini App's short name given to BotFather (t.me/<bot>/<name>)
    # Each project's repository is pushed after every write to `<git_mirror>/<key>.git` (a path, or
    # an ssh://, https:// or git:// base); operators are told once when pushing has failed for
    # longer than mirror_alert. A host missing repositories clones them back before it serves.
    git_mirror: str | None = None
    mirror_alert: timedelta = timedelta(hours=1)
    # The chat (its id) told of what needs an operator: a mirror failing, internal errors.
    admin_chat: int | None = None
    # Prometheus's /metrics: on the reading view's server where it runs, else here if set.
    metrics_listen: tuple[str, int] | None = None
    # LibreOffices `run` keeps started ahead for the PDFs (drafts/export/office.py); 0: none.
    warm_offices: int = WARM_OFFICES
    # `run --standby`: wait for the deployment's lock, take over when its holder dies, and give
    # it up for good when its session ends (not a setting of the environment: how it is run).
    standby: bool = False

    def __post_init__(self) -> None:
        if not self.database_url:
            object.__setattr__(self, "database_url", default_database_url(self.data_dir))

    def require_token(self) -> str:
        if not self.token:
            raise ConfigError(
                "TELEGRAM_BOT_TOKEN is not set: give the bot token from @BotFather "
                "(or try `manuscript-bot demo`, which needs none)"
            )
        return self.token


def default_database_url(data_dir: Path) -> str:
    return f"sqlite+aiosqlite:///{(data_dir / 'manuscript.sqlite3').resolve()}"


def variable(name: str) -> str:
    """The environment variable of a setting (its key in the TOML file is its name)."""
    return "TELEGRAM_BOT_TOKEN" if name == "token" else f"MANUSCRIPT_{name.upper()}"


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    env = os.environ if environ is None else environ
    raw: dict[str, object] = {}
    config_file = env.get("MANUSCRIPT_CONFIG")
    if config_file:
        raw.update(_read_toml(Path(config_file)))
    for name in _READERS:
        if env.get(variable(name), "").strip():
            raw[name] = env[variable(name)].strip()
    return _build(raw)


def _read_toml(path: Path) -> dict[str, object]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"MANUSCRIPT_CONFIG: cannot read {path}: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"MANUSCRIPT_CONFIG: {path} is not valid TOML: {exc}") from None
    unknown = sorted(set(data) - set(_READERS))
    if unknown:
        raise ConfigError(f"MANUSCRIPT_CONFIG: unknown setting(s) in {path}: {', '.join(unknown)}")
    return dict(data)


def _build(raw: dict[str, object]) -> Settings:
    values = {name: read(raw[name]) for name, read in _READERS.items() if name in raw}
    if values.get("updates") == "webhook" and not values.get("public_url"):
        raise ConfigError(
            "MANUSCRIPT_UPDATES=webhook needs MANUSCRIPT_PUBLIC_URL: the https address "
            "Telegram posts the updates to"
        )
    if "api_file_url" not in values and values.get("api_base_url"):
        values["api_file_url"] = file_url_of(str(values["api_base_url"]))
    return Settings(**values)  # type: ignore[arg-type]


def _check_blocks(value: object) -> frozenset[str]:
    """`review` (the draft's findings block the move to review), `approval` (the 编制说明's empty
    sections block the move to approval), both, or `none`/empty (they only warn)."""
    words = value if isinstance(value, list) else str(value).replace(",", " ").split()
    stages = frozenset(str(word).strip().lower() for word in words) - {"none", ""}
    unknown = sorted(stages - set(CHECKED_STAGES))
    if unknown:
        raise ConfigError(
            "MANUSCRIPT_CHECK_BLOCKS must be 'review', 'approval' or 'none' "
            f"(got {', '.join(unknown)!r})"
        )
    return stages


def _database_url(value: str) -> str:
    """Accept plain driver-less URLs and pick the async driver the bot uses."""
    for plain, async_form in (
        ("sqlite://", "sqlite+aiosqlite://"),
        ("postgresql://", "postgresql+asyncpg://"),
        ("postgres://", "postgresql+asyncpg://"),
    ):
        if value.startswith(plain):
            return async_form + value[len(plain) :]
    if value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
        return value
    raise ConfigError(
        "MANUSCRIPT_DATABASE_URL must start with sqlite:// or postgresql:// "
        f"(got {value.split(':', 1)[0]!r})"
    )


def _http_url(value: str, name: str) -> str:
    if not value.startswith(("http://", "https://")):
        raise ConfigError(f"{name} must be an http(s) URL (got {value!r})")
    return value


def file_url_of(base_url: str) -> str:
    """The file endpoint beside a Bot API endpoint: `http://host:8081/bot` ->
    `http://host:8081/file/bot` (the layout of Telegram's and of a self-hosted server's)."""
    root = base_url.rstrip("/").removesuffix("/bot")
    return f"{root}/file/bot"


def _poll_interval(value: object) -> float:
    try:
        seconds = float(str(value))
    except ValueError:
        raise ConfigError(
            f"MANUSCRIPT_POLL_INTERVAL must be seconds, e.g. 0.5 (got {value!r})"
        ) from None
    if not 0 <= seconds <= 60:
        raise ConfigError(f"MANUSCRIPT_POLL_INTERVAL must be between 0 and 60 (got {value!r})")
    return seconds


def _whole(name: str, low: int, high: int) -> Callable[[object], int]:
    def read(value: object) -> int:
        text = str(value).strip()
        if not text.isascii() or not text.isdigit() or not low <= int(text) <= high:
            raise ConfigError(
                f"{variable(name)} must be a whole number from {low} to {high} (got {value!r})"
            )
        return int(text)

    return read


def listen_address(value: object, name: str = "MANUSCRIPT_WEB_LISTEN") -> tuple[str, int]:
    """`host:port`, e.g. 127.0.0.1:8080 (a proxy in front serves HTTPS)."""
    host, _, port = str(value).strip().rpartition(":")
    if not host or not port.isascii() or not port.isdigit() or not 0 < int(port) < 65536:
        raise ConfigError(f"{name} must be host:port (got {value!r})")
    return host.strip("[]"), int(port)


def _webapp_name(value: object) -> str:
    text = str(value).strip()
    if not 3 <= len(text) <= 30 or not text.isascii() or not text.replace("_", "").isalnum():
        raise ConfigError(
            f"MANUSCRIPT_WEBAPP_NAME must be the Mini App's short name, 3-30 letters, digits "
            f"or _ (got {value!r})"
        )
    return text


def _timezone(value: str) -> ZoneInfo:
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"MANUSCRIPT_TIMEZONE is not a known time zone (got {value!r}; e.g. Asia/Shanghai)"
        ) from None


def _language(value: str) -> str:
    if value not in LANGUAGES:
        raise ConfigError(
            f"MANUSCRIPT_LANGUAGE must be one of {', '.join(LANGUAGES)} (got {value!r})"
        )
    return value


def _mirror(value: str) -> str:
    base = value.strip().rstrip("/")
    if "://" not in base and not base.startswith("/"):
        raise ConfigError(
            "MANUSCRIPT_GIT_MIRROR must be an absolute path or an ssh://, https:// or git:// "
            f"address (got {value!r})"
        )
    return base


def _chat_id(name: str, value: str) -> int:
    if not value.strip().lstrip("-").isdigit():
        raise ConfigError(f"{name} must be a Telegram chat id, like -1001234567890 (got {value!r})")
    return int(value.strip())


def _user_ids(value: object) -> frozenset[int]:
    items = value if isinstance(value, list) else str(value).split(",")
    ids: set[int] = set()
    for item in items:
        text = str(item).strip()
        if not text:
            continue
        if not text.lstrip("-").isdigit():
            raise ConfigError(
                f"MANUSCRIPT_SECRETARIAT must be comma-separated Telegram user ids (got {text!r})"
            )
        ids.add(int(text))
    return frozenset(ids)


def _alliance_name(value: str) -> str:
    if not value.strip():
        raise ConfigError("MANUSCRIPT_ALLIANCE_NAME must not be empty")
    return value.strip()


def _rule(variable: str, value: str) -> str:
    try:
        return parse_rule(value).name
    except RuleError:
        raise ConfigError(
            f"{variable} is not a voting rule (got {value!r}; e.g. majority, three-quarters, "
            "or quorum=3/4 approve=2/3/cast oppose<=1/4/cast)"
        ) from None


def _choice(variable: str, value: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise ConfigError(f"{variable} must be one of {', '.join(choices)} (got {value!r})")
    return value


def _stages(value: object) -> dict[str, str | None]:
    """`approval` or `approval:three-quarters, review:majority` (a TOML list works too); `none`:
    no stage needs a ballot."""
    items = value if isinstance(value, list) else str(value).split(",")
    allowed = {stage.value for stage in Stage} - {Stage.PROPOSAL.value, Stage.FRAMEWORK.value}
    stages: dict[str, str | None] = {}
    for item in (str(item).strip() for item in items):
        if not item or item.lower() == "none":
            continue
        stage, _, rule = item.partition(":")
        if stage.strip() not in allowed:
            raise ConfigError(
                f"MANUSCRIPT_STAGE_BALLOTS names an unknown stage {stage.strip()!r} "
                f"(choose from {', '.join(sorted(allowed))})"
            )
        stages[stage.strip()] = _rule("MANUSCRIPT_STAGE_BALLOTS", rule) if rule.strip() else None
    return stages


def _boolean(variable: str, value: object) -> bool:
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in {"1", "true", "yes", "on"}:
        return True
    if word in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{variable} must be true or false (got {value!r})")


def _offsets(value: object) -> tuple[timedelta, ...]:
    items = value if isinstance(value, list) else str(value).split(",")
    try:
        return tuple(parse_duration(str(item)) for item in items if str(item).strip())
    except WhenError:
        raise ConfigError(
            f"MANUSCRIPT_REMINDERS must be spans like 3d,1d,2h (got {value!r})"
        ) from None


def _notice_period(value: object) -> timedelta:
    return _span(variable("review_notice"), value)


def _span(variable: str, value: object) -> timedelta:
    try:
        return parse_duration(str(value))
    except WhenError:
        raise ConfigError(f"{variable} must be a span like 10d or 72h (got {value!r})") from None


# Every setting a deployment may give: its name (the TOML key; the environment variable is
# `variable(name)`) and how its value is read, each bad value answered with one line naming it.
_READERS: dict[str, Callable[[object], object]] = {
    "token": str,
    "data_dir": lambda value: Path(str(value)),
    "database_url": lambda value: _database_url(str(value)),
    "api_base_url": lambda value: _http_url(str(value), variable("api_base_url")),
    "api_file_url": lambda value: _http_url(str(value), variable("api_file_url")),
    "poll_interval": _poll_interval,
    "group_messages_per_minute": _whole("group_messages_per_minute", 1, 1000),
    "timezone": lambda value: _timezone(str(value)),
    "language": lambda value: _language(str(value)),
    "secretariat": _user_ids,
    "alliance_name": lambda value: _alliance_name(str(value)),
    "rule_motion": lambda value: _rule(variable("rule_motion"), str(value)),
    "rule_stage": lambda value: _rule(variable("rule_stage"), str(value)),
    "rule_election": lambda value: _rule(variable("rule_election"), str(value)),
    "election_electorate": lambda value: _choice(
        variable("election_electorate"), str(value), ELECTORATES
    ),
    "stage_ballots": _stages,
    "reminders": _offsets,
    "review_notice": _notice_period,
    "review_body": lambda value: _choice(variable("review_body"), str(value), REVIEW_BODIES),
    "review_drafters_vote": lambda value: _boolean(variable("review_drafters_vote"), value),
    "patent_gate": lambda value: _boolean(variable("patent_gate"), value),
    "check_blocks": _check_blocks,
    "public_url": lambda value: _http_url(str(value), variable("public_url")).rstrip("/"),
    "web_listen": listen_address,
    "updates": lambda value: _choice(variable("updates"), str(value), UPDATE_MODES),
    "webapp_max_age": lambda value: _span(variable("webapp_max_age"), value),
    "webapp_name": _webapp_name,
    "git_mirror": lambda value: _mirror(str(value)),
    "mirror_alert": lambda value: _span(variable("mirror_alert"), value),
    "admin_chat": lambda value: _chat_id(variable("admin_chat"), str(value)),
    "metrics_listen": lambda value: listen_address(value, variable("metrics_listen")),
    "warm_offices": _whole("warm_offices", 0, 8),
}
