"""Finding the maturity model that ships with the app."""

from __future__ import annotations

from functools import cache

from ..domain.model import MaturityModel, load_model
from ..locations import resource_path

DEFAULT_MODEL_FILE = "cd-maturity.toml"


@cache
def default_model() -> MaturityModel:
    return load_model(resource_path("models", DEFAULT_MODEL_FILE))
