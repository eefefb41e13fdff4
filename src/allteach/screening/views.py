"""The PHI check page: live screening as the user types, and file screening."""

import base64

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.views.decorators.http import require_POST

from allteach.core.access import access
from allteach.screening import services
from allteach.screening.forms import FileForm, TextForm


def _text_context(form: TextForm) -> dict:
    context = {"form": form, "findings": None}
    if form.is_bound and form.is_valid():
        text = form.cleaned_data["text"]
        try:
            findings = services.text_screen(text=text)
        except ValidationError as error:
            form.add_error("text", error.message_dict.get("text", error.messages))
            return context
        context.update(
            findings=findings,
            segments=services.segments(text, findings),
            redacted=services.text_redact(
                text=text, style=form.cleaned_data.get("style") or "placeholder"
            ),
        )
    return context


@access("authenticated")
@login_required
def check(request):
    """Paste case text or upload slides to see identifiers before anything is submitted."""
    form = TextForm(request.POST or None)
    context = {**_text_context(form), "file_form": FileForm()}
    if request.htmx:
        return render(request, "screening/_results.html", context)
    return render(request, "screening/check.html", context, status=400 if form.errors else 200)


@access("authenticated")
@login_required
@require_POST
def check_file(request):
    file_form = FileForm(request.POST, request.FILES)
    context = {"form": TextForm(), "file_form": file_form, "findings": None}
    status = 400
    if file_form.is_valid():
        upload = file_form.cleaned_data["file"]
        try:
            result = services.file_screen(data=upload.read(), filename=upload.name)
        except ValidationError as error:
            file_form.add_error("file", error.message_dict.get("file", error.messages))
        else:
            status = 200
            context["file_result"] = result
            context["file_name"] = upload.name
            context["part_segments"] = [
                (part, services.segments(part.text, part.findings))
                for part in result.parts
                if part.findings
            ]
            if result.clean_bytes:
                context["clean_image"] = base64.b64encode(result.clean_bytes).decode()
    return render(request, "screening/check.html", context, status=status)
