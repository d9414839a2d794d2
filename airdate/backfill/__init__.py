"""Backfill: years of news from WARC archives (CC-NEWS), extraction spread over a Dask cluster.

    prefilter   the cheap test before the extractor: English, and about a film or series at all
    batch       one WARC file → a compact batch of articles and claims (runs on a worker)
    run         the client: schedules files on Dask, loads each batch into the store (the only writer)
    commands    `airdate backfill`

The store side (records, done files) is airdate.store.warc.
"""
