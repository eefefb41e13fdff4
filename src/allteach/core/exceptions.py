"""Errors that services raise; views and the API turn them into messages or 400s."""

from django.core.exceptions import ValidationError

__all__ = ["InvalidTransition", "ValidationError"]


class InvalidTransition(Exception):
    """A state change that the object's current state does not allow."""

    def __init__(self, current: str, target: str, message: str = ""):
        self.current, self.target = current, target
        super().__init__(message or f"Cannot go from {current} to {target}.")
