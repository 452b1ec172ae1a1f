#!/usr/bin/env python3
"""client_seeds.py - writes the seed corpus of fuzz_client.c into
tests/fuzz/corpus/client/, one file per scenario, framed as fuzz_client.c
reads its input (byte 0 the scenario, then u16 length | u8 flags | bytes
per answer; the requests are made in a fixed order, see its consume()), each answer what a healthy broker says at the version the
client picks against the ApiVersions answer here (every API key 0..75 at
versions 0..20, so the client picks its own highest; Metadata up to v12):

- the admin scenarios: ApiVersions, Metadata v12 (broker 7 at b:9, topics
  t and u with one partition led by 7), or for the group ones
  FindCoordinator v6 (broker 7), Metadata and ApiVersions again for the
  coordinator;
- the producer: ApiVersions, Metadata, InitProducerId, Produce;
- the group consumer: FindCoordinator, JoinGroup, SyncGroup with a
  ConsumerProtocolAssignment, OffsetFetch, ListOffsets, Fetch with real
  record batches (CRC-32C right, one of them gzip), Heartbeats,
  OffsetCommits, LeaveGroup; as a follower and as the group's leader;
- the manual fetch: Metadata, ListOffsets (earliest, latest), Fetch;
- SASL (PLAIN, SCRAM-SHA-256/512, OAUTHBEARER): SaslHandshake and the
  SaslAuthenticate exchange on each connection with a session lifetime of
  1 ms, so that the second metadata refresh logs in again. The SCRAM
  client nonce is fixed in the fuzz build (fuzz_client.c's RAND_bytes),
  so the server-final-message carries a valid signature.

Run it after changing the scenarios; it rewrites every seed it knows.
"""
import base64
import hashlib
import hmac
import os
import struct
import zlib

# the order of fuzz_client.c's scenarios[]
SCENARIOS = ["metadata", "topic_names", "describe", "brokers", "create",
             "delete", "list_groups", "describe_groups", "group_offsets",
             "list_offsets", "topic_partitions", "commit", "delete_groups",
             "delete_offsets", "produce", "group_consume", "fetch",
             "sasl_plain", "sasl_scram256", "sasl_scram512", "sasl_oauth"]
SC = {name: i for i, name in enumerate(SCENARIOS)}


CLOSE = 4  # flags bit 2: the consumer scenarios close after this answer


def answer(a):
    """One answer of the input: its bytes, or (bytes, flags)."""
    body, flags = a if isinstance(a, tuple) else (a, 0)
    return struct.pack(">HB", len(body), flags) + body


def uvarint(n):
    b = b""
    while n >= 0x80:
        b += bytes([n & 0x7f | 0x80])
        n >>= 7
    return b + bytes([n])


def varint(n):
    return uvarint((n << 1) ^ (n >> 63))


def cstr(s):
    """A compact string; None: null."""
    return b"\0" if s is None else uvarint(len(s) + 1) + s


def carr(items):
    """A compact array of already encoded items."""
    return uvarint(len(items) + 1) + b"".join(items)


TAGS = b"\0"
FLEX_HDR = b"\0"  # response header v1: no tagged fields


def apiversions(without=()):
    keys = [k for k in range(0, 76) if k not in without]
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


def metadata(port=9):
    b = bytes([0]) + struct.pack(">i", 0)
    b += bytes([2]) + struct.pack(">i", 7) + bytes([2]) + b"b"
    b += struct.pack(">i", port) + bytes([0, 0])
    b += bytes([2]) + b"c" + struct.pack(">i", 7)
    b += bytes([3]) + metadata_topic(b"t", 1) + metadata_topic(b"u", 2)
    return b + bytes([0])


def find_coordinator(keys, node_id=7):
    """FindCoordinator v6: each key at broker node_id (b:9)."""
    b = bytes([0]) + struct.pack(">i", 0) + bytes([len(keys) + 1])
    for k in keys:
        b += bytes([len(k) + 1]) + k + struct.pack(">i", node_id) + bytes([2])
        b += b"b" + struct.pack(">ih", 9, 0) + bytes([0, 0])
    return b + bytes([0])


# --- record batches -------------------------------------------------------

def crc32c(data):
    crc = 0xffffffff
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82f63b78 if crc & 1 else 0)
    return crc ^ 0xffffffff


def record(offset_delta, key, value, headers=()):
    b = bytes([0]) + varint(offset_delta) + varint(offset_delta)
    b += varint(-1) if key is None else varint(len(key)) + key
    b += varint(len(value)) + value + varint(len(headers))
    for hk, hv in headers:
        b += varint(len(hk)) + hk + varint(len(hv)) + hv
    return varint(len(b)) + b


def batch(base_offset, records, gzip=False):
    """A record batch v2 of (key, value, headers) at base_offset."""
    body = b"".join(record(i, *r) for i, r in enumerate(records))
    attributes = 0
    if gzip:
        z = zlib.compressobj(6, zlib.DEFLATED, 31)
        body = z.compress(body) + z.flush()
        attributes = 1
    after_crc = (struct.pack(">hiqqqhii", attributes, len(records) - 1,
                             1000, 1000 + len(records) - 1, -1, -1, -1,
                             len(records)) + body)
    crc = crc32c(after_crc)
    rest = struct.pack(">ibI", 0, 2, crc) + after_crc
    return struct.pack(">qi", base_offset, len(rest)) + rest


def records_t0():
    """Offsets 0..4 of t-0: three plain records, then two gzip'ed."""
    return (batch(0, [(b"k0", b"v0", ()), (None, b"v1", ()),
                      (b"k2", b"v2", ((b"h", b"x"),))])
            + batch(3, [(b"k3", b"v3" * 20, ()), (b"k4", b"v4", ())],
                    gzip=True))


# --- consumer answers (flexible: the header's tag byte first) -------------

def join_group(leader, members):
    """JoinGroup v9, generation 1, protocol range, member m1."""
    return (FLEX_HDR + struct.pack(">ihi", 0, 0, 1) + cstr(b"consumer")
            + cstr(b"range") + cstr(leader) + bytes([0]) + cstr(b"m1")
            + carr([cstr(m) + cstr(None) + cstr(md) + TAGS
                    for m, md in members]) + TAGS)


def subscription(topics):
    """ConsumerProtocolSubscription v0."""
    b = struct.pack(">hi", 0, len(topics))
    for t in topics:
        b += struct.pack(">h", len(t)) + t
    return b + struct.pack(">i", -1)


def assignment(parts):
    """ConsumerProtocolAssignment v0 of {topic: [partition...]}."""
    b = struct.pack(">hi", 0, len(parts))
    for t, ps in parts.items():
        b += struct.pack(">h", len(t)) + t + struct.pack(">i", len(ps))
        b += b"".join(struct.pack(">i", p) for p in ps)
    return b + struct.pack(">i", -1)


def sync_group(assigned):
    return (FLEX_HDR + struct.pack(">ih", 0, 0) + cstr(b"consumer")
            + cstr(b"range") + cstr(assigned) + TAGS)


def heartbeat():
    return FLEX_HDR + struct.pack(">ih", 0, 0) + TAGS


def offset_fetch(committed):
    """OffsetFetch v9 of group g, t-0 at committed (-1: none)."""
    part = struct.pack(">iqi", 0, committed, -1) + cstr(b"") + b"\0\0" + TAGS
    topic = cstr(b"t") + carr([part]) + TAGS
    return (FLEX_HDR + struct.pack(">i", 0)
            + carr([cstr(b"g") + carr([topic]) + b"\0\0" + TAGS]) + TAGS)


def list_offsets(offset):
    """ListOffsets v11: t-0 at offset."""
    part = struct.pack(">ihqqi", 0, 0, -1, offset, 0) + TAGS
    return (FLEX_HDR + struct.pack(">i", 0)
            + carr([cstr(b"t") + carr([part]) + TAGS]) + TAGS)


def fetch(records, hw):
    """Fetch v12: t-0 with records (b"": none), high watermark hw."""
    part = (struct.pack(">ihqqq", 0, 0, hw, hw, 0) + carr([])
            + struct.pack(">i", -1) + cstr(records) + TAGS)
    return (FLEX_HDR + struct.pack(">ihi", 0, 0, 0)
            + carr([cstr(b"t") + carr([part]) + TAGS]) + TAGS)


def offset_commit():
    part = struct.pack(">ih", 0, 0) + TAGS
    return (FLEX_HDR + struct.pack(">i", 0)
            + carr([cstr(b"t") + carr([part]) + TAGS]) + TAGS)


def leave_group():
    return (FLEX_HDR + struct.pack(">ih", 0, 0)
            + carr([cstr(b"m1") + cstr(None) + b"\0\0" + TAGS]) + TAGS)


# --- producer answers --------------------------------------------------------

def init_producer_id():
    """InitProducerId v5: producer id 1000, epoch 0."""
    return FLEX_HDR + struct.pack(">ihqh", 0, 0, 1000, 0) + TAGS


def produce(base_offset):
    """Produce v12: t-0 appended at base_offset."""
    part = (struct.pack(">ihqqq", 0, 0, base_offset, -1, 0) + carr([])
            + cstr(None) + TAGS)
    return (FLEX_HDR + carr([cstr(b"t") + carr([part]) + TAGS])
            + struct.pack(">i", 0) + TAGS)


# --- SASL -----------------------------------------------------------------

def sasl_handshake(mechanism):
    """SaslHandshake v1 (response header v0)."""
    mechs = [b"PLAIN", b"SCRAM-SHA-256", b"SCRAM-SHA-512", b"OAUTHBEARER"]
    b = struct.pack(">hi", 0, len(mechs))
    return b + b"".join(struct.pack(">h", len(m)) + m for m in mechs)


def sasl_authenticate(auth_bytes, lifetime_ms):
    """SaslAuthenticate v2."""
    return (FLEX_HDR + struct.pack(">h", 0) + cstr(None) + cstr(auth_bytes)
            + struct.pack(">q", lifetime_ms) + TAGS)


CLIENT_NONCE = base64.b64encode(bytes(range(18)))  # fuzz_client.c RAND_bytes
PASSWORD = b"alice-secret"


def scram(hash_name):
    """The server's two messages of a SCRAM exchange with the fuzz
    client's fixed nonce: server-first, and server-final with the right
    signature."""
    salt, it = b"fuzz-salt", 4096
    nonce = CLIENT_NONCE + b"server"
    first = b"r=" + nonce + b",s=" + base64.b64encode(salt) + b",i=%d" % it
    client_first_bare = b"n=alice,r=" + CLIENT_NONCE
    final_less = b"c=biws,r=" + nonce
    auth_message = client_first_bare + b"," + first + b"," + final_less
    salted = hashlib.pbkdf2_hmac(hash_name, PASSWORD, salt, it)
    server_key = hmac.new(salted, b"Server Key", hash_name).digest()
    sig = hmac.new(server_key, auth_message, hash_name).digest()
    return [first, b"v=" + base64.b64encode(sig)]


def sasl_login(mechanism, lifetime_ms=0):
    """The answers of one connection's login: handshake, then the
    broker's side of each SaslAuthenticate."""
    if mechanism.startswith("SCRAM"):
        tokens = scram("sha256" if mechanism.endswith("256") else "sha512")
    else:
        tokens = [b""]
    return ([sasl_handshake(mechanism)]
            + [sasl_authenticate(t, lifetime_ms) for t in tokens])


# --- the seeds --------------------------------------------------------------

# the admin scenarios about groups and the groups they ask about
GROUPS = {"describe_groups": [b"g", b"h"], "group_offsets": [b"g"],
          "commit": [b"g"], "delete_groups": [b"g", b"h"],
          "delete_offsets": [b"g"]}


def group_consume(leader, coordinator=7, leader_apis=()):
    """The group consumer's answers, in the order it asks (coordinator
    and leader are broker 7, on one connection besides the bootstrap's):
    as follower m1 of leader m0, or as the leader, which fetches metadata
    for the assignment."""
    members = [(b"m1", subscription([b"t"]))] if leader else []
    a = [apiversions(), metadata(), find_coordinator([b"g"], coordinator),
         apiversions(), join_group(b"m1" if leader else b"m0", members)]
    if leader:
        a += [metadata()]
    a += [apiversions(), sync_group(assignment({b"t": [0]})), heartbeat(),
          offset_fetch(-1), heartbeat(), apiversions(leader_apis),
          list_offsets(0),
          heartbeat(),
          fetch(records_t0(), 5), heartbeat(), offset_commit(),
          fetch(b"", 5), heartbeat(), (offset_commit(), CLOSE),
          offset_commit(), leave_group()]
    return a


def manual_fetch(leader_apis=()):
    return [apiversions(), metadata(), apiversions(leader_apis),
            list_offsets(0), list_offsets(5), fetch(records_t0(), 5)]


def sasl(mechanism, lifetime_ms=1):
    """A session of lifetime_ms on the bootstrap connection (1: the client
    logs in again at once, for a session that does not expire)."""
    return ([apiversions()] + sasl_login(mechanism, lifetime_ms)
            + sasl_login(mechanism) + [metadata(), metadata()])


def seeds():
    for name in SCENARIOS:
        if name in GROUPS:
            yield name, [apiversions(), find_coordinator(GROUPS[name]),
                         metadata(), apiversions()]
        elif name == "group_consume":
            yield name, group_consume(False)
            yield name + "-leader", group_consume(True)
        elif name == "produce":
            # bootstrap, the topic's metadata, a producer id, then on
            # broker 7's connection metadata and the one Produce of the
            # three records
            yield name, [apiversions(), metadata(), metadata(),
                         init_producer_id(), apiversions(), metadata(),
                         produce(0)]
        elif name == "fetch":
            yield name, manual_fetch()
        elif name.startswith("sasl_"):
            mech = {"plain": "PLAIN", "scram256": "SCRAM-SHA-256",
                    "scram512": "SCRAM-SHA-512",
                    "oauth": "OAUTHBEARER"}[name[5:]]
            yield name, sasl(mech)
        else:
            yield name, [apiversions(), metadata()]
    # what fuzzing found, as seeds: a session lifetime whose 85% overflowed
    # (client.c sasl_done); a coordinator id whose aliases overflowed
    # (group.c fc_done); a leader without Fetch, whose failed send ran
    # the callback that freed the consumer's request (fetch.c
    # fetch_send); a broker port of -1, whose failed connect left
    # kt_client_call asleep
    yield "sasl_plain-lifetime-overflow", (
        [apiversions()] + sasl_login("PLAIN", (1 << 57) + 1)
        + [metadata(), metadata()])
    yield "group_consume-negative-coordinator", group_consume(True,
                                                              -33554425)
    yield "group_consume-no-fetch", group_consume(False, leader_apis=(1,))
    yield "fetch-no-fetch", manual_fetch(leader_apis=(1,))
    yield "produce-bad-port", [apiversions(), metadata(-1), metadata(-1)]


here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "corpus", "client")
os.makedirs(out, exist_ok=True)
for name, answers in seeds():
    base = name.split("-")[0]
    data = bytes([SC[base]]) + b"".join(answer(a) for a in answers)
    suffix = name[len(base):]
    with open(os.path.join(out, "scenario-%02d%s" % (SC[base], suffix)),
              "wb") as f:
        f.write(data)
