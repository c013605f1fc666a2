"""Pure rules of the manuscript system: no bot, no database, no repository."""
