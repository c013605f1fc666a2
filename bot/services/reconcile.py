"""Start-up reconciliation: the repository is written first, so after a crash it may be ahead of
the database. Bring the database level with it, project by project:

- a project without a repository (the process died while creating it) gets one from the database;
- stage, drafter and policy are taken from the repository's metadata;
- an open contribution whose commit (trailer `Contribution: n`) is on the branch becomes accepted;
- one accepted on arrival (the `open` policy) whose merge a crash interrupted is returned, for
  the caller to finish (`contributions.finish_merge`) and announce: its author was never answered.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import select

from bot.domain.contributions import Status
from bot.runtime import Runtime
from bot.services.contributions import TRAILER
from bot.services.manuscript import commit_meta, meta_of
from drafts.repository import BOT, Identity
from storage.models import Contribution, Project

log = logging.getLogger("manuscript.reconcile")


@dataclass(frozen=True)
class Interrupted:
    contribution_id: int
    project_id: int
    sha: str | None  # its commit, when that reached the branch before the crash


async def reconcile(runtime: Runtime) -> list[Interrupted]:
    """Repair the database from the repositories; return the merges still to finish."""
    committed: dict[int, str] = {}  # contribution id -> commit, for the interrupted merges
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
                    meta.stage,
                    drafter,
                    meta.policy,
                )
            open_ones = {
                c.number: c
                for c in await session.scalars(
                    select(Contribution).where(
                        Contribution.project_id == project.id,
                        Contribution.status == Status.OPEN.value,
                    )
                )
            }
            if not open_ones:
                continue
            merged = await runtime.drafts.read(
                project.repository, lambda repo: repo.trailer_values(TRAILER)
            )
            for sha, value in merged:
                contribution = open_ones.get(int(value)) if value.isdigit() else None
                if contribution is not None and contribution.merge_pending:
                    committed[contribution.id] = sha
                elif contribution is not None:
                    log.warning(
                        "project %s: #%s is in the repository; marked accepted", project.code, value
                    )
                    contribution.status = Status.ACCEPTED.value
                    contribution.commit_sha = sha
                    contribution.decided_at = now
        await session.commit()
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
    return [Interrupted(c, p, committed.get(c)) for c, p in interrupted]
