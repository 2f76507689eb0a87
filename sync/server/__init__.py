"""digipunt-server: the central endpoint every digipunt PC syncs to (DESIGN.md §5-6)."""
