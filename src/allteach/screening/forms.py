from django import forms

from allteach import phi


class TextForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}),
        label="Case text",
        help_text="Checked as you type; nothing you enter here is stored.",
        strip=False,
    )
    style = forms.ChoiceField(
        choices=[(s, s.capitalize()) for s in phi.STYLES], required=False, label="Redaction style"
    )


class FileForm(forms.Form):
    file = forms.FileField(
        label="Slides, document or image",
        help_text="PDF, DOCX, PPTX, JPEG, PNG, WebP or GIF, up to 25 MB.",
    )
