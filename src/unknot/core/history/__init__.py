"""Keeping history: the SQLite store, the recorder that decides when to write, and the report."""
