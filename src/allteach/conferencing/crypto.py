"""Encrypt provider credentials at rest (Fernet, key from ALLTEACH_ENCRYPTION_KEY or SECRET_KEY)."""

import base64
import hashlib
import json

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def _fernet() -> Fernet:
    material = settings.ALLTEACH_ENCRYPTION_KEY or settings.SECRET_KEY
    key = base64.urlsafe_b64encode(
        hashlib.sha256(("allteach-credentials:" + material).encode()).digest()
    )
    return Fernet(key)


def encrypt_json(data: dict) -> str:
    return _fernet().encrypt(json.dumps(data, sort_keys=True).encode()).decode()


def decrypt_json(token: str) -> dict:
    if not token:
        return {}
    try:
        return json.loads(_fernet().decrypt(token.encode()))
    except InvalidToken:
        raise ImproperlyConfigured(
            "Stored provider credentials cannot be decrypted: the encryption key changed. "
            "Re-enter the credentials in the hub console."
        )
