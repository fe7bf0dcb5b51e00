"""The licence of the open data (the data page, the bulk files' manifest, docs/open-data.md).

CC BY 4.0: anyone may copy, share, adapt and use the data, commercially too, and must
name the source. It is what the 360Giving Data Standard asks publishers for, and it says
in an internationally known form what government open-data terms in China usually say
("可自由复制、传播和使用，须注明来源")."""

from django.utils.translation import gettext_lazy as _

LICENCE_NAME = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.zh-hans"
LICENCE_SUMMARY = _(
    "You may freely copy, share, adapt and use the data, commercially too, provided you "
    "name the source: this platform and the address of the data."
)
