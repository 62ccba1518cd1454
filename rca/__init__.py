"""rca: a command-line explorer of Russia–Central Asia relations."""

__version__ = "0.2.0"
