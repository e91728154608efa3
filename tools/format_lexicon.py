"""Rewrite data/triggers.json in its reviewable layout: one entry or list per line.

Usage: python tools/format_lexicon.py   (after editing the lexicon by script)
"""

from __future__ import annotations

import json
from pathlib import Path

PATH = Path(__file__).resolve().parent.parent / "src" / "eventwire" / "data" / "triggers.json"


def one_line(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def render(data: dict[str, object]) -> str:
    parts = []
    for key, value in data.items():
        if key == "entries" and isinstance(value, list):
            body = ",\n".join(f"    {one_line(e)}" for e in value)
            parts.append(f'  "{key}": [\n{body}\n  ]')
        elif isinstance(value, dict):
            inner = []
            for k, v in value.items():
                if isinstance(v, dict) and v:
                    rows = ",\n".join(
                        f"      {one_line(kk)}: {one_line(vv)}" for kk, vv in v.items()
                    )
                    inner.append(f"    {one_line(k)}: {{\n{rows}\n    }}")
                elif isinstance(v, dict):
                    inner.append(f"    {one_line(k)}: {{}}")
                else:
                    inner.append(f"    {one_line(k)}: {one_line(v)}")
            parts.append(f'  "{key}": {{\n' + ",\n".join(inner) + "\n  }")
        else:
            parts.append(f'  "{key}": {one_line(value)}')
    return "{\n" + ",\n".join(parts) + "\n}\n"


def main() -> None:
    data = json.loads(PATH.read_text(encoding="utf-8"))
    PATH.write_text(render(data), encoding="utf-8")


if __name__ == "__main__":
    main()
