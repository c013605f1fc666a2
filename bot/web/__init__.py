"""The web server in the bot's process: the reading view (a Telegram Mini App) and the webhook."""
