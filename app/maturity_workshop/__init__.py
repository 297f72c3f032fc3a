"""Maturity Workshop: run Continuous Delivery maturity workshops in front of a team."""

from importlib import metadata

APP_NAME = "Maturity Workshop"
APP_ID = "io.github.maturityworkshop.MaturityWorkshop"

try:
    __version__ = metadata.version("maturity-workshop")
except metadata.PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0+unknown"
