"""Start-up reconciliation: the repository is written first, so after a crash or a failed
database commit it may be ahead of the database. Bring the two level, project by project:

- a project without a repository (the process died while creating it) gets one from the database;
- every journaled write in the history whose database side never committed is taken back
  (bot/services/journal.py): its update was never acknowledged, and runs again from the queue or
  is sent again by its author;
- stage, drafter and policy are checked against the repository's metadata (a repository written
  before the journal existed may be ahead of its database);
- a proposal accepted on arrival (the `open` policy) whose merge a crash interrupted is returned,
  for the caller to finish (`contributions.finish_merge`) and announce: its author was never
  answered.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.contributions import Status
from bot.domain.stages import Stage
from bot.runtime import Runtime
from bot.services.draft_io import commit_meta, meta_of
from bot.services.journal import orphans, settle_unsettled, take_back
from drafts.repository import BOT, Identity
from storage.models import Contribution, Project

log = logging.getLogger("manuscript.reconcile")


@dataclass(frozen=True)
class Interrupted:
    contribution_id: int
    project_id: int


async def reconcile(runtime: Runtime) -> list[Interrupted]:
    """Bring the database and the repositories level; return the merges still to finish."""
    now = runtime.clock()
    async with runtime.db.session() as session:
        for project in (await session.scalars(select(Project).order_by(Project.id))).all():
            meta = await runtime.drafts.meta(project.repository)
            if meta is None:
                await commit_meta(
                    runtime.drafts, project.repository,
                    meta_of(project, runtime.settings.alliance_name, str(runtime.settings.timezone)),
                    Identity(*BOT),
                    f"Create project {project.code}", now,
                )  # fmt: skip
                log.warning("project %s had no repository: created it", project.code)
                continue
            if orphaned := await orphans(session, runtime.drafts, project.repository, project.id):
                log.warning("project %s: taking back writes %s", project.code, ", ".join(orphaned))
                await take_back(runtime.drafts, [(project.repository, w) for w in orphaned], now)
                meta = await runtime.drafts.meta(project.repository) or meta
            drafter = meta.drafter.id if meta.drafter else None
            if (project.stage, project.drafter_unit_id, project.policy) != (
                meta.stage,
                drafter,
                meta.policy,
            ):
                log.warning(
                    "project %s: stage/drafter/policy taken from its repository", project.code
                )
                project.stage, project.drafter_unit_id, project.policy = (
                    Stage(meta.stage),
                    drafter,
                    meta.policy,
                )
        await session.commit()
        return await _interrupted(session)


async def after_outage(runtime: Runtime) -> list[Interrupted]:
    """Once the database is back from an outage, with no update in hand: settle the writes whose
    database side could not be asked about (kept if it committed, taken back if not), and
    return the merges still to finish — a proposal stored before the database went away."""
    now = runtime.clock()
    async with runtime.db.session() as session:
        for key in list(runtime.drafts.unsettled):
            await settle_unsettled(session, runtime.drafts, key, now)
        return await _interrupted(session)


async def _interrupted(session: AsyncSession) -> list[Interrupted]:
    interrupted = (
        await session.execute(
            select(Contribution.id, Contribution.project_id)
            .where(
                Contribution.merge_pending.is_(True),
                Contribution.status == Status.OPEN.value,
            )
            .order_by(Contribution.id)
        )
    ).all()
    return [Interrupted(c, p) for c, p in interrupted]
