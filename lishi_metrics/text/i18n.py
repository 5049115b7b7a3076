"""Chinese/English UI strings: one merged registry built from the modules of `lishi_metrics.text.strings`."""

from __future__ import annotations

import importlib
import os
import pkgutil
import string
from collections.abc import Mapping
from types import MappingProxyType, ModuleType

from lishi_metrics.text import strings as _texts_package

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"

_ALIASES = {
    "zh": "zh", "cn": "zh", "chs": "zh", "chinese": "zh", "中文": "zh", "汉语": "zh", "简体中文": "zh",
    "en": "en", "eng": "en", "english": "en", "英文": "en", "英语": "en",
}


class TextsError(ValueError):
    """A texts module is malformed or two modules define the same key."""


def normalize_lang(raw: object) -> str:
    """Return 'zh' or 'en' for a user-supplied language ('en-US', 'ZH_cn', ['en'], None…); default 'zh'."""
    if isinstance(raw, (list, tuple)):
        raw = raw[0] if raw else None
    if raw is None:
        return DEFAULT_LANG
    text = str(raw).strip().lower().replace("_", "-")
    if text in _ALIASES:
        return _ALIASES[text]
    prefix = text.split("-", 1)[0]
    return _ALIASES.get(prefix, DEFAULT_LANG)


def _check_module(name: str, module: ModuleType) -> dict[str, tuple[str, str]]:
    strings = getattr(module, "STRINGS", None)
    if not isinstance(strings, dict):
        raise TextsError(f"texts module {name} must define STRINGS: dict[str, tuple[str, str]]")
    for key, pair in strings.items():
        if not isinstance(key, str) or not key:
            raise TextsError(f"texts module {name}: key {key!r} must be a non-empty string")
        if not (isinstance(pair, tuple) and len(pair) == 2 and all(isinstance(s, str) for s in pair)):
            raise TextsError(f"texts module {name}: {key!r} must map to a (zh, en) pair of strings")
    return strings


def load_registry(package: ModuleType) -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    """Import every module of `package` and merge their STRINGS.

    Returns:
        (registry, owners): key -> (zh, en), and key -> the module that defines it.

    Raises:
        TextsError: a module has no valid STRINGS, or a key is defined twice.
    """
    registry: dict[str, tuple[str, str]] = {}
    owners: dict[str, str] = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.ispkg or info.name.startswith("_"):
            continue
        name = f"{package.__name__}.{info.name}"
        for key, pair in _check_module(name, importlib.import_module(name)).items():
            if key in registry:
                raise TextsError(f"text key {key!r} is defined in both {owners[key]} and {name}")
            registry[key] = pair
            owners[key] = name
    return registry, owners


_registry, _owners = load_registry(_texts_package)
STRINGS: Mapping[str, tuple[str, str]] = MappingProxyType(_registry)
OWNERS: Mapping[str, str] = MappingProxyType(_owners)


class _KeepMissing(dict):
    """Leave unknown {placeholders} in place instead of raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def placeholders(template: str) -> set[str]:
    """Names of the {placeholders} in `template`."""
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


STRICT_ENV = "LISHI_STRICT_TEXTS"


def t(key: str, lang: str, **kwargs: object) -> str:
    """Return the string `key` in `lang`, formatted with `kwargs`.

    A missing key returns the key itself in production (a page never breaks over a string), but raises
    KeyError when LISHI_STRICT_TEXTS=1 (tests/conftest.py sets it), so a typo fails the tests.
    """
    pair = STRINGS.get(key)
    if pair is None:
        if os.environ.get(STRICT_ENV) == "1":
            raise KeyError(f"no text {key!r} in lishi_metrics/text/strings")
        return key
    template = pair[LANGS.index(normalize_lang(lang))]
    try:
        return template.format_map(_KeepMissing(kwargs))
    except (ValueError, IndexError, AttributeError, KeyError):
        return template
