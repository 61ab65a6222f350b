"""Files a participant handed in (the case tracker's paper as PDF or Word), kept in
the platform's configured file storage (Django's `default_storage`: the LMS's
media storage, S3 or a disk). The file is the participant's artefact: its
metadata (path, name, size, type, sha256) is part of a record written through
`submissions.api`, under the key `file`; the storage holds the bytes under a
path without names (`PREFIX` + a random id + the type's extension).

When a record's copy leaves our tables (a staff removal, "Delete learner's
state", a retirement: artefacts.clear, group_records.forget / erase), the files
its data names go too, once the transaction that removed the copy commits.
"""
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

PREFIX = "leergang/papers/"


def save(name, content):
    """Store `content` (bytes) under `name` (below PREFIX); returns the path the storage chose."""
    if not name.startswith(PREFIX):
        raise ValueError("participant files live below " + PREFIX)
    return default_storage.save(name, ContentFile(content))


def open_file(path):
    """The stored file, opened for reading (the caller closes it); None when it is gone."""
    if not is_ours(path) or not default_storage.exists(path):
        return None
    return default_storage.open(path, "rb")


def exists(path):
    return is_ours(path) and default_storage.exists(path)


def is_ours(path):
    return isinstance(path, str) and path.startswith(PREFIX) and ".." not in path


def paths_in(datas):
    """The stored files the records' data name (only paths below PREFIX)."""
    for data in datas:
        described = data.get("file") if isinstance(data, dict) else None
        path = described.get("path") if isinstance(described, dict) else None
        if is_ours(path):
            yield path


def delete(paths):
    """Remove these files now (a handler that stored a file and then refused)."""
    for path in set(paths):
        if is_ours(path):
            default_storage.delete(path)


def delete_after_commit(paths):
    """Remove these files once the removal of their records is committed (at once
    outside a transaction); a rolled-back removal keeps them."""
    paths = sorted(set(paths))
    if paths:
        transaction.on_commit(lambda: delete(paths))


def delete_all():
    """Every participant file (the demo's "Reset state"; never called in the LMS)."""
    try:
        _dirs, files = default_storage.listdir(PREFIX)
    except (FileNotFoundError, NotImplementedError):
        return
    delete(PREFIX + name for name in files)
