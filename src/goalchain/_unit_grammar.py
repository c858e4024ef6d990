"""The grammar of a unit string, read by hand in time linear in its length.

A unit comes from files, spreadsheets and Kolada answers other people wrote, so
its text is never evaluated: not by ``eval`` and not by pint's own expression
parser, which computes powers (``kr**9**9**9`` does not finish), accepts
``kr**1e400`` and divides by zero (``kr/0``). This module checks the text
against what the unit of a municipal indicator can be and builds the unit as a
mapping of unit names to whole powers; :mod:`goalchain.units` looks each name
up in the registry (a name is looked up, never parsed as an expression) and
makes the pint unit from the mapping.

The grammar (``|`` or, ``[]`` optional, ``{}`` repeated)::

    unit     = ["/" | "per"] product              (a leading "/" only before a number)
    product  = factor {("*" | "·" | "/" | "per" | juxtaposition) factor}
    factor   = ["square" | "sq" | "cubic"] base [power]
    base     = name | number [name] | "(" product ")"
    power    = ("**" | "^") ["("] [sign] digits [")"] | superscripts | "squared" | "cubed"

A *name* is letters, digits 0-9, ``_`` and ``°`` starting with a letter, ``_``
or ``°`` (``kr``, ``kWh``, ``m2``, ``invånare``, ``°C``), with an abbreviation
dot (``inv.``), or one of ``%`` and ``‰``. Multiplication, division and juxtaposition (``kr inv``)
bind alike, from the left, as in pint; a power binds to the factor before it.
A *number* is 1 (``1/inv``), or scales the name after it into a unit
goalchain has: 1000, 10 000 or 100 000 inhabitants (``per 1000 invånare``,
``kr/100 000 inv``) and 1000 or 1 000 000 kronor (``tkr``, ``mnkr``).

Limits (module constants): :data:`MAX_UNIT_LENGTH` characters,
:data:`MAX_UNIT_NESTING` levels of parentheses, powers of at most
:data:`MAX_UNIT_POWER` either way, numbers of at most :data:`MAX_UNIT_DIGITS`
digits.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import NamedTuple

from .exceptions import N_, AmbiguousUnitError, Message, UnknownUnitError

__all__ = [
    "MAX_UNIT_DIGITS",
    "MAX_UNIT_LENGTH",
    "MAX_UNIT_NESTING",
    "MAX_UNIT_POWER",
    "Powers",
    "describe_char",
    "parse_unit_text",
]

MAX_UNIT_LENGTH = 100
"""Most characters in a unit string (``"per 100 000 invånare"`` has 20)."""
MAX_UNIT_NESTING = 4
"""Most levels of parentheses in a unit (``"SEK / (meter ** 2)"`` has 1)."""
MAX_UNIT_POWER = 4
"""Largest power of a unit either way: ``m**4`` and ``1/m**4``; powers are whole numbers."""
MAX_UNIT_DIGITS = 7
"""Most digits of a number in a unit (``1 000 000`` kronor has 7)."""

Powers = dict[str, int]
"""A unit as the registry's names and their whole powers: ``{"SEK": 1, "inhabitant": -1}``."""

GRAMMAR_HINT = (
    "a unit is names such as 'kr', 'tkr', '%', 'inv' or 'm' joined by '*', '/' or 'per', "
    f"with whole powers from -{MAX_UNIT_POWER} to {MAX_UNIT_POWER} ('m**2', 'm²'), at most "
    f"{MAX_UNIT_NESTING} levels of parentheses and {MAX_UNIT_LENGTH} characters"
)
"""What a unit may be, for error messages."""

# numbers that scale a unit into one goalchain has: (number, unit) -> unit
_SCALED: dict[tuple[int, str], Powers] = {
    (1000, "inhabitant"): {"per_1000_inhabitants": -1},
    (10000, "inhabitant"): {"per_10000_inhabitants": -1},
    (100000, "inhabitant"): {"per_100000_inhabitants": -1},
    (1000, "SEK"): {"tkr": 1},
    (1000000, "SEK"): {"mnkr": 1},
}
_SCALED_HINT = Message(
    N_(
        "a number in a unit is 1 ('1/inv'), or 1000, 10 000 or 100 000 before inhabitants "
        "('per 1000 invånare') or 1000 or 1 000 000 before kronor ('1000 kr' is 'tkr')"
    )
)
_POWERS_HINT = Message(N_("powers are whole numbers from -{most} to {most}"), most=MAX_UNIT_POWER)
_NUMBER_HINT = N_("the number {number}: {hint}")
_OUT_OF_PLACE = N_("{token!r} at character {at} is out of place")
_TOO_LARGE = N_("the power {power} is too large; {hint}")
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_OPERATOR_WORDS = frozenset({"per", "square", "sq", "cubic", "squared", "cubed"})
_PREFIX_POWERS = {"square": 2, "sq": 2, "cubic": 3}
_SPACES = frozenset(" \t\u00a0\u202f\u2009")


class _Token(NamedTuple):
    kind: str  # name, number, decimal, power, times, divide, open, close, sign, super, word
    text: str
    start: int
    end: int


def describe_char(char: str) -> Message:
    """``'٣' (ARABIC-INDIC DIGIT THREE)``: a character and its Unicode name, worded in
    a message's language (``tecknet '٣' (ARABIC-INDIC DIGIT THREE)``).

    Examples
    --------
    >>> from goalchain._unit_grammar import describe_char
    >>> str(describe_char("٣")), describe_char("²").render("sv")
    ("'٣' (ARABIC-INDIC DIGIT THREE)", "tecknet '²' (SUPERSCRIPT TWO)")
    """
    name = unicodedata.name(char, f"U+{ord(char):04X}")
    return Message(N_("{char!r} ({name})"), char=char, name=name)


def _fail(text: str, reason: str, **params: object) -> UnknownUnitError:
    """The error for *text*, what in it cannot be read a message (*reason* with *params*)."""
    return UnknownUnitError(text, reason=Message(reason, **params))


def _tokens(text: str) -> list[_Token]:
    """Split *text* into tokens, one pass over its characters."""
    out: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        start = i
        if c in _SPACES:
            i += 1
            continue
        if "0" <= c <= "9":
            i = _digits_end(text, i)
            if text[i : i + 1] in (".", ",") and "0" <= text[i + 1 : i + 2] <= "9":
                i = _digits_end(text, i + 1)  # "0.5": a decimal, to be refused as one
                out.append(_Token("decimal", text[start:i], start, i))
                continue
            # thousands in groups of three: "100 000"
            while (
                i + 4 <= n
                and text[i] in _SPACES
                and all("0" <= d <= "9" for d in text[i + 1 : i + 4])
                and (i + 4 == n or not "0" <= text[i + 4] <= "9")
            ):
                i += 4
            out.append(_Token("number", text[start:i], start, i))
            continue
        if c in "%‰":
            out.append(_Token("name", c, start, i + 1))
            i += 1
            continue
        if c.isalpha() or c in "_°":
            i += 1
            while i < n and (text[i].isalpha() or text[i] in "_°" or "0" <= text[i] <= "9"):
                i += 1
            if i < n and text[i] == "." and (i + 1 == n or not text[i + 1].isalnum()):
                i += 1  # an abbreviation: "inv."
            word = text[start:i]
            kind = "word" if word in _OPERATOR_WORDS else "name"
            out.append(_Token(kind, word, start, i))
            continue
        if c == "*" and text[i + 1 : i + 2] == "*":
            out.append(_Token("power", "**", start, i + 2))
            i += 2
            continue
        i += 1
        if c == "^":
            out.append(_Token("power", c, start, i))
        elif c in "*·⋅×":
            out.append(_Token("times", c, start, i))
        elif c == "/":
            out.append(_Token("divide", c, start, i))
        elif c == "(":
            out.append(_Token("open", c, start, i))
        elif c == ")":
            out.append(_Token("close", c, start, i))
        elif c in "+-\u2212":
            out.append(_Token("sign", c, start, i))
        elif c in _SUPERSCRIPTS or c == "⁻":
            while i < n and text[i] in _SUPERSCRIPTS:
                i += 1
            out.append(_Token("super", text[start:i], start, i))
        elif c.isnumeric():
            raise _fail(
                text,
                N_("{char} is not a digit 0-9; write numbers with the digits 0-9"),
                char=describe_char(c),
            )
        else:
            raise _fail(
                text,
                N_("{char} at character {at} has no place in a unit"),
                char=describe_char(c),
                at=start + 1,
            )
    return out


def _digits_end(text: str, i: int) -> int:
    n = len(text)
    while i < n and "0" <= text[i] <= "9":
        i += 1
    return i


class _Parser:
    """Recursive descent over the tokens; depth bounded by MAX_UNIT_NESTING."""

    def __init__(self, text: str, lookup: Callable[[str], Powers]):
        self.text = text
        self.lookup = lookup
        self.tokens = _tokens(text)
        self.at = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.at]
        self.at += 1
        return token

    def fail(self, reason: str, **params: object) -> UnknownUnitError:
        return _fail(self.text, reason, **params)

    def name(self, word: str) -> Powers:
        """The powers of one name, or an error naming the whole text and the word."""
        try:
            return self.lookup(word)
        except AmbiguousUnitError:
            raise
        except UnknownUnitError as err:
            if word == self.text:
                raise
            raise self.fail(N_("{name!r} is no unit goalchain knows"), name=word) from err

    def parse(self) -> Powers:
        first = self.peek()
        if first is None:
            raise self.fail(N_("there is no unit in it"))
        if first.kind == "divide" or (first.kind == "word" and first.text == "per"):
            self.take()  # "per 1000 invånare", "/100 000 inv": per that many
            following = self.peek()
            if following is None or following.kind != "number":
                raise self.fail(
                    N_(
                        "a unit does not start with {word!r} except before a number "
                        "('per 1000 invånare'); write '1/inv' for per inhabitant"
                    ),
                    word=first.text,
                )
            result = self.product(0, _times(self.factor(0), -1))
        else:
            result = self.product(0, self.factor(0))
        extra = self.peek()
        if extra is not None:
            if extra.kind == "close":
                raise self.fail(N_("the ')' at character {at} closes nothing"), at=extra.start + 1)
            raise self.fail(_OUT_OF_PLACE, token=extra.text, at=extra.start + 1)
        return result

    def product(self, depth: int, first: Powers) -> Powers:
        """The factors after *first*, multiplied and divided from the left."""
        result = first
        while True:
            token = self.peek()
            if token is None or token.kind == "close":
                return result
            if token.kind == "times":
                self.take()
                result = _combine(result, self.factor(depth), 1)
            elif token.kind == "divide" or (token.kind == "word" and token.text == "per"):
                self.take()
                result = _combine(result, self.factor(depth), -1)
            elif token.kind in ("name", "number", "open") or (
                token.kind == "word" and token.text in _PREFIX_POWERS
            ):
                result = _combine(result, self.factor(depth), 1)  # "kr inv": juxtaposed
            else:
                raise self.fail(_OUT_OF_PLACE, token=token.text, at=token.start + 1)

    def factor(self, depth: int) -> Powers:
        token = self.peek()
        if token is None:
            raise self.fail(N_("it ends where a unit should follow"))
        prefix = 1
        if token.kind == "word" and token.text in _PREFIX_POWERS:
            self.take()
            prefix = _PREFIX_POWERS[token.text]
            token = self.peek()
            if token is None or token.kind != "name":
                raise self.fail(
                    N_("{word!r} is not followed by a unit name"),
                    word=self.tokens[self.at - 1].text,
                )
        token = self.take()
        if token.kind == "decimal":
            raise self.fail(_NUMBER_HINT, number=token.text, hint=_SCALED_HINT)
        if token.kind == "name":
            base = self.name(token.text)
        elif token.kind == "number":
            return self.number(token)
        elif token.kind == "open":
            if depth >= MAX_UNIT_NESTING:
                raise self.fail(
                    N_("its parentheses nest deeper than {most} levels"), most=MAX_UNIT_NESTING
                )
            base = self.product(depth + 1, self.factor(depth + 1))
            close = self.peek()
            if close is None or close.kind != "close":
                raise self.fail(N_("the '(' at character {at} is not closed"), at=token.start + 1)
            self.take()
        else:
            raise self.fail(
                N_("{token!r} at character {at} stands where a unit should be"),
                token=token.text,
                at=token.start + 1,
            )
        power = prefix * self.power()
        if abs(power) > MAX_UNIT_POWER:
            raise self.fail(_TOO_LARGE, power=power, hint=_POWERS_HINT)
        following = self.peek()
        if following is not None and (
            following.kind in ("power", "super") or following.text in ("squared", "cubed")
        ):
            raise self.fail(
                N_(
                    "the power {power!r} at character {at} follows another power; a unit takes "
                    "one whole power ('m**2')"
                ),
                power=following.text,
                at=following.start + 1,
            )
        return _times(base, power)

    def number(self, token: _Token) -> Powers:
        """A number: 1, or one that scales the name after it (``1000 inv``, ``1000 kr``)."""
        digits = token.text.translate(_NO_SPACES)
        if len(digits) > MAX_UNIT_DIGITS:
            raise self.fail(
                N_("the number {number!r} has more than {most} digits; {hint}"),
                number=token.text,
                most=MAX_UNIT_DIGITS,
                hint=_SCALED_HINT,
            )
        value = int(digits)
        following = self.peek()
        if following is None or following.kind != "name":
            if value != 1:
                raise self.fail(_NUMBER_HINT, number=token.text, hint=_SCALED_HINT)
            if self._powered():
                raise self.fail(N_("the number 1 takes no power"))
            return {}
        self.take()
        base = self.name(following.text)
        if self._powered():
            raise self.fail(
                N_("{number} {name} takes no power; {hint}"),
                number=token.text,
                name=following.text,
                hint=_SCALED_HINT,
            )
        if value == 1:
            return base
        (name, power), *others = list(base.items()) or [("", 0)]
        scaled = _SCALED.get((value, name)) if power == 1 and not others else None
        if scaled is None:
            raise self.fail(
                N_("{number} {name}: {hint}"),
                number=token.text,
                name=following.text,
                hint=_SCALED_HINT,
            )
        return dict(scaled)

    def _powered(self) -> bool:
        following = self.peek()
        return following is not None and (
            following.kind in ("power", "super") or following.text in ("squared", "cubed")
        )

    def power(self) -> int:
        token = self.peek()
        if token is None:
            return 1
        if token.kind == "super":
            self.take()
            text = token.text
            negative = text.startswith("⁻")
            digits = text[1:] if negative else text
            if not digits:
                raise self.fail(N_("the power {power!r} has no digits"), power=text)
            value = _small_int(digits.translate(_FROM_SUPERSCRIPT), self.text)
            return -value if negative else value
        if token.kind == "word" and token.text in ("squared", "cubed"):
            self.take()
            return 2 if token.text == "squared" else 3
        if token.kind != "power":
            return 1
        self.take()
        opening = self.peek()
        parenthesised = opening is not None and opening.kind == "open"
        if parenthesised:
            self.take()
        sign = 1
        following = self.peek()
        if following is not None and following.kind == "sign":
            self.take()
            sign = 1 if following.text == "+" else -1
            following = self.peek()
        if following is not None and following.kind == "decimal":
            raise self.fail(
                N_("the power {power} is not a whole number; {hint}"),
                power=following.text,
                hint=_POWERS_HINT,
            )
        if following is None:
            raise self.fail(
                N_("the power after {sign!r} is nothing; {hint}"),
                sign=token.text,
                hint=_POWERS_HINT,
            )
        if following.kind != "number" or " " in following.text:
            raise self.fail(
                N_("the power after {sign!r} is {power!r}; {hint}"),
                sign=token.text,
                power=following.text,
                hint=_POWERS_HINT,
            )
        self.take()
        after = self.peek()
        if after is not None and after.start == following.end and after.kind == "name":
            raise self.fail(
                N_("the power {power!r} is not a whole number from -{most} to {most}"),
                power=following.text + after.text,
                most=MAX_UNIT_POWER,
            )
        if parenthesised:
            close = self.peek()
            if close is None or close.kind != "close":
                raise self.fail(
                    N_("the power after {sign!r} is not closed with ')'"), sign=token.text
                )
            self.take()
        return sign * _small_int(following.text, self.text)


def _small_int(digits: str, text: str) -> int:
    """A power's digits as an int, checked for size before int() sees them."""
    stripped = digits.lstrip("0") or "0"
    if len(stripped) > 1 or int(stripped) > MAX_UNIT_POWER:
        raise _fail(text, _TOO_LARGE, power=digits, hint=_POWERS_HINT)
    return int(stripped)


_FROM_SUPERSCRIPT = str.maketrans(_SUPERSCRIPTS, "0123456789")
_NO_SPACES = str.maketrans({space: None for space in _SPACES})


def _combine(left: Powers, right: Powers, sign: int) -> Powers:
    result = dict(left)
    for name, power in right.items():
        total = result.get(name, 0) + sign * power
        if total:
            result[name] = total
        else:
            result.pop(name, None)
    return result


def _times(powers: Powers, factor: int) -> Powers:
    return {name: power * factor for name, power in powers.items() if power * factor}


def parse_unit_text(text: str, lookup: Callable[[str], Powers]) -> Powers:
    """Read *text* by the grammar above into registry names and whole powers.

    *lookup* turns one name (``"kr"``, ``"invånare"``, ``"m2"``) into its
    powers (``{"SEK": 1}``, ``{"meter": 2}``) or raises UnknownUnitError. Time
    and memory are linear in the text, which is at most MAX_UNIT_LENGTH long.

    Raises
    ------
    UnknownUnitError
        Naming the text and what in it cannot be read.

    Examples
    --------
    >>> from goalchain._unit_grammar import parse_unit_text
    >>> names = {"kr": {"SEK": 1}, "inv": {"inhabitant": 1}, "m": {"meter": 1}}
    >>> parse_unit_text("kr/(inv*m²)", names.__getitem__)
    {'SEK': 1, 'inhabitant': -1, 'meter': -2}
    >>> parse_unit_text("kr/1000 inv", names.__getitem__)
    {'SEK': 1, 'per_1000_inhabitants': 1}
    >>> parse_unit_text("kr**9**9**9", names.__getitem__)
    Traceback (most recent call last):
    ...
    goalchain.exceptions.UnknownUnitError: unknown unit 'kr**9**9**9': the power 9 is too \
large; powers are whole numbers from -4 to 4; use a pint unit or a municipal one such as \
'percent' ('%'), 'percentage_point' ('procentenheter'), 'SEK' ('kr'), 'tkr', 'mnkr', \
'inhabitant', 'per_1000_inhabitants', 'count', 'day', 'hour'
    """
    if len(text) > MAX_UNIT_LENGTH:
        raise _fail(
            text,
            N_("it is {n} characters long; a unit has at most {most}"),
            n=len(text),
            most=MAX_UNIT_LENGTH,
        )
    powers = _Parser(text, lookup).parse()
    for name, power in powers.items():
        if abs(power) > MAX_UNIT_POWER:
            raise _fail(
                text,
                N_("{name!r} comes to the power {power}; {hint}"),
                name=name,
                power=power,
                hint=_POWERS_HINT,
            )
    return powers
