"""JupyterLab Kazakh (Kazakhstan) language pack: ``locale/kk_KZ/LC_MESSAGES/<domain>``."""

__version__ = "4.6.post0"
