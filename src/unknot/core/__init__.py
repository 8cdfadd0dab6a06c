"""The Textual-free core: routine model, loading, timing and storage."""
