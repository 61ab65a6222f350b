"""JSON handlers: one decorator that every block's handler goes through.

It turns a request into checked data and a return value into a JSON response,
so that every handler refuses bad input the same way: a 4xx status, a body of
`{"error": {"code": ..., "message": ...}}`, and nothing changed. A refusal about
particular fields also carries `problems`: `[{"field", "code", "message"}]`, each
message a sentence for the person at that field (never a path or a key), which
the page shows next to the field (leergang_core.js `showError`).

    @json_handler(Object({"answers": MapOf(Str(64), Int())}))
    def submit(self, data, identity):
        ...
        return {"ok": True}

A declared shape (core/validation.py: pydantic, strict) lists types, required
keys and limits; every problem is reported at once with its path. Bodies
larger than `max_body` bytes are refused before they are parsed.

A handler that changes participant data declares `writes=True`: it then runs
inside `storage.participant_write` (one transaction that first locks this
participant's row for this block), its checks and writes happen there, and the
block's changed fields are saved inside that step too. See core/storage.py for
the rule.
"""
import functools
import json
import logging

from webob import Response

from ..stores.api import participants
from . import platform, storage
from .platform import current_identity
from .validation import (AnyJSON, BadJSON, Bool, Choice, Int, Invalid, ListOf, MapOf, Nullable,  # noqa: F401
                         Object, Optional, Problem, Str, for_person, path_text, translated,
                         translated_at_field)

log = logging.getLogger(__name__)

DEFAULT_MAX_BODY = 64 * 1024
# Set on the block (built for this request) once its participant step has noted the
# writer in the Participant table: the anonymous id noted.
NOTED_IN_STEP = "_leergang_noted_in_step"
_ = lambda text: text  # noqa: E731  marks strings for extraction; translated at response time


class HandlerError(Exception):
    """A refusal with a status, a stable code for programs and a message for people.

    `message` is an English source string, translated when the response is made;
    `params` are interpolated after translation. `data` (a dict) goes into the
    body as `error.data`, for a program that acts on the refusal (the counts a
    confirmation asks about). `field` names the field the refusal is about
    (as the request names it: "text", "actions[0].due"), so the page can show
    the message next to it.
    """

    def __init__(self, status, code, message, *, data=None, field=None, **params):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.params = params
        self.data = data
        self.field = field


class ShapeError(Exception):
    """A problem a handler finds in checked data itself, with the path it is about."""

    def __init__(self, path, message, **params):
        super().__init__(message)
        self.path = path
        self.message = message
        self.params = params


# --- Shapes ---------------------------------------------------------------
# Declared with core/validation.py's vocabulary (pydantic v2, strict): the
# docs/developers.md ("Input checking") says why pydantic and not our own checker.

EMPTY = Object({})


# --- The decorator ----------------------------------------------------------

def json_response(payload, status=200):
    return Response(
        body=json.dumps(payload, ensure_ascii=False).encode("utf-8"),
        status=status,
        content_type="application/json",
        charset="utf-8",
    )


def error_response(block, status, code, message, *, problems=None, studio=False, data=None, field=None,
                   **params):
    """The error body: `{"error": {"code", "message"}}`.

    `problems` (pairs of path and translated text) are joined into the message.
    `studio=True` adds `messages`, the list Studio's editor script shows
    (xblock/utils/public/studio_edit.js reads `error.messages[].text`; a bare
    `{"code", "message"}` object would show as "[object Object]"), each with
    the `path` of the value it is about. `field`: the one field a refusal is
    about, given to the page as a problem of its own.
    """
    text = _translate(block, message)
    if params:
        text = text % params
    problems = list(problems) if problems else [("", text)]
    error = {"code": code, "message": "\n".join(item for _, item in problems)}
    if studio:
        error["messages"] = [{"type": "error", "text": item, "path": path} for path, item in problems]
    elif field is not None:
        error["problems"] = [{"field": field, "code": code, "message": text}]
    if data:
        error["data"] = data
    return json_response({"error": error}, status=status)


def _translate(block, message):
    return block.translate(message) if hasattr(block, "translate") else message


def problems_response(block, problems):
    """A shape refusal for a person at a form: one sentence per problem, each with
    its field and code, and the sentences (each once) as the message."""
    listed = [{"field": p.field_name(), "code": p.code, "message": for_person(p, lambda t: _translate(block, t))}
              for p in problems]
    sentences = list(dict.fromkeys(item["message"] for item in listed))
    return json_response({"error": {"code": "invalid", "message": "\n".join(sentences), "problems": listed}},
                         status=400)


def _discard_unsaved_changes(block):
    """Forget field changes made in memory so the runtime's save writes nothing.

    The runtime saves a block's dirty fields after every handler call, even one
    that returns an error; without this, a handler that failed half-way could
    leave half its changes behind.
    """
    for field in list(getattr(block, "_dirty_fields", {})):
        block._field_data_cache.pop(field.name, None)
    getattr(block, "_dirty_fields", {}).clear()


def _is_transient_database_error(exc):
    """Deadlocks and lock waits: the request may simply be tried again.

    Libraries wrap database errors in their own (edx-submissions raises
    SubmissionInternalError from them), so the whole chain of causes is read.
    """
    try:
        from django.db import OperationalError
    except ImportError:  # pragma: no cover - Django is always there in practice
        return False
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, OperationalError):
            text = str(exc).lower()
            if any(word in text for word in ("deadlock", "lock wait", "database is locked", "try restarting")):
                return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


# What a participant is told when a write is refused, by `platform.write_refusal` reason.
READ_ONLY_MESSAGES = {
    platform.PREVIEW: _("This is a preview: answers are not saved here. "
                        "Try the block as a participant in the live course."),
    platform.MASQUERADE: _("You are viewing this as a specific participant: nothing can be saved "
                           "on their behalf."),
    platform.VIEW_AS_LEARNER: _("You are viewing this as a participant: your answers are not saved and "
                                "do not count in the group's figures. Switch back to the staff view to work here."),
}


class Upload:
    """A file sent as a part of a multipart/form-data request (`json_handler(upload=...)`):
    its name as the sender gave it and a stream of its bytes (the platform keeps a large
    one in a temporary file)."""

    def __init__(self, name, stream):
        self.name = name
        self.stream = stream


def json_handler(shape=EMPTY, *, methods=("POST",), staff_only=False, max_body=DEFAULT_MAX_BODY,
                 anonymous_ok=False, authorize=None, studio=False, writes=False, upload=None):
    """Make a block method an XBlock handler with checked JSON in and JSON out.

    `writes=True` marks a handler that changes participant data: it is refused
    (403 `read_only_preview`) in Studio's preview and when staff view the block
    as a specific learner, before the body is read.

    The wrapped method is called as `method(self, data, identity)` and returns a
    JSON-serialisable value or a `webob.Response` (for downloads). GET handlers
    receive the query string's values checked against `shape`.

    `writes=True`: the method changes participant data. It runs inside the
    participant's serialised step, and the block's dirty fields are saved in
    that step; a refusal (HandlerError) rolls back everything it wrote.

    Who may call is decided before the body is read, so a caller who may not
    gets 403 whatever they send: method -> signed in -> staff -> `authorize(block)`
    (raises HandlerError) -> (writes) preview/masquerade refusal -> body.
    A writing handler's step begins before the last refusal, which reads a field
    (`_checked_in_participant_step`); an upload handler's begins after its body.
    `studio=True` answers errors in the shape Studio's editor script reads
    (see `error_response`).

    `upload="file"`: the handler also takes a multipart/form-data POST whose part
    `json` holds the body (checked against `shape` as any body) and whose part
    `file` a file, given to the method as `data["file"]`, an `Upload`. A file
    must not travel inside JSON: the platform refuses request data over Django's
    DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB unless an admin sets it) before any
    handler runs, and reading `request.body` counts the whole request; a form's
    file parts do not count (Django's multipart parser streams them).
    """
    if writes and anonymous_ok:
        raise ValueError("a handler that writes participant data needs a signed-in participant")

    def decorate(method):
        @functools.wraps(method)
        def handler(self, request, suffix=""):
            try:
                identity = current_identity(self)
                if request.method not in methods:
                    raise HandlerError(405, "method_not_allowed", _("This address only accepts %(methods)s."),
                                       methods=", ".join(methods))
                if not identity.is_authenticated and not anonymous_ok:
                    raise HandlerError(403, "not_authenticated", _("Please sign in first."))
                if staff_only and not identity.is_staff:
                    raise HandlerError(403, "staff_only", _("Only course staff may do this."))
                if authorize is not None:
                    authorize(self)
                if writes and not upload:
                    result = _checked_in_participant_step(self, method, request, identity, shape, max_body,
                                                          keep_state=not staff_only)
                else:
                    if writes:
                        _refuse_read_only(self, platform.write_refusal(self))
                    data = _read_data(request, shape, upload, max_body)
                    if writes:
                        result = _in_participant_step(self, method, data, identity, keep_state=not staff_only)
                    else:
                        result = method(self, data, identity)
            except BadJSON:
                _discard_unsaved_changes(self)
                return error_response(self, 400, "bad_json", _("The request is not valid JSON."), studio=studio)
            except (Invalid, ShapeError) as exc:
                _discard_unsaved_changes(self)
                problems = exc.problems if isinstance(exc, Invalid) else [
                    Problem(exc.path, exc.message, exc.params, code="invalid", sentence=exc.message)]
                if not studio:
                    return problems_response(self, problems)
                # Studio's editor shows each problem at its field: the sentence without its path.
                texts = [(p.where(), translated_at_field(p, self.translate)) for p in problems]
                if getattr(exc, "code", None) == "invalid_settings":
                    return error_response(self, 400, "invalid_settings", _("The settings were not saved."),
                                          problems=texts, studio=studio)
                return error_response(self, 400, "invalid", _("The request is not valid."), problems=texts,
                                      studio=studio)
            except HandlerError as exc:
                _discard_unsaved_changes(self)
                return error_response(self, exc.status, exc.code, exc.message, studio=studio, data=exc.data,
                                      field=exc.field, **exc.params)
            except Exception as exc:  # noqa: BLE001 - only transient DB errors are answered, others re-raise
                if not _is_transient_database_error(exc):
                    raise
                _discard_unsaved_changes(self)
                log.warning("Transient database error in %s: %s", method.__name__, exc)
                response = error_response(self, 503, "retry", _("The server is busy. Please try again."),
                                          studio=studio)
                response.headers["Retry-After"] = "1"
                return response
            if isinstance(result, Response):
                return result
            return json_response(result)

        handler._is_xblock_handler = True  # what @XBlock.handler sets
        handler.json_shape = shape
        handler.staff_only = staff_only
        handler.http_methods = methods
        handler.writes = writes
        handler.authorize = authorize
        handler.studio = studio
        handler.upload = upload
        return handler

    return decorate


def _refuse_read_only(block, refusal):
    if refusal:
        raise HandlerError(403, "read_only_preview", READ_ONLY_MESSAGES[refusal])


def _read_data(request, shape, upload, max_body):
    """The request's checked data: its query (GET), form (an upload) or JSON body."""
    if request.method != "POST":
        return shape.check(_declared_query(request, shape))
    if upload and (request.content_type or "").startswith("multipart/form-data"):
        return _read_form(request, shape, upload, max_body)
    return shape.check_json(_read_body(request, max_body))


def _checked_in_participant_step(block, method, request, identity, shape, max_body, keep_state=True):
    """A writing handler's read-only check, body and step, in the step's one transaction.

    The refusals the runtime tells (preview, masquerade) come before the step, so
    those requests take no lock. The last one reads the user's own field (course staff
    viewing as a learner, core/platform.py), and comes first inside the step, still
    before the body is read: a store that makes that field's row on a first read (the
    workbench's) makes it in the step's transaction, not in one of its own, and a
    refusal rolls it back. A JSON body is read inside the step; an upload's streamed
    form is read before it (`json_handler` keeps that order for `upload=` handlers).
    """
    _refuse_read_only(block, platform.write_refusal_without_fields(block))
    with storage.participant_write(block, identity):
        _refuse_read_only(block, platform.write_refusal(block))
        data = _read_data(request, shape, None, max_body)
        return _step_body(block, method, data, identity, keep_state)


def _in_participant_step(block, method, data, identity, keep_state=True):
    """Run a writing handler: its checks, its writes and the save of its fields in one step.

    The runtime saves a block's fields only after the handler returns, outside
    any lock; saving here puts that write inside the step as well. A
    participant's write also keeps the user-state marker the LMS's reset needs
    (core/reset.py); staff handlers write about others and keep none.
    """
    with storage.participant_write(block, identity):
        return _step_body(block, method, data, identity, keep_state)


def _step_body(block, method, data, identity, keep_state):
    """What a writing handler does inside its step (see `_in_participant_step`)."""
    # Who wrote, in the package's own table: a retirement names the user, and this
    # is how it finds their anonymous ids in every block, not only group blocks
    # (one indexed read; a write only when a name changed).
    participants.note(platform.course_id(block), identity.anonymous_id, identity.username,
                      platform.current_full_name(block), platform.current_user_id(block))
    setattr(block, NOTED_IN_STEP, identity.anonymous_id)  # the group read need not note them again
    result = method(block, data, identity)
    if keep_state and hasattr(block, "keep_participant_state"):
        block.keep_participant_state()
    block.save()
    return result


def _declared_query(request, shape):
    """The query values a GET handler declares. Runtimes add their own
    parameters (the workbench's `?student=`), so undeclared ones are ignored."""
    declared = getattr(shape, "fields", {})
    # A declared parameter given twice is refused: which copy counts would be the
    # framework's choice, not the sender's (`?round=1&round=2`).
    if any(len(request.GET.getall(key)) > 1 for key in declared):
        raise HandlerError(400, "invalid", _("The request is not valid."))
    return {key: value for key, value in request.GET.items() if key in declared}


def _read_body(request, max_body):
    length = request.content_length
    if length is not None and length > max_body:
        raise HandlerError(413, "too_large", _("The request is too large (at most %(max)s bytes)."), max=max_body)
    raw = request.body_file.read(max_body + 1) if length is None else request.body
    if len(raw) > max_body:
        raise HandlerError(413, "too_large", _("The request is too large (at most %(max)s bytes)."), max=max_body)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HandlerError(400, "bad_encoding", _("The request is not valid UTF-8.")) from exc
    return raw  # parsed by the shape: pydantic refuses lone surrogates and deep nesting as bad JSON


def _read_form(request, shape, upload, max_body):
    """A multipart/form-data body: its `json` part checked against `shape`, its file part
    (`upload`) as an `Upload` in the data (None when none was sent)."""
    length = request.content_length
    if length is None or length > max_body:
        raise HandlerError(413, "too_large", _("The request is too large (at most %(max)s bytes)."), max=max_body)
    form = request.POST
    raw = form.get("json")
    if not isinstance(raw, str):
        raise BadJSON("no json part")
    data = shape.check_json(raw.encode("utf-8"))
    part = form.get(upload)
    stream = getattr(part, "file", None)
    data[upload] = Upload(str(getattr(part, "filename", "") or ""), stream) if stream is not None else None
    return data


def handler_catalogue(block_class):
    """Every JSON handler of a block class: name -> (methods, staff_only, shape).

    (Whether a handler writes is its `.writes` attribute.)

    The authorization matrix compares this with each block's contract, so a
    new handler cannot ship without a decision on who may call it.
    """
    catalogue = {}
    for name in dir(block_class):
        func = getattr(block_class, name, None)
        if getattr(func, "_is_xblock_handler", False):
            catalogue[name] = (
                getattr(func, "http_methods", None),
                getattr(func, "staff_only", None),
                getattr(func, "json_shape", None),
            )
    return catalogue
