"""What the OpenAPI schema describes: /api/v1/ only."""

PREFIX = "/api/v1/"


def only_open_data(endpoints, **kwargs):
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(PREFIX)]
