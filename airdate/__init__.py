"""airdate: an honest countdown of upcoming TV seasons and films, read from the news."""

__version__ = "0.1.0"
