#!/usr/bin/env python3
"""client_seeds.py - writes the seed corpus of fuzz_client.c into
tests/fuzz/corpus/client/: for each scenario, a valid ApiVersions answer
(every API key 0..75 at versions 0..20, so the client picks its own
highest; Metadata up to v12) and a Metadata v12 answer (broker 7, topics t and u with one
partition led by 7), or for the group scenarios a FindCoordinator v6
answer (broker 7), Metadata and ApiVersions again for the coordinator, framed as fuzz_client.c reads its input."""
import os
import struct

N_SCENARIOS = 15


def answer(body, flags=0):
    return struct.pack(">HB", len(body), flags) + body


def apiversions():
    keys = range(0, 76)
    b = struct.pack(">hB", 0, len(keys) + 1)
    for k in keys:
        b += struct.pack(">hhhB", k, 0, 12 if k == 3 else 20, 0)
    return b + struct.pack(">iB", 0, 0)


def metadata_topic(name, uuid_low):
    return (struct.pack(">hB", 0, len(name) + 1) + name
            + bytes(15) + bytes([uuid_low, 0])
            + bytes([2]) + struct.pack(">hiii", 0, 0, 7, 0)
            + bytes([2]) + struct.pack(">i", 7) + bytes([2])
            + struct.pack(">i", 7) + bytes([1, 0])
            + struct.pack(">I", 0x80000000) + bytes([0]))


def metadata():
    b = bytes([0]) + struct.pack(">i", 0)
    b += bytes([2]) + struct.pack(">i", 7) + bytes([2]) + b"b"
    b += struct.pack(">i", 9) + bytes([0, 0])
    b += bytes([2]) + b"c" + struct.pack(">i", 7)
    b += bytes([3]) + metadata_topic(b"t", 1) + metadata_topic(b"u", 2)
    return b + bytes([0])


def find_coordinator(keys):
    """FindCoordinator v6: each key at broker 7 (b:9)."""
    b = bytes([0]) + struct.pack(">i", 0) + bytes([len(keys) + 1])
    for k in keys:
        b += bytes([len(k) + 1]) + k + struct.pack(">i", 7) + bytes([2])
        b += b"b" + struct.pack(">ih", 9, 0) + bytes([0, 0])
    return b + bytes([0])


# the group scenarios of fuzz_client.c and the groups they ask about
GROUPS = {7: [b"g", b"h"], 8: [b"g"], 11: [b"g"], 12: [b"g", b"h"],
          13: [b"g"]}

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "corpus", "client")
os.makedirs(out, exist_ok=True)
for i in range(N_SCENARIOS):
    data = bytes([i]) + answer(apiversions()) + answer(metadata())
    if i in GROUPS:
        data = (bytes([i]) + answer(apiversions())
                + answer(find_coordinator(GROUPS[i]))
                + answer(metadata()) + answer(apiversions()))
    with open(os.path.join(out, "scenario-%02d" % i), "wb") as f:
        f.write(data)
