"""Plans: weeks of sessions that build up, and progress that listens to how the back responds."""
