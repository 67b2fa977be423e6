"""The emulator's route table: which product, version and handler answer a path.

Every request path is ``/{product}/{version}/{appKeys|appkeys}/{appKey}/{rest}``;
each product lists its routes (method and a pattern of ``rest``). The
endpoint registry test checks every declared endpoint against
:func:`route_for`.
"""

from __future__ import annotations

import re

from . import (
    _brand,
    _kakao,
    _management_brand,
    _management_kakao,
    _management_sms,
    _management_stats,
    _sms,
    _sms_results,
)
from ._common import (
    ApiFailure,
    Namespace,
    WireReply,
    WireRequest,
    failure_reply,
    header,
    json_reply,
)
from ._state import Route, State

__all__ = ["PRODUCTS", "answer", "classify", "route_for"]

PREFIX = re.compile(
    r"/(sms|alimtalk|friendtalk|brand-message|common)/([^/]+)/(appKeys|appkeys)/([^/]+)(?:/(.*?))?/?"
)


class Product:
    def __init__(self, service: str, version: str, word: str, routes: tuple[Route, ...]) -> None:
        self.service = service
        self.version = version
        self.word = word
        self.routes = routes

    @property
    def namespace(self) -> Namespace:
        return "sms" if self.service == "sms" else "kakao"


PRODUCTS = {
    "sms": Product(
        "sms",
        "v3.0",
        "appKeys",
        _management_sms.ROUTES + _management_stats.SMS_ROUTES + _sms.ROUTES + _sms_results.ROUTES,
    ),
    "alimtalk": Product(
        "alimtalk", "v2.3", "appkeys", _management_kakao.ALIMTALK_ROUTES + _kakao.ALIMTALK_ROUTES
    ),
    "friendtalk": Product("friendtalk", "v2.4", "appkeys", _kakao.FRIENDTALK_ROUTES),
    "brand-message": Product(
        "brand",
        "v1.0",
        "appkeys",
        _management_kakao.BRAND_ROUTES + _management_brand.ROUTES + _brand.ROUTES,
    ),
    # The KakaoTalk Bizmessage common API (statistics), on the KakaoTalk app key.
    "common": Product("common", "v2.2", "appkeys", _management_stats.COMMON_ROUTES),
}


def route_for(method: str, path: str) -> Route | None:
    """The route answering ``method path`` (a full path with the app key), if any."""
    found = PREFIX.fullmatch(path)
    product = PRODUCTS.get(found.group(1)) if found else None
    if found is None or product is None or found.group(2) != product.version:
        return None
    subpath = found.group(5) or ""
    return next((r for r in product.routes if r.match(method, subpath) is not None), None)


def classify(path: str) -> tuple[str, Namespace]:
    """The emulated service and code namespace a request path belongs to."""
    found = PREFIX.fullmatch(path)
    product = PRODUCTS.get(found.group(1)) if found else None
    if product is None:
        return "unknown", "kakao" if "kakao" in path else "sms"
    return product.service, product.namespace


def answer(state: State, request: WireRequest) -> WireReply:
    """Check the product, version, app key and secret, then run the matching route."""
    found = PREFIX.fullmatch(request.path)
    if found is None:
        return json_reply({"header": header("sms", -9998), "body": None}, 404)
    product = PRODUCTS[found.group(1)]
    version, word, app_key, subpath = found.group(2, 3, 4, 5)
    namespace = product.namespace
    try:
        if word != product.word:
            raise ApiFailure(-9998, status=404)
        if version != product.version:
            raise ApiFailure(-9995)
        sms = product.service == "sms"
        expected_key = state.sms_app_key if sms else state.kakao_app_key
        secret = state.sms_secret_key if sms else state.kakao_secret_key
        if app_key != expected_key:
            raise ApiFailure(-1000)
        if request.header("X-Secret-Key") != secret:
            raise ApiFailure(-1000 if sms else -1001)
        for route in product.routes:
            groups = route.match(request.method, subpath or "")
            if groups is None:
                continue
            if route.body == "json":
                content_type = (request.header("Content-Type") or "").lower()
                if not content_type.startswith("application/json"):
                    raise ApiFailure(-9996)
            state.settle()
            return route.handler(state, request, groups)
        raise ApiFailure(-9998, status=404)
    except ApiFailure as failure:
        return failure_reply(namespace, failure)
