"""Controllers: the app's jobs (playing sessions, routine folders, reminders, effects at a moment), each
handed what it needs by the app; none of them imports the app."""
