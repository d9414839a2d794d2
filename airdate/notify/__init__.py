"""Alerts: each change `airdate.changes` derives, for followed releases (or all), sent out once.

    message.py   a change as a title, a message and a webhook's JSON body
    send.py      one attempt: a signed JSON webhook (httpx) or any Apprise URL (ntfy, Discord, mail …)
    deliver.py   the outbox: queue new changes per target, send what is due, retry with backoff
    commands.py  `airdate notify add|list|remove|test|log|send`

The rows live in the store (airdate.store.alerts, migration 9). `airdate watch` and
`serve --watch` deliver after each poll and once a minute; `notify send` does it from cron.
"""
