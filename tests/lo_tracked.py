"""LibreOffice, driven through UNO: open DOCX files, accept or reject all tracked changes, save text.

Run by a Python that has LibreOffice's ``uno`` module (Debian: python3-uno, /usr/bin/python3),
not by the test interpreter:

    python3 tests/lo_tracked.py SOFFICE PROFILE_URL OUT_DIR MODE[+FORMAT…]:FILE.docx …

MODE is ``accept``, ``reject`` or ``keep``; each FILE is saved as OUT_DIR/<stem>.<mode>.txt, or, where
``+docx`` and ``+pdf`` follow the mode, as OUT_DIR/<stem>.<mode>.docx and .pdf (a round trip through
LibreOffice's own Word export, and its print; ``+txt`` adds the text). The
``--convert-to txt`` command line cannot do this: it writes the document with every change as
recorded, old and new text side by side.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]

COMMANDS = {"accept": ".uno:AcceptAllTrackedChanges", "reject": ".uno:RejectAllTrackedChanges", "keep": ""}
FILTERS = {"txt": ("Text (encoded)", "UTF8,LF,,,"), "docx": ("MS Word 2007 XML", ""), "pdf": ("writer_pdf_Export", "")}


def prop(name: str, value: object) -> PropertyValue:
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def main(soffice: str, profile: str, out_dir: str, jobs: list[str]) -> int:
    pipe = f"reportgen-{os.getpid()}"
    office = subprocess.Popen([soffice, f"-env:UserInstallation={profile}", "--headless", "--invisible", "--norestore",
                               "--nologo", f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"])
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        context = None
        for _ in range(240):
            try:
                context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except NoConnectException:
                time.sleep(0.25)
        if context is None:
            print("LibreOffice did not answer", file=sys.stderr)
            return 2
        manager = context.ServiceManager
        desktop = manager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        dispatcher = manager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
        for job in jobs:
            modes, _, path = job.partition(":")
            mode, *formats = modes.split("+")
            document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(path)), "_blank", 0,
                                                    (prop("Hidden", True),))
            if COMMANDS[mode]:
                frame = document.getCurrentController().getFrame()
                dispatcher.executeDispatch(frame, COMMANDS[mode], "", 0, ())
            stem = os.path.splitext(os.path.basename(path))[0]
            for suffix in formats or ["txt"]:
                target = os.path.abspath(os.path.join(out_dir, f"{stem}.{mode}.{suffix}"))
                name, options = FILTERS[suffix]
                document.storeToURL(uno.systemPathToFileUrl(target),
                                    (prop("FilterName", name), prop("FilterOptions", options)))
            document.close(True)
        try:
            desktop.terminate()
        except Exception:  # the bridge goes down with the office
            pass
        office.wait(timeout=60)
        return 0
    finally:
        if office.poll() is None:
            office.kill()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]))
