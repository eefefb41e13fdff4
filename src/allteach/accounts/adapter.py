"""allauth hooks: keep the profile the sign-up form collected."""

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        data = form.cleaned_data
        for field in ("name", "profession", "practice_zip", "state", "country", "timezone"):
            if data.get(field):
                setattr(user, field, data[field])
        if commit:
            user.save()
        return user
