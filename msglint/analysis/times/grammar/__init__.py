"""The grammar: small parsers, one module per family (numbers, zones, clock, dates, periods)."""
