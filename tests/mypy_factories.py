"""mypy plugin: calling a factory_boy factory gives its model, ``UserFactory()`` is a ``User``.

factory_boy's ``BaseFactory.__new__`` is untyped and returns the model, not the factory; mypy
ignores a ``__new__`` (or metaclass ``__call__``) typed to return something other than the class,
so without this every ``UserFactory()`` is a ``UserFactory`` to mypy. The model comes from the
factory's type argument (``DjangoModelFactory[User]``); ``create()``/``build()`` are typed by
factory_boy itself. Wired in ``[tool.mypy] plugins`` of pyproject.toml.
"""

from __future__ import annotations

from collections.abc import Callable

from mypy.maptype import map_instance_to_supertype
from mypy.nodes import TypeInfo
from mypy.plugin import FunctionContext, Plugin
from mypy.types import Instance, Type, get_proper_type

BASE_FACTORY = "factory.base.BaseFactory"


class FactoryCallPlugin(Plugin):
    def get_function_hook(self, fullname: str) -> Callable[[FunctionContext], Type] | None:
        # mypy also asks this hook for a class being called; only factories are changed.
        symbol = self.lookup_fully_qualified(fullname)
        node = symbol.node if symbol is not None else None
        if isinstance(node, TypeInfo) and node.has_base(BASE_FACTORY):
            return model_of_factory
        return None


def model_of_factory(ctx: FunctionContext) -> Type:
    """The ``T`` of ``BaseFactory[T]`` for the called factory (unchanged if there is none)."""
    called = get_proper_type(ctx.default_return_type)
    if not isinstance(called, Instance):
        return ctx.default_return_type
    base = next(info for info in called.type.mro if info.fullname == BASE_FACTORY)
    arguments = map_instance_to_supertype(called, base).args
    return arguments[0] if arguments else ctx.default_return_type


def plugin(version: str) -> type[Plugin]:
    return FactoryCallPlugin
