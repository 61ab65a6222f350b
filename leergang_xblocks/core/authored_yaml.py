"""Authored data in YAML (instruments, course outlines), with line numbers.

Authors paste YAML into Studio. When it is wrong they need to hear where:
`load()` returns the data together with the line of every value, and
`AuthoredDataError` carries every problem found, each with its line and key
path, as English source text that `texts(translate)` gives in the author's
language.
"""
import yaml

from .validation import Problem, translated

MAX_YAML_CHARS = 200_000
MAX_DEPTH = 20
_ = lambda text: text  # noqa: E731  marks strings for extraction


class AuthoredDataError(ValueError):
    """One or more problems in authored data. `message` and `line` are the first one's
    (English), for logs and command-line tools; `problems` holds them all."""

    def __init__(self, message, line=None, *, params=None, path=(), problems=None):
        self.problems = problems or [Problem(tuple(path), message, params or {}, line)]
        first = self.problems[0]
        text = first.message % first.params if first.params else first.message
        self.message = f"{first.where()}: {text}" if first.path else text
        self.line = first.line
        super().__init__(self.message)

    def __str__(self):
        return f"line {self.line}: {self.message}" if self.line else self.message

    def texts(self, translate=lambda text: text, prefix=()):
        """Every problem as a sentence in the reader's language; `prefix` goes before each path."""
        return [translated(Problem(tuple(prefix) + p.path, p.message, p.params, p.line), translate)
                for p in self.problems]


class Located:
    """Parsed YAML plus where each value stood: `line(path)` for a path of keys
    and indexes, falling back to the nearest enclosing value."""

    def __init__(self, data, lines):
        self.data = data
        self._lines = lines

    def line(self, *path):
        path = tuple(path)
        while path not in self._lines and path:
            path = path[:-1]
        return self._lines.get(path)

    def error(self, message, *path, **params):
        """One problem; `path` only finds the line (the message says what it is about)."""
        return AuthoredDataError(message, self.line(*path), params=params)

    def problem(self, message, *path, **params):
        return Problem(tuple(path), message, params, self.line(*path))


def load(text):
    """Parse YAML safely; refuse what an author never needs (aliases, deep nesting, huge input)."""
    if not isinstance(text, str):
        raise AuthoredDataError(_("expected YAML text"))
    if len(text) > MAX_YAML_CHARS:
        raise AuthoredDataError(_("the YAML is longer than %(max)s characters"), params={"max": MAX_YAML_CHARS})
    loader = None
    try:
        _check_depth(text)  # before composing: PyYAML's composer recurses once per level
        loader = yaml.SafeLoader(text)  # refuses control characters already here
        node = loader.get_single_node()
        if node is None:
            raise AuthoredDataError(_("the YAML is empty"), 1)
        lines = {}
        _record_lines(node, (), lines, set(), 0)
        try:
            data = loader.construct_document(node)
        except ValueError as exc:
            # PyYAML reads 2021-13-01 as a date and fails on it; the only
            # ValueError its safe constructors raise.
            raise AuthoredDataError(_("the YAML contains an impossible date (write dates as YYYY-MM-DD)"),
                                    _first_bad_date_line(node)) from exc
    except yaml.reader.ReaderError as exc:
        raise AuthoredDataError(_("the YAML contains a character that is not allowed (#x%(code)s)"),
                                params={"code": f"{exc.character:04x}"}) from exc
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(text, exc) from exc
    except yaml.YAMLError as exc:
        raise AuthoredDataError(_("this is not valid YAML")) from exc
    finally:
        if loader is not None:
            loader.dispose()
    return Located(data, lines)


# PyYAML explains a syntax error in English parser terms ("mapping values are not
# allowed here", a column count). An author needs the line, the key they wrote
# there and what to do, in their own language: each kind of error PyYAML reports
# becomes one of these sentences (code, English source text).
SYNTAX = {
    "colon_in_value": _("the value of “%(key)s” contains a colon followed by a space; put the whole value "
                        "between quotation marks"),
    "quote_not_closed": _("the quotation mark that opens the value of “%(key)s” is not closed"),
    "bracket_not_closed": _("the bracket that opens the value of “%(key)s” is not closed"),
    "inside_brackets": _("the value of “%(key)s” between brackets cannot be read; check its commas, colons "
                         "and quotation marks"),
    "tab": _("“%(key)s” is indented with a tab; indent with spaces only"),
    "indentation": _("“%(key)s” is not indented like the keys around it; line it up with the other keys "
                     "at its level"),
    "no_colon": _("“%(key)s” has no colon after it; write a key, a colon and a space, then its value"),
    "unreadable": _("the line with “%(key)s” cannot be read; check its indentation, colons and quotation marks"),
}
KEY_CHARS = 40


def _syntax_error(text, exc):
    """A PyYAML syntax error as the author's problem: the line to look at, the key
    written there and a sentence (SYNTAX), never PyYAML's own words."""
    problem, context = exc.problem or "", exc.context or ""
    problem_line = exc.problem_mark.line + 1 if exc.problem_mark else None
    context_line = exc.context_mark.line + 1 if exc.context_mark else None
    if "quoted scalar" in context:
        kind, line = "quote_not_closed", context_line
    elif context.startswith("while parsing a flow"):
        closed_on_its_line = problem_line == context_line
        kind, line = ("inside_brackets" if closed_on_its_line else "bracket_not_closed"), context_line
    elif problem.startswith("found character '\\t'"):
        kind, line = "tab", problem_line
    elif problem.startswith("mapping values are not allowed"):
        kind, line = "colon_in_value", problem_line
    elif problem.startswith("expected <block end>"):
        kind, line = "indentation", problem_line
    elif problem.startswith("could not find expected ':'"):
        kind, line = "no_colon", context_line or problem_line
    else:
        kind, line = "unreadable", problem_line or context_line
    line, key = _key_near(text.splitlines(), line)
    return AuthoredDataError(None, problems=[
        Problem((), SYNTAX[kind], {"key": key}, line, code=f"yaml_{kind}")])


def _key_near(lines, line):
    """(line, key) for a 1-based `line`: the key written on it, or on the nearest
    line above with text (a line without a colon is named by its text)."""
    at = min(max((line or 1) - 1, 0), len(lines) - 1) if lines else -1
    while at > 0 and not lines[at].strip(" \t-"):
        at -= 1
    if at < 0:
        return line, "…"
    written = lines[at].strip().lstrip("-").strip()
    key = written.split(": ", 1)[0].rstrip(":").strip().strip("{[").strip()
    if len(key) > KEY_CHARS:
        key = key[:KEY_CHARS] + "…"
    return at + 1, key or "…"


def _first_bad_date_line(node):
    """The line of the first scalar that looks like a date but is none."""
    import datetime
    stack = [node]
    while stack:
        current = stack.pop(0)
        if isinstance(current, yaml.ScalarNode) and current.tag == "tag:yaml.org,2002:timestamp":
            try:
                datetime.date.fromisoformat(current.value[:10])
            except ValueError:
                return current.start_mark.line + 1
        elif isinstance(current, yaml.MappingNode):
            for key_node, value_node in current.value:
                stack += [key_node, value_node]
        elif isinstance(current, yaml.SequenceNode):
            stack += list(current.value)
    return None


def _check_depth(text):
    """Refuse nesting deeper than MAX_DEPTH from the parser's events, which come
    without recursion, so 500 levels give a message and not a RecursionError."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise AuthoredDataError(_("the YAML is nested more than %(max)s levels deep"),
                                        event.start_mark.line + 1, params={"max": MAX_DEPTH})
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def _record_lines(node, path, lines, seen, depth):
    if depth > MAX_DEPTH:
        raise AuthoredDataError(_("the YAML is nested more than %(max)s levels deep"), node.start_mark.line + 1,
                                params={"max": MAX_DEPTH})
    if id(node) in seen:
        raise AuthoredDataError(_("YAML aliases (*name) are not supported here"), node.start_mark.line + 1)
    seen.add(id(node))
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            _record_lines(value_node, path + (key,), lines, seen, depth + 1)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, path + (index,), lines, seen, depth + 1)
