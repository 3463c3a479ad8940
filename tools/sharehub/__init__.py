"""sharehub: an employee-advocacy share hub that lives in a git repository."""

__version__ = "0.1.0"
