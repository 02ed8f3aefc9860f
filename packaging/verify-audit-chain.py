#!/usr/bin/env python3
"""Checks a Lockstep audit export (lockstep-cli audit export --format json) without Lockstep.

Recomputes every record's SHA-256 over the canonical form of docs/audit.md, checks that each record
points to its predecessor and that seq has no gaps, and prints the head hash to compare with one kept
elsewhere (a change ticket, the run report). Exit code 0: intact; 1: broken (the first broken record is
named); 2: the file cannot be read.

    python3 verify-audit-chain.py audit.json [--expect-head HASH]
"""
import hashlib
import json
import sys

FIELDS = ["seq", "time", "operator", "action", "run_id", "instance", "from_version", "to_version",
          "result", "reason", "evidence", "prev_hash"]


def canonical(event):
    data = b"lockstep-audit-v1\n"
    for field in FIELDS:
        value = str(event[field]).encode("utf-8")
        data += field.encode() + b":" + str(len(value)).encode() + b":" + value + b"\n"
    return data


def main(argv):
    if len(argv) not in (2, 4) or (len(argv) == 4 and argv[2] != "--expect-head"):
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    try:
        with open(argv[1], encoding="utf-8") as f:
            events = json.load(f)["events"]
    except (OSError, ValueError, KeyError) as e:
        print(f"cannot read {argv[1]}: {e}", file=sys.stderr)
        return 2
    prev, expected_seq = "0" * 64, 1
    for e in events:
        if e["seq"] != expected_seq:
            print(f"broken at record {expected_seq}: the log jumps to record {e['seq']}")
            return 1
        if e["prev_hash"] != prev:
            print(f"broken at record {e['seq']}: it does not follow record {e['seq'] - 1}")
            return 1
        if hashlib.sha256(canonical(e)).hexdigest() != e["hash"]:
            print(f"broken at record {e['seq']}: its content does not match its hash")
            return 1
        prev, expected_seq = e["hash"], expected_seq + 1
    if len(argv) == 4 and argv[3] != prev:
        print(f"broken: the head is {prev}, not the expected {argv[3]} (records deleted from the end?)")
        return 1
    print(f"intact: {len(events)} records, head {prev}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
