"""The desk's pages: the reviewer's (views: sign-in, the register, the roster, a document; decisions: verdicts,
return, acceptance, publication; notices: a return's 整改通知 and 问题表; page_views: an annotated page; progress:
the leaders' progress page and the units to chase; published: the published document against the approved one), the
department's through its link (department), the Jinja2 environment (pages), sign-in bounded (attempts), the
request body bounded (bounded) and every error page the desk's own (failures; front: waitress's). Built on the
record and the queue."""
