#!/usr/bin/env python3
"""Prints a digest of an app bundle (.tar.gz) that depends on its members' names, kinds, modes,
link targets and contents, never on timestamps or owners, so that rebuilding identical code
does not count as a new bundle."""
import hashlib
import sys
import tarfile


def digest(path: str) -> str:
    total = hashlib.sha256()
    with tarfile.open(path, "r:*") as archive:
        members = sorted(archive.getmembers(), key=lambda m: m.name)
        for member in members:
            name = member.name[2:] if member.name.startswith("./") else member.name
            total.update(f"{name}\0{member.type!r}\0{member.mode:o}\0{member.linkname}\0".encode())
            if member.isfile():
                content = hashlib.sha256()
                stream = archive.extractfile(member)
                for chunk in iter(lambda: stream.read(1 << 20), b""):
                    content.update(chunk)
                total.update(content.digest())
    return total.hexdigest()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: bundle-digest.py BUNDLE.tar.gz")
    print(digest(sys.argv[1]))
