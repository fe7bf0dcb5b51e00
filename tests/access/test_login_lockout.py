"""The admin's login locks a username and address out after repeated wrong passwords
(django-axes, docs/security.md): the right password is then refused, with the Chinese
message on the login page, until the cool-off has passed."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

import pytest
from axes.models import AccessAttempt

PASSWORD = "correct-horse-battery"


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("bianji", "b@example.org", PASSWORD)


def log_in(client, password, address="10.0.0.7", username="bianji"):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_wrong_passwords_lock_the_account_out_until_the_cool_off(client, editor):
    limit = settings.AXES_FAILURE_LIMIT
    assert 3 <= limit <= 10
    for _ in range(limit - 1):
        response = log_in(client, "wrong")
        assert response.status_code == 200
        assert "锁定" not in response.content.decode()

    response = log_in(client, "wrong")  # the last allowed failure locks
    assert response.status_code == 429
    assert "登录失败次数过多" in response.content.decode()

    # The right password is refused now, on the login page, in Chinese.
    response = log_in(client, PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "登录失败次数过多" in page and "分钟后再试" in page
    assert 'name="password"' in page  # still Wagtail's login form
    assert "_auth_user_id" not in client.session

    # Another address is not locked out (the pair username + address is).
    other = log_in(client, PASSWORD, address="10.0.0.8")
    assert other.status_code == 302
    client.logout()

    # After the cool-off the right password works, and clears the failures.
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.first().attempt_time
        - settings.AXES_COOLOFF_TIME
        - timedelta(seconds=1)
    )
    response = log_in(client, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert not AccessAttempt.objects.filter(username="bianji", ip_address="10.0.0.7").exists()


def test_a_success_resets_the_count(client, editor):
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):
        log_in(client, "wrong")
    assert log_in(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(limit - 1):
        assert log_in(client, "wrong").status_code == 200
    assert log_in(client, PASSWORD).status_code == 302


def test_a_wrong_password_still_says_so(client, editor):
    response = log_in(client, "wrong")
    assert response.status_code == 200
    assert "登录失败次数过多" not in response.content.decode()
