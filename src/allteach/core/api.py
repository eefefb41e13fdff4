"""Shared API plumbing: the error format every endpoint uses."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import Schema
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError


class ErrorOut(Schema):
    message: str
    errors: dict[str, list[str]] = {}


def validation_error_body(error: ValidationError) -> dict:
    if hasattr(error, "error_dict"):
        fields = {
            ("non_field_errors" if key == "__all__" else key): [str(m) for m in messages]
            for key, messages in error.message_dict.items()
        }
        first = next(iter(fields.values()))[0] if fields else "Invalid input."
        return {"message": first, "errors": fields}
    messages = [str(m) for m in error.messages]
    return {"message": " ".join(messages), "errors": {"non_field_errors": messages}}


def install_error_handlers(api) -> None:
    """Answer every error as JSON `{message, errors}`; 404 for missing and not-yours alike."""

    @api.exception_handler(ValidationError)
    def on_validation_error(request, exc):
        return api.create_response(request, validation_error_body(exc), status=400)

    @api.exception_handler(NinjaValidationError)
    def on_schema_error(request, exc):
        fields: dict[str, list[str]] = {}
        for item in exc.errors:
            loc = [
                str(part)
                for part in item.get("loc", ())
                if part not in ("body", "payload", "query", "path")
            ]
            fields.setdefault(".".join(loc) or "non_field_errors", []).append(
                item.get("msg", "Invalid.")
            )
        return api.create_response(
            request, {"message": "Some fields are invalid.", "errors": fields}, status=400
        )

    @api.exception_handler(PermissionDenied)
    def on_permission_denied(request, exc):
        return api.create_response(
            request, {"message": "You may not do this.", "errors": {}}, status=403
        )

    @api.exception_handler(Http404)
    def on_not_found(request, exc):
        return api.create_response(request, {"message": "Not found.", "errors": {}}, status=404)

    @api.exception_handler(AuthenticationError)
    def on_unauthenticated(request, exc):
        return api.create_response(
            request, {"message": "Sign in or send an API token.", "errors": {}}, status=401
        )
