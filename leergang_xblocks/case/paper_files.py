"""The final paper as a file: what is accepted and how it is kept.

Accepted are PDF and Word (.docx), recognised by their content, never by the
name a participant gave the file: a PDF starts with `%PDF-`; a .docx is a zip
archive that holds `word/document.xml`. A renamed program, an empty file or a
file over the author's limit is refused with a sentence at the file field.

The bytes go to the platform's configured storage (stores/api/stored_files.py)
under a path without names; the record of the paper version (an artefact in
edx-submissions) keeps the path, the name shown for downloads, the size, the
type and a sha256 of the content.
"""
import base64
import binascii
import hashlib
import io
import re
import unicodedata
import uuid
import zipfile
from urllib.parse import quote

from webob import Response

from ..core.handlers import HandlerError
from ..core.i18n import _
from ..stores.api import stored_files

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXTENSIONS = {PDF: ".pdf", DOCX: ".docx"}
DEFAULT_MAX_MB = 10
MAX_MB = 25            # the highest limit an author can set
# The request carries the file as base64 (4 bytes for every 3) beside the paper's texts.
MAX_UPLOAD_BODY = (MAX_MB * 1024 * 1024) * 4 // 3 + 4 * 20_000 * 6 + 64 * 1024
MAX_NAME = 200


def decode(encoded):
    try:
        return base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise HandlerError(400, "bad_file", _("The file could not be read. Choose it again and hand it in."),
                           field="file") from exc


def content_type(content):
    """PDF or DOCX by what the file holds, or None."""
    if content.startswith(b"%PDF-"):
        return PDF
    if content.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                if "word/document.xml" in archive.namelist():
                    return DOCX
        except (zipfile.BadZipFile, ValueError, OSError):
            return None
    return None


def received(upload, max_mb):
    """(name, content, type) of the file a request carries: a form's file part (`Upload`,
    as the page sends it) or, from programs, `{"name", "data": base64}` in the JSON body.
    A refusal at the file field when it is empty, too large or neither PDF nor .docx."""
    limit = max_mb * 1024 * 1024
    if isinstance(upload, dict):
        # A quick bound before decoding: the base64 text of a file over the limit is longer still.
        if len(upload["data"]) > limit * 4 // 3 + 4:
            raise _too_large(max_mb)
        name, content = upload["name"], decode(upload["data"])
    else:
        name, content = upload.name[:MAX_NAME], upload.stream.read(limit + 1)
    return (name,) + checked(content, max_mb)


def checked(content, max_mb):
    """(content, type) of a file's bytes, or a refusal at the file field."""
    if not content:
        raise HandlerError(400, "empty_file", _("The file is empty. Choose the file with your paper."),
                           field="file")
    if len(content) > max_mb * 1024 * 1024:
        raise _too_large(max_mb)
    kind = content_type(content)
    if kind is None:
        raise HandlerError(415, "file_type", _("Hand in the paper as a PDF or a Word document (.docx). "
                                               "This file is neither."), field="file")
    return content, kind


def _too_large(max_mb):
    return HandlerError(413, "file_too_large", _("The file is larger than %(max)s MB. Make it smaller (for "
                                                 "example save it as PDF without large pictures)."),
                        field="file", max=max_mb)


def shown_name(name, kind):
    """The name a download offers: the participant's own, tidied, with the type's extension."""
    base = unicodedata.normalize("NFC", name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    base = re.sub(r"[\x00-\x1f\x7f\"<>|:*?]", "", base).strip(" .")[:MAX_NAME]
    stem = re.sub(r"\.(pdf|docx)$", "", base, flags=re.IGNORECASE) or "paper"
    return stem + EXTENSIONS[kind]


def kind_text(kind):
    """The type as people call it: "PDF" or "Word"."""
    return "PDF" if kind == PDF else "Word"


def size_text(size, language="en"):
    """'1.5 MB' / '1,5 MB' (nl), or 'n KB' under a megabyte."""
    if size >= 1024 * 1024:
        number = f"{size / (1024 * 1024):.1f}"
        return f"{number.replace('.', ',') if language == 'nl' else number} MB"
    return f"{max(1, size // 1024)} KB"


def store(name, content, kind):
    """Keep the file; returns its description for the paper's record."""
    path = stored_files.save(f"{stored_files.PREFIX}{uuid.uuid4().hex}{EXTENSIONS[kind]}", content)
    return {"path": path, "name": shown_name(name, kind), "size": len(content), "type": kind,
            "sha256": hashlib.sha256(content).hexdigest()}


def download(described):
    """The stored file as a download, or a refusal when it is gone."""
    handle = stored_files.open_file(described.get("path"))
    if handle is None:
        raise HandlerError(404, "no_file", _("This file is no longer stored."))
    with handle:
        content = handle.read()
    name = described.get("name") or "paper" + EXTENSIONS.get(described.get("type"), "")
    ascii_name = name.encode("ascii", "ignore").decode() or "paper"
    response = Response(body=content, content_type=described.get("type") if described.get("type") in EXTENSIONS
                        else "application/octet-stream")
    response.headers["Content-Disposition"] = (f'attachment; filename="{ascii_name}"; '
                                               f"filename*=UTF-8''{quote(name)}")
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response
