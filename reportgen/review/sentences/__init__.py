"""A draft's sentences judged: each figure they state against the source (its glossary of names: reportgen.review.glossary), and what the
sentences say against each other; below the review of a document (reportgen.review), which reads them.

Its face (``module.name``: a function named as its module, which the package offers as that module):

    judge.judge, Verdict, printed_cells        each stated figure against the source (judge)
    borne_out, completions_borne_out           a sentence's own figures against each other (consistency)
    sentence_findings_of, Said                 the sentence rules, registered (sentence_rules)
    consistent_of                              an item's change against the prior its sentence states (prior_rates)
    partition_findings                         a whole and all its parts, said together (partitions)
    repeated_sentences, items_against_their_list
                                               a sentence printed again but one figure; parts taken up one by one
                                               (repeated)
    tie_listed_parts                           the parts a sentence lists, adding up to its amount (listed)
    name_subjects                              what each figure speaks of, where no table measures it (subjects)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportgen.base.faces import face

if TYPE_CHECKING:
    from reportgen.review.sentences.consistency import borne_out as borne_out
    from reportgen.review.sentences.consistency import completions_borne_out as completions_borne_out
    from reportgen.review.sentences.judge import Verdict as Verdict
    from reportgen.review.sentences.judge import printed_cells as printed_cells
    from reportgen.review.sentences.listed import tie_listed_parts as tie_listed_parts
    from reportgen.review.sentences.partitions import partition_findings as partition_findings
    from reportgen.review.sentences.prior_rates import consistent_of as consistent_of
    from reportgen.review.sentences.repeated import items_against_their_list as items_against_their_list
    from reportgen.review.sentences.repeated import repeated_sentences as repeated_sentences
    from reportgen.review.sentences.sentence_rules import Said as Said
    from reportgen.review.sentences.sentence_rules import sentence_findings_of as sentence_findings_of
    from reportgen.review.sentences.subjects import name_subjects as name_subjects

__all__, __getattr__ = face(__name__, {
    "judge": ("Verdict", "printed_cells",),
    "consistency": ("borne_out", "completions_borne_out",),
    "sentence_rules": ("sentence_findings_of", "Said",),
    "prior_rates": ("consistent_of",),
    "partitions": ("partition_findings",),
    "repeated": ("repeated_sentences", "items_against_their_list",),
    "listed": ("tie_listed_parts",),
    "subjects": ("name_subjects",),
})
