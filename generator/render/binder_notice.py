"""The one-page PDF `playbook serve` (and a build with `binder: false`) publishes in the binder's place.

Laying the binder out takes seconds (minutes at a thousand playbooks), so the
live preview does not; its download link still opens a PDF, which says where
the binder comes from. Written by hand (a standard PDF font, no layout
engine) so it costs nothing on a rebuild; its text is fixed, never content.
"""
from __future__ import annotations

from .html import DOWNLOADS

MEDIA_BOXES = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}
LINES = (
    (18, "The printed binder is not part of this build"),
    (11, ""),
    (11, "Laying the binder out takes seconds, and minutes for large runbooks, so the"),
    (11, "live preview (playbook serve) leaves it out, as do builds whose mkdocs.yml"),
    (11, "sets binder: false for the playbooks plugin. To get the binder, run one of:"),
    (11, ""),
    (11, f"    playbook build           (writes site/{DOWNLOADS['binder']})"),
    (11, "    playbook binder --out binder.pdf"),
    (11, ""),
    (11, f"The one-file offline copy, {DOWNLOADS['bundle']}, is current in this preview."),
)


def _text_stream(height: float) -> bytes:
    y, commands = height - 72, ["BT"]
    for size, text in LINES:
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        commands.append(f"/F1 {size} Tf 1 0 0 1 56 {y:.1f} Tm ({escaped}) Tj")
        y -= size * 1.6
    commands.append("ET")
    return "\n".join(commands).encode("latin-1")


def notice_pdf(paper: str = "a4") -> bytes:
    """A one-page PDF explaining that `playbook build` produces the binder."""
    width, height = MEDIA_BOXES.get(paper, MEDIA_BOXES["a4"])
    stream = _text_stream(height)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] "
         f"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>").encode(),
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Title (Binder not part of this build) /Creator (playbook) >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
