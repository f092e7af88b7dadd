"""Helpers for the Kazakh-language course «Орталық Азия: қауіпсіздік және интеграция»."""

__version__ = "0.1.0"
