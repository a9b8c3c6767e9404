"""The layout a published document shows, learned as it is imported (``reportgen import … --learn-layout DIR``,
issue 80): its parts, headings and tables (learned_layout; the tables, in tables/: listed with their numbers, learned_table_numbers;
their shapes, learned_table_shapes; how they show their figures, learned_table_display; a 决算's, learned_final_tables;
the headings, learned_headings), its sentences with the source's fields in place of their figures (learned_words: the
sentences read by published_sentences, each traced by sentence_tracing to the fields of sentence_fields; a list of every
line: learned_lines; the 正文金额 and changes only the narrative states: learned_amounts, learned_priors,
narrative_fields; why a sentence stays as printed: untraced_reasons), the spending by use a 收支 table prints
(learned_uses). Above the import's pipeline: it reads what the import made and the document's
lines; nothing of the import reaches it.

Its face (``module.name``: a function named as its module, which the package offers as that module):

    learn, staged, write_layout        the layout learned, and the folder it is written to whole or not at all
    words_line                         what the learned words hold, in one line of the import's summary (learned_words)
    with_amounts                       the source with the 正文金额 learning wrote (learned_amounts)
    with_priors                        the source with the changes of fields learning wrote (learned_priors)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportgen.base.faces import face

if TYPE_CHECKING:
    from reportgen.importing.learning.learned_amounts import with_amounts as with_amounts
    from reportgen.importing.learning.learned_layout import learn as learn
    from reportgen.importing.learning.learned_layout import staged as staged
    from reportgen.importing.learning.learned_layout import write_layout as write_layout
    from reportgen.importing.learning.learned_priors import with_priors as with_priors
    from reportgen.importing.learning.learned_words import words_line as words_line

__all__, __getattr__ = face(__name__, {
    "learned_layout": ("learn", "staged", "write_layout"),
    "learned_words": ("words_line",),
    "learned_amounts": ("with_amounts",),
    "learned_priors": ("with_priors",),
})
