"""PostGuard: checks a school's social-media drafts before they are posted."""

__version__ = "0.1.0"
