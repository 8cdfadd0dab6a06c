"""Widgets: each renders state handed down to it and posts domain messages up."""
