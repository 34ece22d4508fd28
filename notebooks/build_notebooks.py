"""Writes the research notebooks of this folder (kept as code so they stay reviewable and in step).

python notebooks/build_notebooks.py
"""

from __future__ import annotations

from pathlib import Path

import nbformat as nbf

HERE = Path(__file__).resolve().parent

SETUP = """\
# Run the pipeline on the embedded sample archive (or set ARCHIVE to your own files).
import tempfile
from pathlib import Path

import duckdb
import matplotlib.pyplot as plt
import pandas as pd

from pipeline.run import run

pd.set_option("display.max_colwidth", 120)
ARCHIVE = None  # e.g. [Path("my-archive.jsonl.gz")]; None = corpora/sample
OUT = Path(tempfile.mkdtemp(prefix="vnpipe-notebook-"))
stats = run(ARCHIVE, OUT, workers=1)
db = duckdb.connect(str(OUT / "vnpipe.duckdb"), read_only=True)
print(stats.documents, "documents,", stats.errors, "errors")"""

NOTEBOOKS = {
    "people_and_roles.ipynb": [
        (
            "md",
            "# People and their roles\n\nWho appears in the archive, with which titles and for which organisations.",
        ),
        ("code", SETUP),
        (
            "code",
            '''\
people = db.sql("""
    select name, count(distinct doc_id) as documents, list(distinct r) as roles
    from (select doc_id, name, unnest(case when len(roles) = 0 then [null] else roles end) as r from people)
    group by name order by documents desc, name
""").df()
people.head(20)''',
        ),
        (
            "code",
            '''\
orgs = db.sql("""
    select o as organization, count(distinct name) as people
    from (select name, unnest(organizations) as o from people) group by o order by people desc limit 15
""").df()
ax = orgs.plot.barh(x="organization", y="people", figsize=(8, 5), legend=False)
ax.invert_yaxis(); ax.set_xlabel("people"); plt.tight_layout()''',
        ),
        (
            "code",
            '''\
speakers = db.sql("""
    select speaker, count(*) as statements from statements where speaker_is_person
    group by speaker order by statements desc limit 15
""").df()
ax = speakers.plot.barh(x="speaker", y="statements", figsize=(8, 5), legend=False)
ax.invert_yaxis(); ax.set_title("Most quoted people"); plt.tight_layout()''',
        ),
    ],
    "themes_over_time.ipynb": [
        (
            "md",
            "# Themes and their change over time\n\nThe themes of proposed solutions across the archive, by month and by source.",
        ),
        ("code", SETUP),
        (
            "code",
            """\
themes = db.sql("select theme_id, label, size, n_documents, first_date, last_date from themes order by size desc").df()
themes""",
        ),
        (
            "code",
            """\
by_month = db.sql("select month, label, solutions from themes_by_month where month <> '(unknown)'").df()
if not by_month.empty:
    pivot = by_month.pivot_table(index="month", columns="label", values="solutions", aggfunc="sum").fillna(0)
    pivot.plot(figsize=(10, 5), marker="o", legend=False, title="Solutions per theme and month")
    plt.tight_layout()
by_month.head()""",
        ),
        (
            "code",
            '''\
by_source = db.sql("""
    select source, count(distinct label) as themes, sum(solutions) as solutions
    from themes_by_source group by source order by solutions desc
""").df()
by_source.plot.bar(x="source", y="solutions", figsize=(9, 4), legend=False, title="Solutions by source")
plt.tight_layout()''',
        ),
    ],
    "one_person.ipynb": [
        (
            "md",
            "# Everything one person said\n\nPick a person: their statements, the solutions they proposed and the problems they raised.",
        ),
        ("code", SETUP),
        (
            "code",
            """\
top = db.sql("select speaker, count(*) n from statements where speaker_is_person group by 1 order by n desc limit 1").fetchall()
PERSON = top[0][0] if top else None
PERSON""",
        ),
        (
            "code",
            """\
said = db.sql("select doc_id, type, cue, text from statements where speaker = ? order by doc_id, start", params=[PERSON]).df()
proposed = db.sql("select doc_id, theme, text from solutions where proposer = ?", params=[PERSON]).df()
raised = db.sql("select doc_id, text from problems where raised_by = ?", params=[PERSON]).df()
print(len(said), "statements,", len(proposed), "solutions,", len(raised), "problems")
said.head(10)""",
        ),
        (
            "code",
            """\
counts = pd.Series({"statements": len(said), "solutions": len(proposed), "problems": len(raised)})
counts.plot.bar(figsize=(5, 3), title=f"{PERSON}"); plt.tight_layout()
proposed.head(10)""",
        ),
    ],
}


def main() -> None:
    for name, cells in NOTEBOOKS.items():
        nb = nbf.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nb.cells = [nbf.v4.new_markdown_cell(src) if kind == "md" else nbf.v4.new_code_cell(src) for kind, src in cells]
        nbf.write(nb, HERE / name)
        print("wrote", HERE / name)


if __name__ == "__main__":
    main()
