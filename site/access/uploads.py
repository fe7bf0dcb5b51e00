"""The admin's image form (WAGTAILIMAGES_IMAGE_FORM_BASE): Wagtail's, with its refusals of
an image too large in bytes or in pixels in Chinese (Wagtail's own zh_Hans catalogue
leaves the pixel one untranslated). The limits are settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
and WAGTAILIMAGES_MAX_IMAGE_PIXELS (docs/security.md)."""

from django.template.defaultfilters import filesizeformat

from wagtail.images.forms import BaseImageForm


def megapixels(count) -> str:
    return f"{count / 1_000_000:.0f}" if isinstance(count, int) else "未知"


class TooManyPixelsMessage(str):
    """Wagtail formats the message with %(num_pixels)s and %(max_pixels_count)s."""

    def __mod__(self, values):
        return (
            f"图片像素过多（{megapixels(values.get('num_pixels'))} 百万像素），"
            f"最多 {megapixels(values.get('max_pixels_count'))} 百万像素。"
            "请先缩小图片（例如长边不超过 6000 像素）再上传。"
        )


class TooLargeMessage(str):
    def __mod__(self, values):
        return (
            f"文件太大（{values.get('file_size')}），最大 {values.get('max_filesize')}。"
            "请先压缩或缩小图片再上传。"
        )


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is None:
            return
        field.error_messages["file_too_many_pixels"] = TooManyPixelsMessage()
        field.error_messages["file_too_large"] = TooLargeMessage()
        if getattr(field, "max_upload_size", None):
            field.error_messages["file_too_large_unknown_size"] = (
                f"文件太大，最大 {filesizeformat(field.max_upload_size)}。"
            )
