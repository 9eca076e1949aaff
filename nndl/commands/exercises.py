"""`nndl exercises`: every exercise a learner can check a derivation of, with a template to start from."""
from __future__ import annotations

import json


def add(sub) -> None:
    p = sub.add_parser(
        "exercises", help="list the exercises, the notation each is read in, and a template of a solution",
        description="Every exercise and claim of the chapter (the ids of `nndl prove`): its id, title, "
        "statement, the notation and assumptions `nndl check` reads a solution with, and a short "
        "template of a chain `nndl check` accepts (write your steps between its left and right side).")
    p.add_argument("ids", nargs="*", metavar="ID", help="only these exercises (default: all)")
    p.add_argument("--template", action="store_true",
                   help="print only the template of the one exercise named, as a Markdown file to start "
                   "from (nndl exercises ID --template > mine.md)")
    p.add_argument("--json", action="store_true",
                   help="print a JSON list of {id, title, statement, prose, notation, template}")
    p.set_defaults(run=run)


def run(args) -> int:
    from derivations.errors import NndlError
    from derivations.notation import why_text
    from exercises.check.templates import notation, template
    from exercises.registry import all_claims, get
    claims = [get(i) for i in args.ids] if args.ids else all_claims()
    if args.template:
        if len(claims) != 1 or args.json:
            raise NndlError("--template prints the template of one exercise: name one ID (and no --json)")
        shown = template(claims[0].id)
        if not shown:
            raise NndlError(f"{claims[0].id}: no statement a chain can end at, so no template")
        print(f"# {claims[0].title}\n\n{shown}", end="")
        return 0
    rows = [{"id": c.id, "title": c.title, "statement": c.statement().text(), "prose": why_text(c.prose),
             "source": c.source, "notation": list(notation(c.id)), "template": template(c.id)} for c in claims]
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    blocks = []
    for r in rows:
        out = [f"{r['id']}: {r['title']}", f"  {r['prose']}", f"  as stated: {r['statement']}"]
        if r["notation"]:
            out.append(f"  read with: {'; '.join(r['notation'])}")
        if r["template"]:
            out.append("  a solution nndl check reads (write your steps between the left side and the right: "
                       "\\\\ &= ... on a line each):")
            out += [f"    {line}" for line in r["template"].splitlines()]
        blocks.append("\n".join(out))
    print("\n\n".join(blocks))
    print(f"\n{len(rows)} exercise{'s' if len(rows) != 1 else ''}; check a solution with "
          "nndl check FILE.md (or --exercise ID); nndl prove --explain ID shows the proof.")
    return 0
