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


class DamagedRowError(DomainError):
    """A row of a workshop that the database holds but that cannot be read (a date that is not a
    date, a status the app does not know...): that workshop cannot be opened; the others can.
    ``problem`` says what is wrong with it ("its date 'not a date' cannot be read")."""

    def __init__(self, workshop_id: int, problem: str) -> None:
        self.workshop_id = workshop_id
        self.problem = problem
        super().__init__(
            f"Workshop {workshop_id} cannot be opened, because {problem}. It is kept in the database as it "
            "is; the other workshops can be opened."
        )

    @property
    def summary(self) -> str:
        """One line for a list of workshops: "workshop 3: its date 'not a date' cannot be read"."""
        return f"workshop {self.workshop_id}: {self.problem}"
