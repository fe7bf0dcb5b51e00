"""Uploads in the admin (docs/security.md): an image over WAGTAILIMAGES_MAX_IMAGE_PIXELS
or WAGTAILIMAGES_MAX_UPLOAD_SIZE is refused with a Chinese message, by the single and
the multiple upload views; a document, of any type, is served as a download with nosniff."""

import io
import tempfile

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

import pytest
from PIL import Image as PILImage


def png(width, height):
    buffer = io.BytesIO()
    PILImage.new("L", (width, height), 200).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("tupian", "t@example.org", "pw")
    client.force_login(user)
    return client


@pytest.fixture(scope="module")
def huge_png():
    # 11,000 x 11,000 = 121 megapixels of one grey: about 120 KB compressed.
    return png(11_000, 11_000)


def test_the_limits_are_set():
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE <= 20 * 2**20


def test_a_121_megapixel_image_is_refused_with_a_chinese_message(admin_client, huge_png):
    assert len(huge_png) < settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE  # refused for its pixels
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "巨幅照片",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("huge.png", huge_png, content_type="image/png"),
        },
    )
    assert response.status_code == 200  # the form again, not a redirect
    page = response.content.decode()
    assert "图片像素过多（121 百万像素），最多 40 百万像素" in page
    assert not get_image_model().objects.exists()


def test_the_multiple_upload_view_refuses_it_too(admin_client, huge_png):
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("huge.png", huge_png, content_type="image/png")},
    )
    assert response.status_code == 200
    answer = response.json()
    assert answer["success"] is False
    assert "图片像素过多" in answer["error_message"]
    assert not get_image_model().objects.exists()


@override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=50_000)
def test_an_image_too_large_in_bytes_is_refused_in_chinese(admin_client):
    noisy = io.BytesIO()
    PILImage.effect_noise((400, 400), 64).save(noisy, "PNG")
    assert len(noisy.getvalue()) > 50_000
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "大文件",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("noisy.png", noisy.getvalue(), content_type="image/png"),
        },
    )
    assert "文件太大" in response.content.decode()
    assert not get_image_model().objects.exists()


def test_an_image_within_the_limits_is_accepted(admin_client):
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "活动照片",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("photo.png", png(1600, 1200), content_type="image/png"),
        },
    )
    assert response.status_code == 302
    assert get_image_model().objects.get().width == 1600


@pytest.mark.parametrize(
    "filename, content",
    [
        ("notice.pdf", b"%PDF-1.4\n<html><script>alert(1)</script>"),
        ("photo.png", png(10, 10)),
        ("sheet.xlsx", b"PK\x03\x04<html><script>alert(1)</script>"),
    ],
)
def test_documents_are_served_as_downloads_with_nosniff(client, db, filename, content):
    with (
        tempfile.TemporaryDirectory() as media_root,
        override_settings(
            MEDIA_ROOT=media_root,
            STORAGES={
                **settings.STORAGES,
                "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            },
        ),
    ):
        document = get_document_model()(title="附件")
        document.file.save(filename, ContentFile(content), save=False)
        document.save()
        response = client.get(document.url)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content) == content
