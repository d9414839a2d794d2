"""Official schedules (issue 13): link series releases to TVmaze shows and take their dates as the authority.

    client.py    the TVmaze API client: User-Agent, 20 calls per 10 s, backoff on 429 and 5xx,
                 timeouts and byte caps, answers cached in the store with their ETag, --offline
    link.py      a release → its show: by name or AKA, ties broken by platform and year
    sync.py      a linked release's season premiere and aired first episode → schedule dates
    catalog.py   a local copy of the show index, kept up by /updates/shows
    commands.py  `airdate link`, `airdate sync`, `airdate catalog update`

The data is TVmaze's (CC BY-SA 4.0). The store reads schedule dates back as claims from the
source "TVmaze schedule" (airdate.store.queries.add_schedule_claims); how reconciliation ranks
them is in airdate.reconcile's docstring.
"""
