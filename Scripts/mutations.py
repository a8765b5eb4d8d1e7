#!/usr/bin/env python3
"""Mutation checks: each of issue 10's guarded fixes, undone, must make its regression test fail.

Each mutation is (name, file, exact old text, new text, test filter). The package is copied, without
.build and .git, to a temporary folder with its own scratch path, so the tree this script belongs to
is never modified. In that copy each mutation in turn is applied, built, its filtered tests run
(with a time limit), and the edit undone; then the unmutated copy is built and every filter run
again, which must pass. Per mutation the verdict is:

  fails   the test fails with the fix undone (what a regression test is for)
  passes  the test still passes: it does not guard the fix
  hangs   the test did not finish within the time limit (a fail of another kind)
  broken  the mutated package did not build, or the old text was not found (fix the mutation)

Usage: Scripts/mutations.py [--only NAME ...] [--timeout SECONDS] [--keep] [--list]
Exits 0 when every mutation fails or hangs and the unmutated copy passes, else 1.
The copy's first build compiles the dependencies (minutes on two cores); run no other
`swift test` at the same time.
"""

import argparse
import glob
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# (name, file, exact old text, new text, test filter)
MUTATIONS = [
    (
        "rename-over-devices",
        "Sources/claimlint/ReportFile.swift",
        "        return type != S_IFREG && type != S_IFDIR\n",
        "        return false\n",
        # Only the FIFO test: the /dev/stdout one would replace the device node on this machine.
        "HardeningCLITests/reportIntoNamedPipe",
    ),
    (
        "no-phrase-bound",
        "Sources/ClaimLint/Matching/PhraseMatcher.swift",
        "guard alternatives <= PhraseWalkBound.maximumAlternatives else {",
        "guard alternatives <= Int.max else {",
        "PhraseWalkBoundTests/rejectsExplosivePhrase",
    ),
    (
        "no-state-merging",
        "Sources/ClaimLint/Matching/PhraseWalkBound.swift",
        "            if slots[index].state == state { return false }\n",
        "            if slots[index].state == state { return true }\n",
        "PhraseWalkBoundTests/mergesEqualStates",
    ),
    (
        "no-sentence-budget",
        "Sources/ClaimLint/Matching/PhraseMatcher.swift",
        "                if budget < 0 {\n"
        "                    budget = 0\n"
        "                    scratch.cutSentences += 1\n"
        "                    scratch.stack.removeAllKeepingCapacity()\n"
        "                    return\n"
        "                }\n",
        "",
        "PhraseWalkBoundTests/stopsAtSentenceBudget",
    ),
    (
        "removed-file-as-other-error",
        "Sources/ClaimLint/Linting/InputFile.swift",
        'case ENOENT: reason = "no longer exists: it was removed after the run found it"',
        'case ENOENT: reason = "cannot read this file (permission denied or not a regular file)"',
        "HardeningCLITests/removedFile",
    ),
]


def log(message):
    print(message, flush=True)


def run(command, cwd, timeout, log_path):
    """Runs `command` in its own process group; returns its status, or None when it timed out."""
    environment = dict(os.environ)
    environment.pop("CLAIMLINT_TEST_BINARY", None)
    with open(log_path, "w") as out:
        process = subprocess.Popen(
            command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=environment, start_new_session=True
        )
        try:
            return process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            kill_session(process.pid)
            process.wait()
            return None


def kill_session(session):
    """Kills every process of the session `run` started: swift test gives the test runner a process
    group of its own, and the tests' children have theirs, so killing the group is not enough."""
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # After the command's name: state, parent, process group, session.
        if int(fields[3]) == session:
            try:
                os.kill(int(entry), signal.SIGKILL)
            except ProcessLookupError:
                pass


def tests_ran(log_path):
    """How many tests swift-testing says it ran (0 when none, or no summary line)."""
    text = open(log_path, errors="replace").read()
    counts = [int(n) for n in re.findall(r"Test run with (\d+) tests?", text)]
    return max(counts) if counts else 0


def copy_package(destination):
    ignore = shutil.ignore_patterns(".build", ".build-*", ".build_*", ".git", ".swiftpm", "fuzz-out", "__pycache__")
    shutil.copytree(ROOT, destination, ignore=ignore, symlinks=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", nargs="*", help="run only these mutations")
    parser.add_argument("--timeout", type=int, default=300, help="seconds for one filtered test run (300)")
    parser.add_argument("--build-timeout", type=int, default=3600, help="seconds for one build (3600)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary copy and its build")
    parser.add_argument("--list", action="store_true", help="list the mutations and exit")
    options = parser.parse_args()

    chosen = [m for m in MUTATIONS if not options.only or m[0] in options.only]
    if options.list or not chosen:
        for name, path, _, _, test in MUTATIONS:
            log(f"{name}: {path} -> {test}")
        return 0 if options.list else 64

    work = tempfile.mkdtemp(prefix="claimlint-mutations-")
    package = os.path.join(work, "package")
    scratch = os.path.join(work, "build")
    log(f"copying {ROOT} to {package} (scratch path {scratch})")
    copy_package(package)
    build = ["swift", "build", "--build-tests", "--scratch-path", scratch]

    def test(filters, log_path):
        command = ["swift", "test", "--skip-build", "--scratch-path", scratch]
        for test_filter in filters:
            command += ["--filter", test_filter]
        return run(command, package, options.timeout, log_path)

    results = []
    started = time.time()
    try:
        for name, path, old, new, test_filter in chosen:
            target = os.path.join(package, path)
            original = open(target).read()
            step_log = os.path.join(work, name + ".log")
            if original.count(old) != 1:
                results.append((name, test_filter, "broken", f"old text found {original.count(old)} times in {path}"))
                log(f"{name}: broken (old text found {original.count(old)} times in {path})")
                continue
            with open(target, "w") as out:
                out.write(original.replace(old, new))
            try:
                t0 = time.time()
                status = run(build, package, options.build_timeout, step_log)
                if status != 0:
                    results.append((name, test_filter, "broken", f"the mutated package did not build ({step_log})"))
                    log(f"{name}: broken (build failed, {step_log})")
                    continue
                status = test([test_filter], step_log)
                seconds = time.time() - t0
                if status is None:
                    verdict = "hangs"
                elif tests_ran(step_log) == 0:
                    verdict = "broken"
                elif status == 0:
                    verdict = "passes"
                else:
                    verdict = "fails"
                detail = "no test ran" if verdict == "broken" else f"{tests_ran(step_log)} test(s), {seconds:.0f} s"
                results.append((name, test_filter, verdict, detail))
                log(f"{name}: {verdict} ({test_filter}: {detail})")
            finally:
                with open(target, "w") as out:
                    out.write(original)

        control_log = os.path.join(work, "unmutated.log")
        filters = [m[4] for m in chosen]
        status = run(build, package, options.build_timeout, control_log)
        if status == 0:
            status = test(filters, control_log)
        ran = tests_ran(control_log)
        control_ok = status == 0 and ran == len(filters)
        log(f"unmutated: {'passes' if control_ok else 'FAILS'} ({ran} test(s) of {len(filters)}, {control_log})")
    finally:
        if options.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
            # SwiftPM's lock files for the scratch path, named after it, beside it in the temporary folder.
            for lock in glob.glob(os.path.join(os.path.dirname(work), scratch.replace("/", "_") + "*.lock")):
                os.remove(lock)

    log("")
    log("| mutation | test | result |")
    log("| --- | --- | --- |")
    for name, test_filter, verdict, detail in results:
        log(f"| `{name}` | `{test_filter}` | {verdict} ({detail}) |")
    log(f"| none | all of the above | {'pass' if control_ok else 'FAIL'} |")
    log(f"({time.time() - started:.0f} s)")
    good = all(r[2] in ("fails", "hangs") for r in results) and control_ok
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
