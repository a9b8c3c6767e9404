"""The paperwork a review hands back, above the judging (reportgen.review), which imports none of it: many
documents reviewed in turn and their pages, the annotated copy of a PDF, the 整改 notice, the roster's register.

Its face (``module.name``: a function named as its module, which the package offers as that module):

    review_all, default_jobs, Task, Progress, Done   documents reviewed by workers, each result as it is done (batch)
    document_files, summary_page_of, annotated_copy, copy_name
                                                    what `review -o` writes of a document, and the summary (pages)
    annotated_pdf                                   a PDF's copy with its findings boxed and a legend page (annotated)
    notice, notice_docx, Issued                     the 整改 notice handed back, and who issues it (handback)
    listed                                          a document's findings in the order a reader meets them (listing)
    Mark                                            a listed finding's number and its boxes on its page (places)
    register.register, known, Register              the roster's rows against the documents reviewed (register)
    read_roster, Member, RosterRefused              the roster of who must publish, and when (roster)
    tally.tally, verdict                            the documents counted by their 结论 (tally)
    inspection.inspection                           the 检查表 of one document (inspection)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportgen.base.faces import face

if TYPE_CHECKING:
    from reportgen.paperwork.annotated import annotated_pdf as annotated_pdf
    from reportgen.paperwork.batch import Done as Done
    from reportgen.paperwork.batch import Progress as Progress
    from reportgen.paperwork.batch import Task as Task
    from reportgen.paperwork.batch import default_jobs as default_jobs
    from reportgen.paperwork.batch import review_all as review_all
    from reportgen.paperwork.handback import Issued as Issued
    from reportgen.paperwork.handback import notice as notice
    from reportgen.paperwork.handback import notice_docx as notice_docx
    from reportgen.paperwork.listing import listed as listed
    from reportgen.paperwork.pages import annotated_copy as annotated_copy
    from reportgen.paperwork.pages import copy_name as copy_name
    from reportgen.paperwork.pages import document_files as document_files
    from reportgen.paperwork.pages import summary_page_of as summary_page_of
    from reportgen.paperwork.places import Mark as Mark
    from reportgen.paperwork.register import Register as Register
    from reportgen.paperwork.register import known as known
    from reportgen.paperwork.roster import Member as Member
    from reportgen.paperwork.roster import RosterRefused as RosterRefused
    from reportgen.paperwork.roster import read_roster as read_roster
    from reportgen.paperwork.tally import verdict as verdict

__all__, __getattr__ = face(__name__, {
    "batch": ("review_all", "default_jobs", "Task", "Progress", "Done",),
    "pages": ("document_files", "summary_page_of", "annotated_copy", "copy_name",),
    "annotated": ("annotated_pdf",),
    "handback": ("notice", "notice_docx", "Issued",),
    "listing": ("listed",),
    "places": ("Mark",),
    "register": ("known", "Register",),
    "roster": ("read_roster", "Member", "RosterRefused",),
    "tally": ("verdict",),
})
