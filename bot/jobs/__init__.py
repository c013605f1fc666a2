"""Scheduled work, the bot's second surface beside the chat's handlers: what it does when no one
asked just now — closing ballots at their deadlines, sending reminders, finishing the merges a
crash or an outage interrupted. Each job runs through one unit of work (bot/jobs/base.py), as
each command runs through handlers/base.py; the answers go to the outbox like any other."""
