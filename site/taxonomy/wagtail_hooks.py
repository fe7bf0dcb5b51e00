from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .choosers import RegionChooserViewSet
from .models import Category, Region


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    menu_label = "区域"
    list_display = ["name", "code", "level", "parent"]
    list_filter = ["level", "locale"]
    search_fields = ["name", "code"]
    ordering = ["code"]
    chooser_viewset_class = RegionChooserViewSet
    chooser_per_page = 50


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "tag"
    menu_label = "类别"
    list_display = ["name", "slug", "sort_order"]
    list_filter = ["locale"]


class ReferenceListGroup(SnippetViewSetGroup):
    menu_label = "区域与类别"
    menu_icon = "folder-open-inverse"
    menu_order = 210
    items = (RegionViewSet, CategoryViewSet)


register_snippet(ReferenceListGroup)
