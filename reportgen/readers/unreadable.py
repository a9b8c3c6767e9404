"""The one refusal of a published file (readers/published.py): a Chinese message naming the file."""

from __future__ import annotations

from reportgen.readers.grid import ImportRefused


class Unreadable(ImportRefused):
    """A published file that cannot be read: ``reason`` (Chinese) says why and what to do, ``file``
    names it. An ImportRefused, so that the import tells it as it tells any file it cannot import;
    a review tells ``reason`` as a finding on ``file``."""

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(f"{file}：{reason}")
        self.file = file
        self.reason = reason
        self.kind = ""  # what its bytes are, where they were told before it was refused ("pdf" …)

    def told(self) -> tuple[list[str], str]:
        """Its message, which names the file itself (“F：why”), told as it is — not after the file again."""
        return [str(line) for line in self.details], self.message

    @classmethod
    def of(cls, refused: ImportRefused, file: str) -> Unreadable:
        """A format reader's refusal (its message names the file first, as ``file：why``) as the one."""
        if isinstance(refused, Unreadable):
            return refused
        message = refused.message
        for named in (f"{file}：", f"{file}:"):
            if message.startswith(named):
                return cls(file, message[len(named):])
        if message.startswith(f"{file} "):  # “F 的工作表“表1”：……”: it names the file, and the place in it
            told = cls(file, message[len(file) + 1:])
            told.message, told.args = message, (message,)
            return told
        return cls(file, message)
