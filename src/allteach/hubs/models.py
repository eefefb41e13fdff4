"""Superhubs, hubs and the people on a hub's team."""

from django.conf import settings
from django.db import models

from allteach.accounts.validators import validate_timezone


class Superhub(models.Model):
    """An organisation that trains and supports many hubs and sees metrics across them."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="SuperhubStaff", related_name="superhubs"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SuperhubStaff(models.Model):
    superhub = models.ForeignKey(Superhub, on_delete=models.CASCADE, related_name="staff_links")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="superhub_links"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["superhub", "user"], name="unique_superhub_staff")
        ]

    def __str__(self) -> str:
        return f"{self.user} at {self.superhub}"


class Hub(models.Model):
    """A specialist team that runs programs; the unit of tenancy."""

    superhub = models.ForeignKey(
        Superhub, null=True, blank=True, on_delete=models.SET_NULL, related_name="hubs"
    )
    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    description = models.TextField(blank=True)
    timezone = models.CharField(
        max_length=64, default="America/Denver", validators=[validate_timezone]
    )
    contact_email = models.EmailField(blank=True)
    guest_visit_limit = models.PositiveSmallIntegerField(
        default=3, help_text="How many public sessions a guest may join without an account."
    )
    attendance_min_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    attendance_min_percent = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class HubRole(models.TextChoices):
    ADMIN = "admin", "Hub admin"
    COORDINATOR = "coordinator", "Coordinator"
    FACILITATOR = "facilitator", "Facilitator"
    EXPERT = "expert", "Expert / panelist"


MANAGER_ROLES = (HubRole.ADMIN, HubRole.COORDINATOR)


class HubMembership(models.Model):
    """A person's role on a hub's team (one row per role)."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hub_memberships"
    )
    role = models.CharField(max_length=16, choices=HubRole.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["hub", "role", "user"]
        constraints = [
            models.UniqueConstraint(fields=["hub", "user", "role"], name="unique_hub_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} at {self.hub}"
