"""The board's filters as query parameters, shared by `/`, `/api/releases` and `/calendar.ics`.

An HTML form sends an empty field for "any", so empty values mean "not given" rather
than a 422. Everything else is validated by FastAPI: a bad value is a 422 with a message.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import Depends, Query
from pydantic import BeforeValidator, Field

from airdate.store import Store
from airdate.views.board import BoardPage, select_board

Certainty = Literal["confirmed", "reported", "speculated"]
Status = Literal[
    "announced", "renewed", "in production", "wrapped", "dated", "premiered", "cancelled", "overdue",
    "presumed released",
]  # fmt: skip


def _blank_to_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


def _drop_blanks(value: Any) -> Any:
    if isinstance(value, list):
        kept = [v for v in value if not (isinstance(v, str) and not v.strip())]
        return kept or None
    return value


@dataclass(frozen=True)
class Filters:
    platform: str | None = None
    certainty: tuple[str, ...] = ()
    within: int | None = None
    q: str | None = None
    status: tuple[str, ...] = ()
    all: bool = False
    following: bool = False

    def select(self, store: Store, today: date, *, limit: int | None = None, offset: int = 0) -> BoardPage:
        return select_board(
            store,
            today,
            platform=self.platform,
            within=self.within,
            certainties=self.certainty,
            statuses=self.status,
            search=self.q,
            everything=self.all,
            limit=limit,
            offset=offset,
            following=self.following,
        )

    def query(self) -> list[tuple[str, str]]:
        """The filters as query-string pairs (for links that keep them)."""
        pairs: list[tuple[str, str]] = []
        if self.platform:
            pairs.append(("platform", self.platform))
        pairs += [("certainty", c) for c in self.certainty]
        if self.within is not None:
            pairs.append(("within", str(self.within)))
        if self.q:
            pairs.append(("q", self.q))
        pairs += [("status", s) for s in self.status]
        if self.all:
            pairs.append(("all", "true"))
        if self.following:
            pairs.append(("following", "1"))
        return pairs


async def board_filters(  # async: it only parses, so it runs on the loop without a thread
    platform: Annotated[
        Annotated[str, Field(max_length=100)] | None,
        BeforeValidator(_blank_to_none),
        Query(description="Only releases on this platform (case-insensitive), e.g. Netflix."),
    ] = None,
    certainty: Annotated[
        list[Certainty] | None,
        BeforeValidator(_drop_blanks),
        Query(description="Only releases whose best window has this certainty; repeat for several."),
    ] = None,
    within: Annotated[
        Annotated[int, Field(ge=0, le=36500)] | None,
        BeforeValidator(_blank_to_none),
        Query(description="Only windows that start within this many days and have not ended."),
    ] = None,
    q: Annotated[
        Annotated[str, Field(max_length=200)] | None,
        BeforeValidator(_blank_to_none),
        Query(description="Search titles: exact, contained, or a close spelling."),
    ] = None,
    status: Annotated[
        list[Status] | None,
        BeforeValidator(_drop_blanks),
        Query(description="Only releases with this status; repeat for several. 'overdue' and 'presumed released' "
                    "(overdue for more than 30 days) are computed from today."),
    ] = None,
    all: Annotated[
        bool, Query(description="Include premiered, cancelled and presumed released releases.")
    ] = False,
    following: Annotated[
        bool, Query(description="Only releases on the watchlist (`airdate follow TITLE`).")
    ] = False,
) -> Filters:
    return Filters(
        platform=platform.strip() if platform else None,
        certainty=tuple(dict.fromkeys(certainty or ())),
        within=within,
        q=q.strip() if q else None,
        status=tuple(dict.fromkeys(status or ())),
        all=all,
        following=following,
    )


def page_link(filters: Filters, **extra: Any) -> str:
    pairs = filters.query() + [(k, str(v)) for k, v in extra.items() if v is not None]
    return "?" + urlencode(pairs) if pairs else "?"


FiltersDep = Annotated[Filters, Depends(board_filters)]  # a route parameter: the board's filters
