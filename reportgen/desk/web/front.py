"""What waitress answers itself, before the desk sees a request — a body past its bound (413), a header past
its bound (431), a request it cannot parse (400), an application that failed before answering (500) — given
the desk's own page in Chinese (failures.py) in place of waitress's English text."""

from __future__ import annotations

from typing import Any

from waitress.channel import HTTPChannel
from waitress.server import BaseWSGIServer
from waitress.task import ErrorTask

from reportgen.desk.web import failures


class DeskErrorTask(ErrorTask):
    def execute(self) -> None:
        error = self.request.error
        body = failures.page(None, int(error.code)).content
        self.status = f"{error.code} {error.reason}"
        self.response_headers.extend([("Content-Type", "text/html; charset=utf-8")])
        self.set_close_on_finish()
        self.content_length = len(body)
        self.write(body)


class DeskChannel(HTTPChannel):
    error_task_class = DeskErrorTask


def desk_server(application: Any, **options: Any) -> Any:
    """waitress's server of ``application`` (create_server's options), its errors the desk's pages."""
    import waitress  # deferred: with the server

    server = waitress.create_server(application, **options)
    for each in [server] if isinstance(server, BaseWSGIServer) else list(server.map.values()):
        if isinstance(each, BaseWSGIServer):
            each.channel_class = DeskChannel
    return server
