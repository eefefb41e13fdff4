"""Rebuild the generated word lists in this folder (development time only, never imported).

Usage: python build_data.py FAKER_PERSON_DIR SCOWL_SMALL_WORDLIST RUCA_ZIP_CSV
"""

import ast
import csv
import gzip
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).parent


def key(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def faker_lists(path: Path, wanted: tuple[str, ...]) -> set[str]:
    """Read the literal name tuples/dicts out of a Faker person provider without importing it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            if node.targets[0].id not in wanted:
                continue
            for const in ast.walk(node.value):
                if isinstance(const, ast.Constant) and isinstance(const.value, str):
                    out.add(const.value)
    return out


def write_gz(name: str, words: set[str]) -> None:
    data = "\n".join(sorted(w for w in words if w)) + "\n"
    with gzip.GzipFile(HERE / name, "wb", mtime=0) as fh:
        fh.write(data.encode("utf-8"))


def main() -> None:
    faker_dir, scowl, ruca = (Path(a) for a in sys.argv[1:4])
    first_vars = ("first_names", "first_names_male", "first_names_female", "first_names_unisex")
    first_vars += ("first_names_nonbinary",)
    last_vars = ("last_names", "last_names_male", "last_names_female")
    first: set[str] = set()
    last: set[str] = set()
    for src in sorted(faker_dir.glob("*/__init__.py")):
        first |= {key(n) for n in faker_lists(src, first_vars) if len(n) > 1 or ord(n[0]) > 0x2E80}
        last |= {key(n) for n in faker_lists(src, last_vars)}
    # Faker writes Spanish double names and Chinese given names as one string: keep parts too.
    for collection in (first, last):
        for word in list(collection):
            if " " in word:
                collection.update(part for part in word.split() if len(part) > 1)
                collection.discard(word)
    write_gz("first_names.txt.gz", first)
    write_gz("surnames.txt.gz", last)
    english = set()
    for line in scowl.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.islower() and line.isalpha():
            english.add(line)
    write_gz("english_words.txt.gz", english)
    with ruca.open(encoding="utf-8") as fh:
        zips = {row["ZIP_CODE"].zfill(5) for row in csv.DictReader(fh)}
    write_gz("zips.txt.gz", zips)


if __name__ == "__main__":
    main()
