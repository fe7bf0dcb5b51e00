"""StreamField blocks shared by several page types."""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        label = "小标题"
        template = "core/blocks/heading.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label="图片")
    caption = blocks.CharBlock(required=False, label="图片说明")

    class Meta:
        icon = "image"
        label = "图片"
        template = "core/blocks/captioned_image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="引文")
    attribution = blocks.CharBlock(required=False, label="出处")

    class Meta:
        icon = "openquote"
        label = "引用"
        template = "core/blocks/quote.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="文件")
    title = blocks.CharBlock(required=False, label="显示名称", help_text="留空则使用文件标题")

    class Meta:
        icon = "doc-full"
        label = "附件下载"
        template = "core/blocks/document_link.html"


class BodyBlock(blocks.StreamBlock):
    """Article body used by policy, notice and case pages."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label="正文段落")
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    document = DocumentLinkBlock()

    class Meta:
        label = "正文"
