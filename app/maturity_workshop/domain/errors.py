"""Errors whose message is written for the facilitator, not for a developer."""


class DomainError(Exception):
    """A problem the user can understand and act on; ``str(error)`` is the message to show."""


class ValidationError(DomainError):
    """Input that cannot be accepted as it is (an empty name, an unknown level...)."""


class WorkshopClosedError(DomainError):
    """An edit was attempted on a closed workshop, which is read-only."""


class ModelFileError(DomainError):
    """A maturity model file that cannot be used; the message names the file and the place."""


class NotFoundError(DomainError):
    """The workshop, team or action asked for is not there (deleted meanwhile?)."""
