"""Screens: each orchestrates the widgets of one view."""
