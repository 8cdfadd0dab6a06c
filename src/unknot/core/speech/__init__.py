"""The spoken guide: what is said at each moment of a session, and the programs that say it."""
