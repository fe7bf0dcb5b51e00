"""The client's address, found one way for the whole site (the API's rate limit, the
objection form's): behind `NUM_PROXIES` reverse proxies, the address the last of them
appended to X-Forwarded-For; with none, REMOTE_ADDR.

A client can write any X-Forwarded-For it likes, and each proxy appends the address it
saw, so only the last `NUM_PROXIES` entries are trustworthy: counting from the end, the
one our outermost proxy added is the client's. Trusting the whole header (DRF's default
without NUM_PROXIES) would let a client choose a new address at each request.
"""

from django.conf import settings


def client_address(request) -> str:
    remote_addr = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    num_proxies = settings.NUM_PROXIES
    if num_proxies <= 0 or not forwarded:
        return remote_addr
    addresses = [address.strip() for address in forwarded.split(",")]
    return addresses[-min(num_proxies, len(addresses))] or remote_addr
