"""manuscript-bot: draft alliance standards the manuscript-system (文稿制) way from Telegram."""
