"""ipms: clause-exact answers and implementation documents for IP management standards."""

__version__ = "0.1.0"
