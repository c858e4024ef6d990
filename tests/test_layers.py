"""Data flows one way (issue 15): the import graph of goalchain, read with ``ast``.

The layers, from the ground up (docs/architecture.md):

0. ground: exceptions and language (``exceptions``, ``_i18n``, and the small
   modules every layer uses: registries, optional imports, version, safe text)
1. units (``units``, the unit grammar, values with units for people)
2. models
3. progression
4. engines: roll-up and SMART
5. io
6. report
7. command line (``cli``, ``_cli_*``, ``__main__``), ``testing`` and the package itself

A module imports its own layer and those below it at module level (imports under
``if TYPE_CHECKING:`` never run and are not counted). A convenience method that
forwards to a higher layer (``chain.rollup()``, ``result.to_dataframe()``,
``_repr_html_``) may import it inside the method, and nowhere else: only the
methods named in ``FORWARDERS`` may, and an upward import inside any other method
or a plain function is refused.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "goalchain"

LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "ground",
        (
            "goalchain.exceptions",
            "goalchain._i18n",
            "goalchain._registry",
            "goalchain._optional",
            "goalchain._version",
            "goalchain._gc",
            "goalchain._safe_text",
        ),
    ),
    ("units", ("goalchain.units", "goalchain._unit_grammar", "goalchain._unit_text")),
    ("models", ("goalchain.models",)),
    ("progression", ("goalchain.progression",)),
    ("engines", ("goalchain.rollup", "goalchain.smart")),
    ("io", ("goalchain.io",)),
    ("report", ("goalchain.report",)),
    (
        "command line",
        (
            "goalchain.cli",
            "goalchain._cli_import",
            "goalchain._cli_kolada",
            "goalchain.__main__",
            "goalchain.testing",
            "goalchain",
        ),
    ),
)


def layer_of(module: str) -> int | None:
    """The layer of *module* (by its longest matching prefix), None if unmapped."""
    best: tuple[int, int] | None = None
    for rank, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and (
                best is None or len(prefix) > best[1]
            ):
                best = (rank, len(prefix))
    return None if best is None else best[0]


def _modules() -> Iterator[tuple[str, str, Path]]:
    """(module, its package, path) of every module of goalchain."""
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        module = ".".join(parts)
        yield module, module if is_package else module.rsplit(".", 1)[0], path


def _targets(node: ast.Import | ast.ImportFrom, package: str) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if not node.level:
        return [node.module or ""]
    base = package.split(".")
    base = base[: len(base) - node.level + 1]
    return [".".join(base) + (f".{node.module}" if node.module else "")]


class _Imports(ast.NodeVisitor):
    """Every import of goalchain in a module: (target, line, where, name), where is
    "module", "method" or "function" and name the method's or function's own
    name (the outermost one, "" at module level); imports under
    ``if TYPE_CHECKING`` skipped."""

    def __init__(self, package: str):
        self.package = package
        self.scopes: list[ast.AST] = []
        self.found: list[tuple[str, int, str, str]] = []

    def visit_If(self, node: ast.If) -> None:
        if "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.orelse:
                self.visit(child)
            return
        self.generic_visit(node)

    def _scoped(self, node: ast.AST) -> None:
        self.scopes.append(node)
        self.generic_visit(node)
        self.scopes.pop()

    visit_ClassDef = visit_FunctionDef = visit_AsyncFunctionDef = _scoped  # noqa: N815

    def _import(self, node: ast.Import | ast.ImportFrom) -> None:
        functions = [s for s in self.scopes if not isinstance(s, ast.ClassDef)]
        name = ""
        if not functions:
            where = "module"
        else:
            name = getattr(functions[0], "name", "")
            index = self.scopes.index(functions[0])
            where = (
                "method"
                if index and isinstance(self.scopes[index - 1], ast.ClassDef)
                else "function"
            )
        for target in _targets(node, self.package):
            if target.startswith("goalchain"):
                self.found.append((target, node.lineno, where, name))

    visit_Import = visit_ImportFrom = _import  # noqa: N815


def _upward() -> Iterator[tuple[str, int, str, str, str]]:
    """(module, line, target, where, name) of every import that runs upward."""
    for module, package, path in _modules():
        visitor = _Imports(package)
        visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
        own = layer_of(module)
        assert own is not None, (
            f"{module} is in no layer: add it to LAYERS and docs/architecture.md"
        )
        for target, line, where, name in visitor.found:
            theirs = layer_of(target)
            assert theirs is not None, f"{module}:{line} imports {target}, which is in no layer"
            if theirs > own:
                yield module, line, target, where, name


def test_every_module_is_in_a_layer() -> None:
    unmapped = [module for module, _, _ in _modules() if layer_of(module) is None]
    assert not unmapped


def test_no_module_level_import_runs_upward() -> None:
    upward = [
        f"{module}:{line} imports {target} ({LAYERS[layer_of(target) or 0][0]})"
        for module, line, target, where, _ in _upward()
        if where == "module"
    ]
    assert not upward, "\n".join(upward)


# The convenience methods that forward to a higher layer, the only places an upward
# import may stand (inside the method). Each is a thin forwarder: it hands its
# object to the higher layer and returns what that gives back.
FORWARDERS = frozenset(
    {
        "rollup",  # GoalChain.rollup -> goalchain.rollup
        "follow_up",  # GoalChain.follow_up -> goalchain.rollup
        "trajectory",  # Indicator.trajectory -> goalchain.progression
        "import_measurements",  # GoalChain.import_measurements -> goalchain.io
        "to_dataframe",  # results, trajectories, reports -> goalchain.report
        "to_table",  # SmartReport.to_table -> goalchain.report
        "to_mermaid",  # GoalChain.to_mermaid -> goalchain.report
        "to_dot",  # GoalChain.to_dot -> goalchain.report
        "_repr_html_",  # notebook display -> goalchain.report
        "_repr_mimebundle_",  # notebook display -> goalchain.report
        "explain",  # an explanation in words -> goalchain.report
        "compare",  # GoalChain.compare -> goalchain.io (Kolada comparisons)
    }
)

# Upward imports outside the forwarders still to be removed, each with why it is
# there; the test fails when one is gone (so the entry is removed) or a new one comes.
_KNOWN_EXCEPTIONS: frozenset[tuple[str, str]] = frozenset()


def test_upward_imports_only_in_forwarding_methods() -> None:
    found = {
        (module, target)
        for module, _, target, where, name in _upward()
        if where != "module" and not (where == "method" and name in FORWARDERS)
    }
    assert found >= _KNOWN_EXCEPTIONS, f"gone, remove from the list: {_KNOWN_EXCEPTIONS - found}"
    upward = [
        f"{module}:{line} imports {target} inside the {where} {name}()"
        for module, line, target, where, name in _upward()
        if where != "module"
        and not (where == "method" and name in FORWARDERS)
        and (module, target) not in _KNOWN_EXCEPTIONS
    ]
    assert not upward, "\n".join(upward)


# Forwarders that still do more than forward, each with why; the test fails when one
# becomes thin (so the entry is removed) or a new one grows.
_NOT_YET_THIN = {
    # the SMART report lays out its table and HTML itself with the report layer's pieces
    ("goalchain.smart._report", "SmartReport.to_table"),
    ("goalchain.smart._report", "SmartReport._repr_html_"),
}


def _forwarders() -> Iterator[tuple[str, str, ast.FunctionDef]]:
    """(module, Class.method, the method) of every method named in FORWARDERS that
    imports a higher layer."""
    for module, _, path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        own = layer_of(module) or 0
        for cls in (node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)):
            for method in cls.body:
                if not isinstance(method, ast.FunctionDef) or method.name not in FORWARDERS:
                    continue
                visitor = _Imports(module.rsplit(".", 1)[0])
                visitor.visit(method)
                if any((layer_of(target) or 0) > own for target, *_ in visitor.found):
                    yield module, f"{cls.name}.{method.name}", method


def _is_thin(method: ast.FunctionDef) -> bool:
    """Imports, then one ``return`` (after the docstring): the method only forwards."""
    body = list(method.body)
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    return (
        bool(body)
        and isinstance(body[-1], ast.Return)
        and all(isinstance(statement, (ast.Import, ast.ImportFrom)) for statement in body[:-1])
    )


def test_forwarders_are_thin() -> None:
    """A forwarder hands its object to the higher layer and returns what it gives back:
    the work is done in that layer, where it can be tested without the lower one."""
    found = list(_forwarders())
    assert {(module, name) for module, name, _ in found} >= {
        ("goalchain.models._chain", "GoalChain.rollup"),
        ("goalchain.models._elements", "Indicator.trajectory"),
    }
    thick = {(module, name) for module, name, method in found if not _is_thin(method)}
    assert thick >= _NOT_YET_THIN, f"thin now, remove from the list: {_NOT_YET_THIN - thick}"
    assert not thick - _NOT_YET_THIN, f"not thin forwarders: {sorted(thick - _NOT_YET_THIN)}"


def test_the_models_layer_imports_nothing_above_it_outside_its_forwarders() -> None:
    """The models know nothing of the layers above them (issue 15): not even their
    roll-up settings or the progression methods' registry ask for an upward import."""
    upward = [
        f"{module}:{line} imports {target} in {name or 'the module'}"
        for module, line, target, _, name in _upward()
        if module.startswith("goalchain.models") and name not in FORWARDERS
    ]
    assert not upward, "\n".join(upward)


def test_a_plain_method_may_not_import_upward() -> None:
    """Only a method named as a forwarder may import a higher layer."""
    source = (
        "class Chain:\n"
        "    def rollup(self):\n"
        "        from goalchain.rollup import rollup\n"
        "    def settings(self):\n"
        "        from goalchain.rollup import RollupSettings\n"
        "def helper():\n"
        "    from goalchain.progression import methods\n"
    )
    visitor = _Imports("goalchain.models")
    visitor.visit(ast.parse(source))
    assert [(where, name) for _, _, where, name in visitor.found] == [
        ("method", "rollup"),
        ("method", "settings"),
        ("function", "helper"),
    ]
    allowed = [name in FORWARDERS for _, _, where, name in visitor.found]
    assert allowed == [True, False, False]


@pytest.mark.parametrize(
    ("module", "layer"),
    [
        ("goalchain.exceptions", "ground"),
        ("goalchain._i18n._catalog", "ground"),
        ("goalchain.units", "units"),
        ("goalchain.models._chain", "models"),
        ("goalchain.rollup._result", "engines"),
        ("goalchain.io._yaml", "io"),
        ("goalchain.report._html", "report"),
        ("goalchain.cli", "command line"),
        ("goalchain", "command line"),
    ],
)
def test_layer_of(module: str, layer: str) -> None:
    rank = layer_of(module)
    assert rank is not None and LAYERS[rank][0] == layer


def test_the_ground_floor_imports_nothing_above_exceptions() -> None:
    for module, package, path in _modules():
        if not module.startswith("goalchain._i18n"):
            continue
        visitor = _Imports(package)
        visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
        for target, line, _, _ in visitor.found:
            assert target.startswith(("goalchain._i18n", "goalchain.exceptions")), (
                f"{module}:{line} imports {target}"
            )


def test_the_models_find_the_registries_through_the_ground_floor() -> None:
    """What the models ask of a higher layer's registry they ask by its group."""
    import goalchain
    from goalchain._registry import registry_of
    from goalchain.progression import methods
    from goalchain.rollup import scorers, strategies

    assert goalchain.__name__ == "goalchain"
    assert registry_of("goalchain.progression") is methods
    assert registry_of("goalchain.rollup") is strategies
    assert registry_of("goalchain.rollup.scorers") is scorers
    assert registry_of("goalchain.nothing") is None


def test_expected_follows_a_line_registered_in_place_of_goalchains_own() -> None:
    """Indicator.expected takes its shortcut only while ``linear`` is goalchain's own."""
    from goalchain.models import Indicator
    from goalchain.progression import _methods, methods, register

    indicator = Indicator(
        id="i1",
        title="Behöriga",
        level="indicator",
        unit="percent",
        baseline=(2022, 78.0),
        target=(2026, 90.0),
    )
    assert indicator.expected(2024) == 84.0

    def front_loaded(
        *, years: list[int], baseline: float, target: float, **_: object
    ) -> list[float]:
        return [baseline, *([target] * (len(years) - 1))]

    register("linear", front_loaded, replace=True)
    try:
        assert indicator.expected(2024) == 90.0
    finally:
        register("linear", _methods.linear, replace=True)
    assert methods["linear"] is _methods.linear
    assert indicator.expected(2024) == 84.0
