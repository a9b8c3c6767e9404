"""The desk's routes (each named, for templates' url() and the tests)."""

from __future__ import annotations

from django.shortcuts import redirect
from django.urls import path

from reportgen.desk.web import decisions, department, progress, published, views

handler400 = "reportgen.desk.web.failures.bad_request"
handler403 = "reportgen.desk.web.failures.forbidden"
handler404 = "reportgen.desk.web.failures.not_found"
handler500 = "reportgen.desk.web.failures.server_error"

urlpatterns = [
    path("", lambda request: redirect("register"), name="home"),
    path("login", views.sign_in, name="login"),
    path("logout", views.sign_out, name="logout"),
    path("register", views.register_page, name="register"),
    path("register/inspection.html", views.inspection, name="inspection"),
    path("register/inspection.<str:form>", views.inspection_file, name="inspection_file"),
    path("roster", views.import_roster, name="roster"),
    path("member/<int:member_id>", views.member_page, name="member"),
    path("member/<int:member_id>/link", views.new_link, name="new_link"),
    path("document/<int:submission_id>", views.document_page, name="document"),
    path("document/<int:submission_id>/verdicts", decisions.verdicts, name="verdicts"),
    path("document/<int:submission_id>/return", decisions.return_document, name="return"),
    path("document/<int:submission_id>/accept", decisions.accept, name="accept"),
    path("document/<int:submission_id>/take", decisions.take, name="take"),
    path("document/<int:submission_id>/publish", decisions.publish, name="publish"),
    path("document/<int:submission_id>/page/<int:page>", views.annotated_page, name="page"),
    path("document/<int:submission_id>/page/<int:page>.png", views.annotated_image, name="page_image"),
    path("document/<int:submission_id>/<str:what>", views.stored_file, name="file"),
    path("progress", progress.progress_page, name="progress"),
    path("progress/chase.<str:form>", progress.chase_export, name="chase_export"),
    path("published", published.check_page, name="published"),
    path("precision", views.precision_page, name="precision"),
    path("precision.<str:form>", views.precision_export, name="precision_export"),
    path("s/<str:token>", department.department_page, name="department"),
    path("s/<str:token>/upload", department.upload, name="upload"),
    path("s/<str:token>/document/<int:submission_id>", department.department_document, name="department_document"),
    path("s/<str:token>/document/<int:submission_id>/page/<int:page>", department.department_page_view,
         name="department_page"),
    path("s/<str:token>/document/<int:submission_id>/page/<int:page>.png", department.department_image,
         name="department_page_image"),
    path("s/<str:token>/document/<int:submission_id>/<str:what>", department.department_file, name="department_file"),
]
