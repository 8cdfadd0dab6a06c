"""The routine format: one declared schema, reading YAML safely, validation, timelines and descriptions."""
