"""Authored data in YAML (instruments, course outlines), with line numbers.

Authors paste YAML into Studio. When it is wrong they need to hear where:
`load()` returns the data together with the line of every value, and
`AuthoredDataError` carries a line number into the message shown in Studio.
"""
import yaml

MAX_YAML_CHARS = 200_000
MAX_DEPTH = 20


class AuthoredDataError(ValueError):
    def __init__(self, message, line=None):
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self):
        return f"line {self.line}: {self.message}" if self.line else self.message


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

    def error(self, message, *path):
        return AuthoredDataError(message, self.line(*path))


def load(text):
    """Parse YAML safely; refuse what an author never needs (aliases, deep nesting, huge input)."""
    if not isinstance(text, str):
        raise AuthoredDataError("expected YAML text")
    if len(text) > MAX_YAML_CHARS:
        raise AuthoredDataError(f"the YAML is longer than {MAX_YAML_CHARS} characters")
    loader = None
    try:
        loader = yaml.SafeLoader(text)  # refuses control characters already here
        node = loader.get_single_node()
        if node is None:
            raise AuthoredDataError("the YAML is empty", 1)
        lines = {}
        _record_lines(node, (), lines, set(), 0)
        data = loader.construct_document(node)
    except yaml.reader.ReaderError as exc:
        raise AuthoredDataError(f"the YAML contains a character that is not allowed (#x{exc.character:04x})") from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise AuthoredDataError(f"not valid YAML ({exc.problem or exc.context})", line) from exc
    except yaml.YAMLError as exc:
        raise AuthoredDataError(f"not valid YAML ({exc})") from exc
    finally:
        if loader is not None:
            loader.dispose()
    return Located(data, lines)


def _record_lines(node, path, lines, seen, depth):
    if depth > MAX_DEPTH:
        raise AuthoredDataError("the YAML is nested too deeply", node.start_mark.line + 1)
    if id(node) in seen:
        raise AuthoredDataError("YAML aliases (*name) are not supported here", node.start_mark.line + 1)
    seen.add(id(node))
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            _record_lines(value_node, path + (key,), lines, seen, depth + 1)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, path + (index,), lines, seen, depth + 1)
