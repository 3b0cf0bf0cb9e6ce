"""Texts and question sets from the guide, kept as data (no UI imports)."""
