"""The Telegram surface: one module per feature; each parses, calls a service and renders."""
