"""Every error the desk answers is its own page, in Chinese: Django's handlers for a request it cannot take
(400: a Host it does not answer to, a form past its bound), may not (403), does not know (404: no such page, a
revoked submission link, a file no longer in the store) or failed on (500), and a response its views give
without a body (a 405, a bare 404) — the page refused.html.j2 with what happened and what to do."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import DisallowedHost, RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from reportgen.desk.record.store import too_large

NOT_FOUND = "没有这个页面：地址有误，或它已不在审核台。请从审核台的页面上点开链接"
REVOKED = "这个报送链接已作废或有误：审核单位可能重新生成了链接。请使用审核单位最新发给你的链接"
SAID = {
    400: "请求的格式不对或不完整，未处理：请回到上一页，刷新后再操作",
    403: "没有权限做这件事，未处理：请先登录，或回到上一页",
    405: "这个地址不接受这样的请求，未处理：请从审核台的页面上操作",
    413: "提交的内容太大，未接收：请提交公开文本本身（PDF、Word 文档或工作簿）",
    431: "请求头太大，未处理：请清除浏览器中这个网站的 Cookie 后再试",
    500: "审核台内部出错，这次操作没有完成：请稍后再试；一再出现时，请告知审核台的管理人员",
}
PLAIN = ('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>未处理 · 审核台</title></head>'
         '<body><p role="alert" id="refused">{}</p></body></html>')


def said(status: int) -> str:
    if status == 413:
        return too_large(int(settings.DESK_MAX_UPLOAD))
    return SAID.get(status, f"请求未能处理（{status}）：请回到上一页，刷新后再操作")


def page(request: HttpRequest | None, status: int, message: str = "") -> HttpResponse:
    """The desk's page for ``status``; a plain page of the same words when the page itself cannot be made."""
    message = message or said(status)
    try:
        body = render_to_string("refused.html.j2", {"message": message}, request=request)
    except Exception:  # noqa: BLE001 - an error page must never fail: the words without the frame
        body = PLAIN.format(message)
    return HttpResponse(body, status=status, content_type="text/html; charset=utf-8")


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if isinstance(exception, DisallowedHost):
        return page(None, 400, "审核台不接受这个地址（Host）的请求：请使用审核单位告知的网址")
    if isinstance(exception, RequestDataTooBig):
        return page(request, 413)
    return page(request, 400)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return page(request, 403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return page(request, 404, REVOKED if request.path.startswith("/s/") else NOT_FOUND)


def server_error(request: HttpRequest) -> HttpResponse:
    return page(request, 500)


def error_pages(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    """A response a view gave without a body (a 405 of require_POST, a bare 404) given the desk's page."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if response.status_code < 400 or response.streaming or response.content:
            return response
        if response.status_code == 404:
            return not_found(request)
        shown = page(request, response.status_code)
        if response.has_header("Allow"):
            shown["Allow"] = response["Allow"]
        return shown

    return middleware


def known_host(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    """Every request's Host checked against the desk's names (settings.Site) before anything answers it: one
    it does not answer to is refused (DisallowedHost: 400), a GET as a POST."""

    def middleware(request: HttpRequest) -> HttpResponse:
        request.get_host()
        return get_response(request)

    return middleware
