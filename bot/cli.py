"""The `manuscript-bot` command: run, migrate, demo."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import time
from dataclasses import replace
from pathlib import Path

from sqlalchemy.exc import DBAPIError, OperationalError

from bot.config import WARM_OFFICES, ConfigError, Settings, listen_address, load_settings
from bot.instance_lock import EXIT_CONFIG, EXIT_LOCK_LOST
from drafts.export.formats import FORMATS
from drafts.export.pdf import NO_PDF, converter


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    options = parser.parse_args(argv)
    try:
        return int(options.action(options) or 0)
    except ConfigError as error:
        print(f"manuscript-bot: error: {error}", file=sys.stderr)
        return EXIT_CONFIG


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="manuscript-bot", description="Draft alliance standards the manuscript-system way."
    )
    commands = parser.add_subparsers(required=True, metavar="command")
    run = commands.add_parser(
        "run", help="serve Telegram (long polling or webhook) and the reading view"
    )
    run.add_argument(
        "--standby",
        action="store_true",
        help="PostgreSQL with a git mirror: wait while another instance serves, take over when it dies",
    )
    run.set_defaults(action=_run)
    migrate = commands.add_parser("migrate", help="apply database migrations")
    migrate.set_defaults(action=_migrate)
    demo = commands.add_parser("demo", help="run a whole scripted conversation offline")
    demo.add_argument("--out", type=Path, default=Path("demo-output"), help="folder for its data")
    demo.add_argument(
        "--serve",
        nargs="?",
        const="127.0.0.1:8080",
        metavar="HOST:PORT",
        help="then keep the reading view up there (default 127.0.0.1:8080) with a signed link",
    )
    demo.set_defaults(action=_demo)
    export = commands.add_parser("export", help="export a project's draft from its repository")
    export.add_argument("code", help="the project's code, e.g. 'T/CVA 012—2027'")
    export.add_argument("--format", default="package", choices=list(FORMATS))
    export.add_argument("--out", type=Path, required=True, help="folder for the files")
    export.add_argument("--ref", help="a tag or a stage (default: the latest text)")
    export.add_argument(
        "--from",
        dest="since",
        help="redline: the earlier tag or stage (default: the last stage tag before --ref)",
    )
    export.set_defaults(action=_export)
    return parser


def _run(options: argparse.Namespace) -> int:
    from telegram.error import InvalidToken

    from bot.app import production_application
    from bot.instance_lock import AlreadyRunning, LockLost, hold
    from bot.logging_setup import configure_logging
    from bot.polling import PollingConflict, serve
    from bot.web.serving import CannotListen
    from drafts.export.pdf import keep_warm
    from drafts.git_locks import clear_stale_locks

    settings = load_settings()
    if options.standby:
        settings = replace(settings, standby=True)
        if not settings.database_url.startswith("postgresql"):
            raise ConfigError("--standby needs PostgreSQL (MANUSCRIPT_DATABASE_URL)")
        if settings.git_mirror is None:
            raise ConfigError("--standby needs a git mirror (MANUSCRIPT_GIT_MIRROR)")
    token = settings.require_token()
    configure_logging(token)
    try:
        lock = hold(settings.data_dir)  # held until the process ends
    except AlreadyRunning as error:
        raise ConfigError(str(error)) from None
    clear_stale_locks(settings.data_dir / "repositories")
    _apply_migrations(settings, wait=True)
    application = production_application(settings, token)

    def office_failed(error: str) -> None:
        if application.bot_data.operators is not None:
            application.bot_data.operators.office_failed(error)

    keep_warm(settings.warm_offices, office_failed)
    try:
        asyncio.run(serve(application, settings.poll_interval))
    except PollingConflict as error:
        print(f"manuscript-bot: {error}", file=sys.stderr)
        return 3
    except CannotListen as error:
        raise ConfigError(str(error)) from None
    except AlreadyRunning as error:  # another instance holds the database
        raise ConfigError(str(error)) from None
    except LockLost as error:  # a standby serves now; restarted, this one waits as the standby
        print(f"manuscript-bot: {error}", file=sys.stderr)
        return EXIT_LOCK_LOST
    except InvalidToken:  # its message quotes the token: never shown
        print(
            "manuscript-bot: error: Telegram rejected the bot token (TELEGRAM_BOT_TOKEN); "
            "check it with @BotFather",
            file=sys.stderr,
        )
        return 2
    finally:
        lock.close()
    return 0


def _migrate(options: argparse.Namespace) -> int:
    settings = load_settings()
    _apply_migrations(settings)
    print("manuscript-bot: database is up to date")
    return 0


def _demo(options: argparse.Namespace) -> int:
    from bot.demo import DemoFolderError, run_demo
    from bot.web.serving import CannotListen
    from drafts.export.pdf import keep_warm

    out_dir: Path = options.out.resolve()
    keep_warm(WARM_OFFICES)  # the demo's PDFs, from offices started meanwhile
    try:
        serve = listen_address(options.serve) if options.serve else None
        asyncio.run(run_demo(out_dir, serve=serve))
    except DemoFolderError as error:
        raise ConfigError(str(error)) from None
    except CannotListen as error:
        raise ConfigError(str(error)) from None
    print(f"\nmanuscript-bot demo: data left in {out_dir}")
    return 0


def _export(options: argparse.Namespace) -> int:
    from bot.domain.stages import resolve_tag
    from drafts.export.formats import export, stage_before
    from drafts.repository import BRANCH
    from drafts.store import find_by_code

    settings = load_settings()
    repo = find_by_code(settings.data_dir, options.code)
    if repo is None:
        raise ConfigError(f"no project with code {options.code!r} under {settings.data_dir}")
    tags = repo.tags()

    def tag(word: str) -> str:
        found = resolve_tag(word, tags)
        if found is None:
            raise ConfigError(f"no tag or stage {word!r} (tags: {', '.join(tags) or 'none'})")
        return found

    ref = tag(options.ref) if options.ref else BRANCH
    since = tag(options.since) if options.since else None
    if options.format == "redline" and (since or stage_before(repo, ref)) is None:
        raise ConfigError("a redline needs --from: there is no earlier stage tag")
    options.out.mkdir(parents=True, exist_ok=True)
    if options.format in ("pdf", "package") and converter() is None:
        print(NO_PDF, file=sys.stderr)
        if options.format == "pdf":
            return 1
    for name, content in export(repo, ref, options.format, since=since):
        (options.out / name).write_bytes(content)
        print(options.out / name)
    return 0


def _apply_migrations(settings: Settings, *, wait: bool = False) -> None:
    """Bring the schema up to date. A database that refuses (a wrong URL, a bad password) is one
    line and exit 2; one that is away (restarting with the bot) is waited for when `wait`."""
    from storage.migrate import migrate_url
    from storage.outage import BACK_WAIT_SECONDS, is_outage

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    delay = BACK_WAIT_SECONDS[0]
    while True:
        try:
            asyncio.run(migrate_url(settings.database_url))
            return
        except (OperationalError, DBAPIError, OSError) as error:
            reason = str(getattr(error, "orig", None) or error).splitlines()[0]
            if not (wait and is_outage(error)):
                raise ConfigError(f"cannot open the database: {reason}") from None
            logging.getLogger("manuscript.database").warning(
                "the database cannot be reached (%s); trying again in %.0f s", reason, delay
            )
            time.sleep(delay)
            delay = min(delay * 2, BACK_WAIT_SECONDS[1])


if __name__ == "__main__":
    sys.exit(main())
