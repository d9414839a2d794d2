"""Text bound for a terminal: what an article carries must not drive it."""

from __future__ import annotations

import re

# Escape sequences (OSC sets a window title or a hyperlink, CSI moves the cursor or clears the screen)
# and other control characters an article's title or text may carry: never sent to a terminal.
_ESCAPES = re.compile(r"\x1b\][^\x07\x1b]{0,4096}(?:\x07|\x1b\\)?|\x1b\[[0-?]{0,64}[ -/]{0,16}[@-~]?|\x1b[@-_]?|\x9b[0-?]{0,64}[ -/]{0,16}[@-~]?")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_safe(text: str) -> str:
    """`text` without escape sequences or control characters (newlines and tabs stay)."""
    return _CONTROLS.sub("", _ESCAPES.sub("", text))
