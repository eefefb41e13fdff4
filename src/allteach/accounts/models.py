"""Users, their participant profile, and personal API tokens."""

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone

from allteach.accounts.validators import (
    validate_birth_mmdd,
    validate_nabp_eprofile,
    validate_npi,
    validate_timezone,
)


class Profession(models.TextChoices):
    PHYSICIAN = "physician", "Physician"
    NP = "np", "Nurse practitioner"
    PA = "pa", "Physician assistant"
    NURSE = "nurse", "Nurse"
    PHARMACIST = "pharmacist", "Pharmacist"
    BEHAVIOURAL_HEALTH = "behavioural_health", "Behavioural health"
    CHW = "chw", "Community health worker"
    EDUCATOR = "educator", "Educator"
    OTHER = "other", "Other"


class Board(models.TextChoices):
    """Certifying boards that accept MOC credit through ACCME PARS."""

    ABA = "ABA", "ABA (Anesthesiology)"
    ABIM = "ABIM", "ABIM (Internal Medicine)"
    ABOS = "ABOS", "ABOS (Orthopaedic Surgery)"
    ABOHNS = "ABOHNS", "ABOHNS (Otolaryngology)"
    ABPATH = "ABPath", "ABPath (Pathology)"
    ABP = "ABP", "ABP (Pediatrics)"
    ABS = "ABS", "ABS (Surgery)"
    ABTS = "ABTS", "ABTS (Thoracic Surgery)"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person who signs in with their e-mail address; the profile lives on the row."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField("e-mail address", unique=True)
    name = models.CharField(max_length=200, blank=True)
    profession = models.CharField(max_length=32, choices=Profession.choices, blank=True)
    specialty = models.CharField(max_length=120, blank=True)
    organisation = models.CharField("organisation / site", max_length=200, blank=True)
    practice_zip = models.CharField("practice ZIP", max_length=10, blank=True)
    state = models.CharField(max_length=2, blank=True)
    country = models.CharField(max_length=2, blank=True, default="US")
    preferred_language = models.CharField(max_length=16, blank=True, default="en")
    timezone = models.CharField(
        "time zone", max_length=64, blank=True, default="", validators=[validate_timezone]
    )
    # Asked for only when a program offers credit that needs them.
    npi = models.CharField("NPI", max_length=10, blank=True, validators=[validate_npi])
    licence_state = models.CharField(max_length=2, blank=True)
    board = models.CharField(max_length=8, choices=Board.choices, blank=True)
    board_id = models.CharField("board ID", max_length=32, blank=True)
    birth_mmdd = models.CharField(
        "birth date (MMDD)", max_length=4, blank=True, validators=[validate_birth_mmdd]
    )
    nabp_eprofile_id = models.CharField(
        "NABP e-Profile ID", max_length=12, blank=True, validators=[validate_nabp_eprofile]
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    objects = UserManager()

    class Meta:
        ordering = ["name", "email"]

    def __str__(self) -> str:
        return self.name or self.email

    def get_full_name(self) -> str:
        return self.name or self.email

    def get_short_name(self) -> str:
        return (self.name or self.email).split()[0]


def _hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A personal API token; only its hash is stored, the secret is shown once."""

    PREFIX = "at_"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    hint = models.CharField(max_length=12)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @classmethod
    def issue(cls, *, user: User, name: str) -> tuple["ApiToken", str]:
        raw = cls.PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, key_hash=_hash_token(raw), hint=raw[:8])
        return token, raw

    @classmethod
    def authenticate(cls, raw: str) -> User | None:
        token = (
            cls.objects.select_related("user")
            .filter(key_hash=_hash_token(raw), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if token is None:
            return None
        now = timezone.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            cls.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user
