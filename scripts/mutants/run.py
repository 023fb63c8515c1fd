#!/usr/bin/env python3
"""Hand-made mutants of the backward code (mutants.json): each is applied to a copy of the repository, built, and
the gradient checks (dotnet test --filter FullyQualifiedName~Grad) run against it. A mutant is killed when a test
fails, survives when all pass, and is stillborn when it does not build. Prints a markdown table and the score.

    scripts/mutants/run.py [--only ID ...] [--work DIR]
"""
import argparse, json, os, shutil, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

def run(cmd, cwd):
    return subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", nargs="*", default=None)
    parser.add_argument("--work", default="/tmp/sdflearn-mutants")
    args = parser.parse_args()
    mutants = json.load(open(os.path.join(ROOT, "scripts/mutants/mutants.json")))
    if args.only:
        mutants = [m for m in mutants if m["id"] in args.only]

    # A private copy, so the working tree is never left mutated (even if this script is killed).
    shutil.rmtree(args.work, ignore_errors=True)
    shutil.copytree(ROOT, args.work, ignore=shutil.ignore_patterns("bin", "obj", ".git"))
    build = ["dotnet", "build", "SdfLearn.Tests", "-c", "Release", "-v", "quiet", "-nologo"]
    test = ["dotnet", "test", "SdfLearn.Tests", "-c", "Release", "--no-build", "--filter", "FullyQualifiedName~Grad"]
    baseline = run(build, args.work)
    if baseline.returncode != 0 or run(test, args.work).returncode != 0:
        sys.exit("the unmutated code does not build or pass its gradient checks:\n" + baseline.stdout[-3000:])

    print("| mutant | file | kind | result | seconds |")
    print("|---|---|---|---|---:|")
    counts = {"killed": 0, "survived": 0, "stillborn": 0}
    for m in mutants:
        path = os.path.join(args.work, m["file"])
        original = open(path).read()
        if original.count(m["find"]) != 1:
            sys.exit(f"{m['id']}: the text to mutate occurs {original.count(m['find'])} times in {m['file']}")
        open(path, "w").write(original.replace(m["find"], m["replace"]))
        start = time.time()
        try:
            if run(build, args.work).returncode != 0:
                result = "stillborn"
            else:
                result = "killed" if run(test, args.work).returncode != 0 else "survived"
        finally:
            open(path, "w").write(original)
        counts[result] += 1
        print(f"| {m['id']} | {m['file']} | {m['kind']} | {result} | {time.time() - start:.0f} |", flush=True)
    viable = counts["killed"] + counts["survived"]
    print(f"\nkilled {counts['killed']}, survived {counts['survived']}, stillborn {counts['stillborn']}; "
          f"score {counts['killed']}/{viable} = {100.0 * counts['killed'] / max(viable, 1):.0f}%")
    return 0 if counts["survived"] == 0 else 1

if __name__ == "__main__":
    sys.exit(main())
