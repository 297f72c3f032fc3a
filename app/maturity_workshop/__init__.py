"""Maturity Workshop: run Continuous Delivery maturity workshops in front of a team."""

APP_NAME = "Maturity Workshop"
APP_ID = "io.github.maturityworkshop.MaturityWorkshop"


def __getattr__(name: str) -> str:
    # The version is read from the installed metadata only when asked for: importlib.metadata
    # costs tens of milliseconds at start-up.
    if name == "__version__":
        from importlib import metadata

        try:
            return metadata.version("maturity-workshop")
        except metadata.PackageNotFoundError:  # a checkout that was never installed
            return "0+unknown"
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
