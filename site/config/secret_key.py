"""The production check of SECRET_KEY (docs/security.md), imported by the production
settings: nothing here touches Django's settings or models."""

from django.core.exceptions import ImproperlyConfigured

# Django's own test of a weak key (security.W009): fewer than 50 characters, fewer than 5
# distinct ones, or the prefix of the key startproject writes.
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_UNIQUE_CHARACTERS = 5
KNOWN_INSECURE_KEYS = {"dev-only-insecure-key", "test-only"}


def check_secret_key(key: str) -> str:
    """The key when it is fit for production, else ImproperlyConfigured (in Chinese: the
    operator reads it)."""
    hint = (
        "生成方法：python -c 'from django.core.management.utils import get_random_secret_key; "
        "print(get_random_secret_key())'"
    )
    if not key:
        raise ImproperlyConfigured(f"生产环境必须通过环境变量 SECRET_KEY 设置密钥。{hint}")
    if key in KNOWN_INSECURE_KEYS or key.startswith("django-insecure"):
        raise ImproperlyConfigured(f"SECRET_KEY 是开发或示例用的密钥，生产环境不得使用。{hint}")
    if len(key) < SECRET_KEY_MIN_LENGTH:
        raise ImproperlyConfigured(
            f"SECRET_KEY 太短（{len(key)} 个字符），至少需要 {SECRET_KEY_MIN_LENGTH} 个字符。{hint}"
        )
    if len(set(key)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS:
        raise ImproperlyConfigured(
            f"SECRET_KEY 的字符种类太少（{len(set(key))} 种），"
            f"至少需要 {SECRET_KEY_MIN_UNIQUE_CHARACTERS} 种不同字符。{hint}"
        )
    return key
