"""The link to the reading view (the Mini App) that group messages carry: a direct link, as
Telegram refuses Web App buttons in groups; Telegram opens it signed in, with the project as
its start parameter."""

from __future__ import annotations

from bot.i18n import msg
from bot.services.workspace import Workspace
from handlers.answers import Button


def reading_link(bot_username: str, app_name: str, project_id: int) -> str:
    return f"https://t.me/{bot_username}/{app_name}?startapp=p{project_id}"


def reading_buttons(ws: Workspace, project_id: int) -> list[Button]:
    """The reading view's button, where the deployment serves it (MANUSCRIPT_PUBLIC_URL)."""
    if ws.settings.public_url is None or not ws.bot_username:
        return []
    link = reading_link(ws.bot_username, ws.settings.webapp_name, project_id)
    return [Button(msg("web.open_button"), url=link)]
