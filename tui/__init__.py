"""Recovery Plan: person-centered recovery planning in the terminal."""

__version__ = "0.1.0"
