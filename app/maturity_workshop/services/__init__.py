"""Use cases shared by the window and the command line: domain and store only, no Qt."""

from .workshops import WorkshopService

__all__ = ["WorkshopService"]
