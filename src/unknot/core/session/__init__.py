"""Playing a routine: the player state machine, its events, the ticker, clocks and the words screens show."""
