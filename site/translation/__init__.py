"""The zh-hans → zh-hant machinery: an OpenCC machine translator for wagtail-localize and
the sync that keeps every traditional page and snippet following its simplified source."""
