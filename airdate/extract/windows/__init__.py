"""Release-window grammar: time expressions in a sentence → inclusive day ranges.

The rows of the window table in spec/extraction.md are implemented here and nowhere
else. No date library is used: on spec/windows-cases.json the general-purpose parsers
(HeidelTime, Recognizers-Text, dateparser, ctparse) reached 34–67 % exact intervals,
because they resolve "late 2026" or "early December" to a single day or not at all.

`grammar.find_expressions` finds the time expressions; `resolve.resolve` turns one into a
day range given the article's date (DCT); `resolve_all` does both for a sentence. Whether an
expression is a *release* window is decided by the caller (`airdate.extract.timing`).
"""

from airdate.extract.windows.grammar import Expr, Found, find_expressions
from airdate.extract.windows.resolve import resolve, resolve_all

__all__ = ["Expr", "Found", "find_expressions", "resolve", "resolve_all"]
