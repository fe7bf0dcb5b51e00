"""List pages whose rows can be downloaded: the page's own URL with ?format=csv, xlsx or
json (and the dataset's own formats) gives every row the page's filters select, in the
page's script."""

from .exports import download_links, export_response, requested_format
from .registry import get_dataset


def valid_filters(filterset):
    """The filters a download applied, for its JSON head (invalid ones are left out)."""
    filterset.is_valid()
    return {
        name: str(value)
        for name, value in filterset.form.cleaned_data.items()
        if value not in (None, "", [])
    }


def serve_download(page, request, dataset, fmt):
    """`dataset`'s rows that the request's filters select, as `fmt`, in `page`'s script."""
    filterset = dataset.filterset(request.GET, request=request)
    return export_response(
        request,
        dataset,
        filterset.qs,
        fmt,
        page.locale.language_code,
        filters=valid_filters(filterset),
    )


class DownloadableListMixin:
    """For a Wagtail page that lists a dataset's rows (`dataset_key`)."""

    dataset_key = None

    @property
    def dataset(self):
        return get_dataset(self.dataset_key)

    def serve(self, request, *args, **kwargs):
        fmt = requested_format(request, self.dataset)
        if fmt:
            return self.serve_download(request, fmt)
        return super().serve(request, *args, **kwargs)

    def serve_download(self, request, fmt):
        return serve_download(self, request, self.dataset, fmt)

    def download_links(self, request, dataset=None):
        return download_links(request, dataset or self.dataset)
