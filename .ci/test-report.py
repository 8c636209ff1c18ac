#!/usr/bin/env python3
"""The test totals of a Maven run, and why tests were skipped, from every module's Surefire XML reports.

  test-report.py summary LABEL FILE   prints LABEL's totals and the skipped tests counted per reason (a skip reason
                                      with its ids, framings and rule numbers taken out), and saves the totals to FILE
  test-report.py total FILE...        prints the one closing line over the saved runs: N passed, N failed, N skipped
"""
import collections
import glob
import json
import re
import sys
import xml.etree.ElementTree as ET


def reason(text):
    lines = (text or "").strip().splitlines()
    line = lines[0].strip() if lines else "(no reason given)"
    line = re.sub(r"^[\w.$]+(?:Exception|Error): ", "", line)
    line = re.sub(r"^Assumption failed: ", "", line)
    line = re.sub(r"^\S+/\S+ is skipped: ", "a shared capture is skipped: ", line)
    line = re.sub(r"'[^']*'", "'...'", line)
    line = re.sub(r"\b(SSE|NDJSON|AWS_EVENT_STREAM|JSON_ARRAY)\b", "<framing>", line)
    line = re.sub(r"\b[A-Z]\d(\.\d+)?\b", "<rule>", line)
    return line[:150]


def summary(label, out):
    tests = failed = skipped = 0
    reasons = collections.Counter()
    for path in glob.glob("**/target/surefire-reports/TEST-*.xml", recursive=True):
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError:
            continue
        for case in root.iter("testcase"):
            tests += 1
            if case.find("failure") is not None or case.find("error") is not None:
                failed += 1
            skip = case.find("skipped")
            if skip is not None:
                skipped += 1
                reasons[reason(skip.get("message") or skip.text)] += 1
    print(f"{label}: {tests} tests, {tests - failed - skipped} passed, {failed} failed, {skipped} skipped")
    if reasons:
        print(f"skipped tests by reason ({len(reasons)} reasons):")
        shown = reasons.most_common(12)
        for text, count in shown:
            print(f"  {count:6d}  {text}")
        rest = sum(reasons.values()) - sum(c for _, c in shown)
        if rest:
            print(f"  {rest:6d}  ({len(reasons) - len(shown)} other reasons)")
    with open(out, "w") as f:
        json.dump({"label": label, "tests": tests, "failed": failed, "skipped": skipped}, f)


def total(files):
    tests = failed = skipped = 0
    for name in files:
        with open(name) as f:
            run = json.load(f)
        tests += run["tests"]
        failed += run["failed"]
        skipped += run["skipped"]
    print(f"{tests - failed - skipped} passed, {failed} failed, {skipped} skipped")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "summary":
        summary(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 3 and sys.argv[1] == "total":
        total(sys.argv[2:])
    else:
        sys.exit(__doc__)
