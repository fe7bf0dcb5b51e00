"""Who may open a document of an organization's archive (docs/archive.md).

Every archive row says whether its document is public (公开) or for editors only
(仅编辑可见). A document is *restricted* when

- a row of any organization (either script) names it as editor-only: private wins, so a
  document filed twice, once by mistake as public, is still not served; or
- no row names it yet and it lies in the private archive collection, where the admin
  form puts the document of every editor-only row as soon as the editor saves, draft or
  not: the rows themselves reach the database only when the page is published (or first
  created), and until then nothing else would say the file is private.

A restricted document is served (Wagtail's document view, through the
`before_serve_document` hook) only to a user with access to the admin who may act on one
of the organizations whose archive holds it (access: `in_scope`), or, before any row
holds it, to the bureau and to whoever uploaded it. Everybody else gets a 404, which
does not even say that the document exists. The file itself is never reachable under
MEDIA_URL (core.views.serve_media, and the web server's configuration in README)."""

from django.db.models import Q

from wagtail.documents import get_document_model
from wagtail.models import Collection

from access.scope import allowed_region_codes, scoped

from .models import ArchiveDocument, OrganizationPage

PRIVATE_COLLECTION = "组织档案（仅编辑可见）"


def private_collection(create=True):
    """The collection of editor-only archive documents (below the root, so editors'
    collection permissions apply to it as to the root)."""
    collection = Collection.objects.filter(name=PRIVATE_COLLECTION).first()
    if collection is None and create:
        collection = Collection.get_first_root_node().add_child(name=PRIVATE_COLLECTION)
    return collection


def restricted_q():
    """A Q on documents: those that are restricted (module docstring)."""
    # Anything but 公开 counts as editor-only (the form and a database constraint allow
    # only the two values; this holds even if a third appeared).
    editor_only = ArchiveDocument.objects.exclude(visibility=ArchiveDocument.Visibility.PUBLIC)
    condition = Q(pk__in=editor_only.values("document"))
    collection = private_collection(create=False)
    if collection is not None:
        condition |= Q(collection=collection) & ~Q(
            pk__in=ArchiveDocument.objects.values("document")
        )
    return condition


def is_restricted(document):
    return get_document_model().objects.filter(pk=document.pk).filter(restricted_q()).exists()


def may_open(user, document):
    """Whether `user` may have `document` served."""
    if not is_restricted(document):
        return True
    if not user.is_authenticated or not user.has_perm("wagtailadmin.access_admin"):
        return False
    if allowed_region_codes(user) is None:  # the bureau, a superuser
        return True
    organizations = OrganizationPage.objects.filter(archive_documents__document=document)
    if organizations.exists():
        return scoped(organizations, user).exists()
    return document.uploaded_by_user_id == user.pk


def documents_for(documents, user):
    """`documents` without the restricted ones `user` may not open: what the admin's
    document chooser offers a street editor."""
    if allowed_region_codes(user) is None:
        return documents
    own_organizations = scoped(OrganizationPage.objects.all(), user)
    opened = Q(
        pk__in=ArchiveDocument.objects.filter(organization__in=own_organizations).values("document")
    ) | Q(uploaded_by_user=user)
    return documents.exclude(restricted_q() & ~opened)


def protect_editor_only_documents(formset):
    """Put the documents of the formset's editor-only rows into the private collection:
    called on every save of the organization form, draft or not (module docstring)."""
    if formset is None:
        return
    chosen = [
        form.cleaned_data["document"].pk
        for form in formset.forms
        if getattr(form, "cleaned_data", None)
        and not form.cleaned_data.get("DELETE")
        and form.cleaned_data.get("document") is not None
        and form.cleaned_data.get("visibility") == ArchiveDocument.Visibility.EDITORS
    ]
    if chosen:
        collection = private_collection()
        get_document_model().objects.filter(pk__in=chosen).exclude(collection=collection).update(
            collection=collection
        )


def public_archive(page):
    """The public documents of `page`'s archive (its own rows: a twin's are copies of its
    source's), grouped by kind in the order of the kinds: [(kind label, [rows])]."""
    restricted = get_document_model().objects.filter(restricted_q())
    rows = list(
        page.archive_documents.filter(visibility=ArchiveDocument.Visibility.PUBLIC)
        .exclude(document__in=restricted)
        .select_related("document")
    )
    groups = []
    for kind, label in ArchiveDocument.Kind.choices:
        of_kind = [row for row in rows if row.kind == kind]
        if of_kind:
            groups.append((label, of_kind))
    return groups
