"""Following the news by itself: feed subscriptions, the watcher that polls them, and OPML lists.

    timing.py    intervals ("30m"), backoff after errors, per-host spacing of requests
    poll.py      one poll of one feed: conditional GET, new items ingested once, outcome recorded
    service.py   the watcher: APScheduler runs each feed's polls on its schedule, stops between articles
    opml.py      OPML 2.0 subscription lists, read and written
    commands.py  `feeds`, `watch`, `follow`, `unfollow`, `following`

The rows live in the store (airdate.store.subscriptions, airdate.store.follows).
"""
