"""sitrep: turn news reports about attacks into a trustworthy event database."""
