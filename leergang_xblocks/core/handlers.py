"""JSON handlers: one decorator that every block's handler goes through.

It turns a request into checked data and a return value into a JSON response,
so that every handler refuses bad input the same way: a 4xx status, a body of
`{"error": {"code": ..., "message": ...}}`, and nothing changed.

    @json_handler(Object({"answers": MapOf(Str(64), Int())}))
    def submit(self, data, identity):
        ...
        return {"ok": True}

A declared shape lists types, required keys and maximum lengths; bodies larger
than `max_body` bytes are refused before they are parsed.

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

from . import platform, storage
from .platform import current_identity

log = logging.getLogger(__name__)

DEFAULT_MAX_BODY = 64 * 1024
_ = lambda text: text  # noqa: E731  marks strings for extraction; translated at response time


class HandlerError(Exception):
    """A refusal with a status, a stable code for programs and a message for people.

    `message` is an English source string, translated when the response is made;
    `params` are interpolated after translation.
    """

    def __init__(self, status, code, message, **params):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.params = params


class ShapeError(Exception):
    def __init__(self, path, message, **params):
        super().__init__(message)
        self.path = path
        self.message = message
        self.params = params


# --- Shapes ---------------------------------------------------------------
# Each shape checks a decoded JSON value and returns it (normalised where that
# is harmless), or raises ShapeError naming where in the body it went wrong.

class Shape:
    optional = False

    def check(self, value, path):
        raise NotImplementedError



class Str(Shape):
    def __init__(self, max_length, min_length=0, multiline=False):
        self.max_length = max_length
        self.min_length = min_length
        self.multiline = multiline

    def check(self, value, path):
        if not isinstance(value, str):
            raise ShapeError(path, _("must be text"))
        if len(value) > self.max_length:
            raise ShapeError(path, _("must be at most %(max)s characters"), max=self.max_length)
        if len(value) < self.min_length:
            raise ShapeError(path, _("must be at least %(min)s characters"), min=self.min_length)
        allowed = "\n\t\r" if self.multiline else "\t"
        if any(ord(ch) < 32 and ch not in allowed for ch in value) or "\x7f" in value:
            raise ShapeError(path, _("contains control characters"))
        return value



class Int(Shape):
    def __init__(self, minimum=None, maximum=None):
        self.minimum = minimum
        self.maximum = maximum

    def check(self, value, path):
        # bool is an int in Python; in JSON it is not a number.
        if isinstance(value, bool) or not isinstance(value, int):
            raise ShapeError(path, _("must be a whole number"))
        if self.minimum is not None and value < self.minimum:
            raise ShapeError(path, _("must be at least %(min)s"), min=self.minimum)
        if self.maximum is not None and value > self.maximum:
            raise ShapeError(path, _("must be at most %(max)s"), max=self.maximum)
        return value



class Bool(Shape):
    def check(self, value, path):
        if not isinstance(value, bool):
            raise ShapeError(path, _("must be true or false"))
        return value



class Choice(Shape):
    def __init__(self, *choices):
        self.choices = choices

    def check(self, value, path):
        if isinstance(value, bool) or value not in self.choices:
            raise ShapeError(path, _("must be one of: %(choices)s"),
                             choices=", ".join(str(c) for c in self.choices))
        return value



class AnyJSON(Shape):
    """Any decoded JSON value; for data another checker reads next (Studio fields)."""

    def check(self, value, path):
        return value



class Nullable(Shape):
    def __init__(self, inner):
        self.inner = inner

    def check(self, value, path):
        return None if value is None else self.inner.check(value, path)



class Optional(Shape):
    """A key that may be left out of an Object."""
    optional = True

    def __init__(self, inner, default=None):
        self.inner = inner
        self.default = default

    def check(self, value, path):
        return self.inner.check(value, path)



class ListOf(Shape):
    def __init__(self, item, max_items):
        self.item = item
        self.max_items = max_items

    def check(self, value, path):
        if not isinstance(value, list):
            raise ShapeError(path, _("must be a list"))
        if len(value) > self.max_items:
            raise ShapeError(path, _("must have at most %(max)s entries"), max=self.max_items)
        return [self.item.check(v, f"{path}[{i}]") for i, v in enumerate(value)]



class MapOf(Shape):
    def __init__(self, key, value, max_items):
        self.key = key
        self.value = value
        self.max_items = max_items

    def check(self, value, path):
        if not isinstance(value, dict):
            raise ShapeError(path, _("must be an object"))
        if len(value) > self.max_items:
            raise ShapeError(path, _("must have at most %(max)s entries"), max=self.max_items)
        return {
            self.key.check(k, f"{path}.{k}"): self.value.check(v, f"{path}.{k}")
            for k, v in value.items()
        }



class Object(Shape):
    def __init__(self, fields):
        self.fields = fields

    def check(self, value, path=""):
        if not isinstance(value, dict):
            raise ShapeError(path or "body", _("must be an object"))
        unknown = sorted(set(value) - set(self.fields))
        if unknown:
            raise ShapeError(path or "body", _("has unknown keys: %(keys)s"),
                             keys=", ".join(str(k)[:40] for k in unknown[:5]))
        checked = {}
        for key, shape in self.fields.items():
            where = f"{path}.{key}" if path else key
            if key not in value:
                if shape.optional:
                    checked[key] = shape.default
                    continue
                raise ShapeError(where, _("is required"))
            checked[key] = shape.check(value[key], where)
        return checked



EMPTY = Object({})


# --- The decorator ----------------------------------------------------------

def json_response(payload, status=200):
    return Response(
        body=json.dumps(payload, ensure_ascii=False).encode("utf-8"),
        status=status,
        content_type="application/json",
        charset="utf-8",
    )


def error_response(block, status, code, message, **params):
    text = block.translate(message) if hasattr(block, "translate") else message
    if params:
        text = text % params
    return json_response({"error": {"code": code, "message": text}}, status=status)


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
}


def json_handler(shape=EMPTY, *, methods=("POST",), staff_only=False, max_body=DEFAULT_MAX_BODY,
                 anonymous_ok=False, writes=False):
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
                if writes:
                    refusal = platform.write_refusal(self)
                    if refusal:
                        raise HandlerError(403, "read_only_preview", READ_ONLY_MESSAGES[refusal])
                data = shape.check(_read_body(request, max_body) if request.method == "POST"
                                   else _declared_query(request, shape), "")
                if writes:
                    result = _in_participant_step(self, method, data, identity)
                else:
                    result = method(self, data, identity)
            except ShapeError as exc:
                _discard_unsaved_changes(self)
                message = (self.translate(exc.message) % exc.params) if exc.params else self.translate(exc.message)
                return error_response(self, 400, "invalid", _("%(field)s %(problem)s"),
                                      field=exc.path, problem=message)
            except HandlerError as exc:
                _discard_unsaved_changes(self)
                return error_response(self, exc.status, exc.code, exc.message, **exc.params)
            except Exception as exc:  # noqa: BLE001 - only transient DB errors are answered, others re-raise
                if not _is_transient_database_error(exc):
                    raise
                _discard_unsaved_changes(self)
                log.warning("Transient database error in %s: %s", method.__name__, exc)
                response = error_response(self, 503, "retry", _("The server is busy. Please try again."))
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
        return handler

    return decorate


def _in_participant_step(block, method, data, identity):
    """Run a writing handler: its checks, its writes and the save of its fields in one step.

    The runtime saves a block's fields only after the handler returns, outside
    any lock; saving here puts that write inside the step as well.
    """
    with storage.participant_write(block, identity):
        result = method(block, data, identity)
        block.save()
    return result


def _declared_query(request, shape):
    """The query values a GET handler declares. Runtimes add their own
    parameters (the workbench's `?student=`), so undeclared ones are ignored."""
    declared = getattr(shape, "fields", {})
    return {key: value for key, value in request.GET.items() if key in declared}


def _read_body(request, max_body):
    length = request.content_length
    if length is not None and length > max_body:
        raise HandlerError(413, "too_large", _("The request is too large (at most %(max)s bytes)."), max=max_body)
    raw = request.body_file.read(max_body + 1) if length is None else request.body
    if len(raw) > max_body:
        raise HandlerError(413, "too_large", _("The request is too large (at most %(max)s bytes)."), max=max_body)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HandlerError(400, "bad_encoding", _("The request is not valid UTF-8.")) from exc
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise HandlerError(400, "bad_json", _("The request is not valid JSON.")) from exc


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
