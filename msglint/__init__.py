"""msglint: lint and score asynchronous work messages in English and French."""

__version__ = "0.1.0"
