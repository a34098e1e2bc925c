"""The one text helper every emitter uses.

Emitters build text from small templates with ${name} fields
(string.Template) and collect it in an Out, which also knows the banner
each generated file starts with and writes a file only when its text has
changed, so the build does not recompile what did not change.
"""

from __future__ import annotations

import os
import string
import textwrap

BANNER = "generated from api.xml by generator/virtkit-gen - do not edit"


def fill(template: str, **fields) -> str:
    """Dedent TEMPLATE and substitute its ${fields}."""
    return string.Template(textwrap.dedent(template).lstrip("\n")).substitute(**fields)


class Out:
    def __init__(self, comment: str = "c"):
        self.parts: list[str] = []
        if comment == "c":
            self.parts.append(f"/* {BANNER} */\n")
        else:
            self.parts.append(f"# {BANNER}\n")

    def add(self, text: str) -> None:
        self.parts.append(text)

    def tmpl(self, template: str, **fields) -> None:
        self.parts.append(fill(template, **fields))

    def text(self) -> str:
        return "".join(self.parts)

    def write(self, path: str) -> None:
        write_if_changed(path, self.text())


def write_if_changed(path: str, text: str) -> None:
    try:
        with open(path, encoding="utf-8") as f:
            if f.read() == text:
                return
    except FileNotFoundError:
        pass
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def c_string(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def comment_block(text: str, indent: str = "") -> str:
    lines = textwrap.wrap(text, 72) or [""]
    out = [indent + "/*"]
    out += [indent + " * " + line for line in lines]
    out.append(indent + " */")
    return "\n".join(out) + "\n"
