"""Official schedules (issue 13): link releases to TVmaze shows (films to TMDB, with a key) and take
their dates as the authority.

    client.py    the API clients (TVmaze; TMDB only with AIRDATE_TMDB_KEY): User-Agent, a rate limit,
                 backoff on 429 and 5xx, timeouts and byte caps, answers cached in the store with
                 their ETag, --offline
    link.py      a release → its show (or film): by name or AKA, ties broken by platform and year
    sync.py      a linked release's season premiere and aired first episode (a film's release day
                 by country) → schedule dates
    catalog.py   a local copy of the show index, kept up by /updates/shows
    commands.py  `airdate link`, `airdate sync`, `airdate catalog update`

The data is TVmaze's (CC BY-SA 4.0) and TMDB's. The store reads schedule dates back as claims from the
source "TVmaze schedule" (airdate.store.queries.add_schedule_claims); how reconciliation ranks
them is in airdate.reconcile's docstring.
"""
