"""When the jobs run: closing ballots at their deadlines and sending reminders.

Both are swept at start-up (what fell due while the bot was down happens then, once) and then
every SWEEP_SECONDS by the job queue; both are idempotent, so a sweep may run twice safely.
"""

from __future__ import annotations

import logging

from bot.context import App, Context
from bot.jobs.ballots import sweep
from bot.jobs.reminders import send_reminders

SWEEP_SECONDS = 30
log = logging.getLogger("manuscript.schedule")


async def tick(application: App) -> None:
    await sweep(application)  # first: a closed ballot needs no reminder
    await send_reminders(application)


async def _tick(context: Context) -> None:
    await tick(context.application)


def start(application: App) -> None:
    if application.job_queue is None:
        log.warning("no job queue: deadlines are handled at start-up only")
        return
    application.job_queue.run_repeating(
        _tick, interval=SWEEP_SECONDS, first=SWEEP_SECONDS, name="sweep"
    )
