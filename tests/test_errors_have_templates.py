"""Every error goalchain raises keeps a message template, so that it renders in the
user's language (issue 15): ``raise SomeGoalchainError(f"plain English")`` without
``params=`` would be English whatever ``--lang`` says."""

from __future__ import annotations

import ast
from pathlib import Path

import goalchain.exceptions as exceptions

SOURCE = Path(exceptions.__file__).parent

_ERRORS = frozenset(
    name
    for name, value in vars(exceptions).items()
    if isinstance(value, type) and issubclass(value, exceptions.GoalchainError)
)


def plain_raises(text: str) -> list[tuple[int, str]]:
    """The raises in *text* of a goalchain error with a literal message and no
    ``params=``: (line, message)."""
    tree = ast.parse(text)
    known = set(_ERRORS)
    for node in ast.walk(tree):  # a module's own subclasses (CommandError...)
        if isinstance(node, ast.ClassDef) and any(
            ast.unparse(base).split(".")[-1] in known for base in node.bases
        ):
            known.add(node.name)
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
            continue
        if ast.unparse(node.exc.func).split(".")[-1] not in known or not node.exc.args:
            continue
        if any(keyword.arg == "params" for keyword in node.exc.keywords):
            continue
        first = node.exc.args[0]
        literal = (
            isinstance(first, ast.JoinedStr | ast.BinOp)
            or (isinstance(first, ast.Constant) and isinstance(first.value, str))
            or (isinstance(first, ast.Call) and ast.unparse(first.func) == "N_")
        )
        if literal:
            found.append((node.lineno, ast.unparse(first)))
    return found


def test_no_error_is_raised_with_a_plain_english_message() -> None:
    plain = [
        f"{path.relative_to(SOURCE.parent)}:{line}: {message[:80]}"
        for path in sorted(SOURCE.rglob("*.py"))
        for line, message in plain_raises(path.read_text(encoding="utf-8"))
    ]
    assert not plain, "raise these with a template and params= (see GoalchainError):\n" + (
        "\n".join(plain)
    )


def test_the_scan_tells_a_plain_message_from_a_template() -> None:
    text = (
        "class CommandError(GoalchainError): ...\n"
        'raise InvalidValueError(f"bad {x}")\n'
        'raise InvalidValueError(N_("bad {x}"), params={"x": x})\n'
        'raise CommandError("no such file")\n'
        "raise UnknownElementError(element_id)\n"
        'raise InvalidValueError(N_("marked, but no fields"))\n'
        'raise ValueError("not ours")\n'
    )
    assert plain_raises(text) == [
        (2, "f'bad {x}'"),
        (4, "'no such file'"),
        (6, "N_('marked, but no fields')"),
    ]
