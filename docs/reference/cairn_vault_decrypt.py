#!/usr/bin/env python3
"""Reference decryptor for Cairn vault files, format 3, written from docs/vault-format.md.

Needs Python 3.8+ with `cryptography` (AES-GCM, HKDF; Debian's python3-cryptography) and
argon2-cffi (Argon2id; Debian's python3-argon2). Reads formats 1 and 2 too (section 11).

    CAIRN_PASSWORD=... python3 cairn_vault_decrypt.py VAULT        # or it prompts
    CAIRN_RECOVERY_KEY=... python3 cairn_vault_decrypt.py VAULT

Prints one JSON document: the header, the items (trash included), the ids of damaged rows (failed
authentication, or disagree with the manifest: rolled back, missing, unexpected; the word
"manifest" when the manifest itself cannot be verified), the tombstones that are authentic and in
the manifest, and the search index entries when the index describes the state (null otherwise). A
key slot that the sealed slot set does not list exactly as it is (planted, edited, a spent one-time
code or a revoked key put back) is never used. The file is opened read-only.
"""
import base64
import getpass
import hashlib
import hmac
import json
import os
import re
import sqlite3
import struct
import sys
import unicodedata

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from argon2.low_level import Type, hash_secret_raw

APPLICATION_ID = 0x4341524E
FORMAT_VERSION = 3


def field_list(*fields):
    """Section 3: each field as a 4-byte big-endian length and its bytes."""
    out = b""
    for f in fields:
        if f is None:
            data = b""
        elif isinstance(f, str):
            data = f.encode("utf-8")
        elif isinstance(f, int):
            data = struct.pack(">q", f)
        else:
            data = bytes(f)
        out += struct.pack(">I", len(data)) + data
    return out


def hkdf(ikm, salt, info):
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info.encode()).derive(ikm)


def credential_bytes(kind, text):
    """Section 4.1."""
    if kind == "password":
        return unicodedata.normalize("NFC", text).encode("utf-8")
    return re.sub(r"[\s-]+", "", unicodedata.normalize("NFKC", text)).upper().encode("utf-8")


def unwrap(vault_id, slot, secret):
    """Sections 4.2-4.5. Returns the vault key, or None if the credential is wrong for this slot."""
    digest = hashlib.sha256(
        field_list("cairn.slot-digest.v1", vault_id, slot["id"], slot["kind"], slot["label"],
                   slot["created_at"], slot["kdf"], slot["kdf_params"], slot["salt"],
                   slot["key_check"], slot["nonce"], slot["wrapped_key"])
    ).digest()
    if digest != slot["digest"]:
        raise SystemExit(f"key slot {slot['id']} has been altered")
    params = json.loads(slot["kdf_params"])
    if slot["kdf"] == "argon2id":
        m, t, p = params["memoryKiB"], params["iterations"], params["parallelism"]
        if not (1 <= p <= 64 and 8 * p <= m <= 1048576 and 1 <= t <= 10000 and m * t <= 67108864):
            raise SystemExit(f"key slot {slot['id']} has unreasonable Argon2 parameters")
        ikm = hash_secret_raw(secret, slot["salt"], time_cost=t, memory_cost=m, parallelism=p,
                              hash_len=32, type=Type.ID, version=19)
    elif slot["kdf"] == "hkdf-sha256":
        ikm = hkdf(secret, slot["salt"], "cairn.slot.hkdf.v1")
    else:
        return None
    if hkdf(ikm, b"", "cairn.slot.check.v1") != slot["key_check"]:
        return None
    aad = field_list("cairn.slot.v1", vault_id, slot["id"], slot["kind"], slot["kdf"],
                     slot["kdf_params"], slot["salt"])
    try:
        return AESGCM(hkdf(ikm, b"", "cairn.slot.wrap.v1")).decrypt(slot["nonce"], slot["wrapped_key"], aad)
    except InvalidTag:
        raise SystemExit(f"key slot {slot['id']} has been altered")


def read_slot_set(aes, vault_id, db):
    """Section 4.8: the sealed slot set, or None if it is missing or fails authentication."""
    row = db.execute("SELECT nonce, ciphertext FROM slot_state WHERE singleton = 1").fetchone()
    if row is None:
        return None
    try:
        return json.loads(aes.decrypt(row["nonce"], row["ciphertext"], field_list("cairn.slot-state.v2", vault_id)))
    except InvalidTag:
        return None


def slot_listed(slot_set, slot):
    """Section 4.8: the slot is live in the set, every listed column equal."""
    if slot["id"] in slot_set["spent"] or slot["id"] in slot_set["revoked"]:
        return False
    return any(e["id"] == slot["id"] and e["kind"] == slot["kind"] and e["kdf"] == slot["kdf"]
               and e["kdfParams"] == slot["kdf_params"] and e["label"] == slot["label"]
               and e["digest"] == slot["digest"].hex() for e in slot_set["live"])


def state_key(key, version):
    """Section 5.1: the raw state key (manifest or state head, slot set)."""
    return key if version == 1 else hkdf(key, b"", "cairn.v2.state")


def subkeys(key, version):
    """Section 5.1: AES keys for rows and for the state (manifest or state head, slot set)."""
    if version == 1:
        return AESGCM(key), AESGCM(key)
    return AESGCM(hkdf(key, b"", "cairn.v2.rows")), AESGCM(state_key(key, version))


def uuid_bytes(text):
    return bytes.fromhex(text.replace("-", "")) if re.fullmatch(
        r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", text) else None


def read_state(raw_state_key, vault_id, db):
    """Section 7: ({id: (kind, revision)}, write counter) from the entry rows and the head, or None
    unless the state head authenticates and its count and digest match the entries exactly."""
    row = db.execute("SELECT nonce, ciphertext FROM manifest WHERE singleton = 1").fetchone()
    if row is None:
        return None
    try:
        head = AESGCM(raw_state_key).decrypt(row["nonce"], row["ciphertext"],
                                             field_list("cairn.state-head.v2", vault_id))
    except InvalidTag:
        return None
    if len(head) != 32:
        return None
    count, counter = struct.unpack(">QQ", head[:16])
    entries, first, second = {}, [], []
    for e in db.execute("SELECT id, kind, revision FROM state_entries ORDER BY id"):
        raw, kind, revision = uuid_bytes(str(e["id"])), e["kind"], e["revision"]
        if raw is None or kind not in (1, 2) or not isinstance(revision, int) or revision < 0:
            return None
        entries[e["id"]] = (kind, revision)
        first.append(raw)
        second.append(bytes([kind]) + struct.pack(">Q", revision) + bytes(7))
    if len(entries) != count:
        return None
    digest_key = hmac.new(raw_state_key, field_list("cairn.state-digest.v2", vault_id), hashlib.sha256).digest()

    def ecb(blocks):
        enc = Cipher(algorithms.AES(digest_key), modes.ECB()).encryptor()
        return enc.update(blocks) + enc.finalize()

    # Each term: AES(k, AES(k, id) XOR (kind || revision || 7 zero bytes)), i.e. two-block CBC-MAC.
    chained, second = ecb(b"".join(first)), b"".join(second)
    mixed = int.from_bytes(chained, "big") ^ int.from_bytes(second, "big")
    terms = ecb(mixed.to_bytes(len(chained), "big"))
    digest = bytearray(16)
    for at in range(0, len(terms), 16):
        for i in range(16):
            digest[i] ^= terms[at + i]
    return (entries, counter) if hmac.compare_digest(bytes(digest), head[16:]) else None


SEARCH_BUCKETS = 1024
SEARCH_SHAPES = {"otp": 8, "login": 7, "recovery-codes": 7, "note": 6, "group": 5}


def search_entry_ok(e):
    """Section 8: [id, revision, trashed, type, ...the type's search fields, the row's nonce]."""
    return (isinstance(e, list) and len(e) >= 4 and isinstance(e[0], str)
            and isinstance(e[1], int) and not isinstance(e[1], bool) and isinstance(e[2], bool)
            and e[3] in SEARCH_SHAPES and len(e) == SEARCH_SHAPES[e[3]]
            and all(isinstance(f, str) for f in e[4:]) and uuid_bytes(e[0]) is not None)


def read_search_index(key, vault_id, db, state, counter):
    """Section 8: the search index entries in id order, or None unless it describes the state."""
    if db.execute("SELECT count(*) FROM sqlite_schema WHERE name = 'search_head'").fetchone()[0] == 0:
        return None
    aes = AESGCM(hkdf(key, b"", "cairn.v3.search"))
    row = db.execute("SELECT nonce, ciphertext FROM search_head WHERE singleton = 1").fetchone()
    if row is None:
        return None
    try:
        head = aes.decrypt(row["nonce"], row["ciphertext"], field_list("cairn.search-head.v3", vault_id))
    except InvalidTag:
        return None
    if len(head) != 8 + SEARCH_BUCKETS * 8 or struct.unpack(">Q", head[:8])[0] != counter:
        return None
    versions = struct.unpack(f">{SEARCH_BUCKETS}Q", head[8:])
    rows = {r["bucket"]: r for r in db.execute("SELECT bucket, nonce, ciphertext FROM search_buckets")}
    if any(not 0 <= b < SEARCH_BUCKETS or versions[b] == 0 for b in rows):
        return None
    entries = {}
    for bucket, version in enumerate(versions):
        if version == 0:
            continue
        if bucket not in rows:
            return None
        aad = field_list("cairn.search-bucket.v3", vault_id, bucket, version)
        try:
            parsed = json.loads(aes.decrypt(rows[bucket]["nonce"], rows[bucket]["ciphertext"], aad))
        except (InvalidTag, ValueError):
            return None
        if not isinstance(parsed, list):
            return None
        for e in parsed:
            if not search_entry_ok(e) or int(e[0][:3], 16) >> 2 != bucket or e[0] in entries:
                return None
            entries[e[0]] = e
    items = {i: revision for i, (kind, revision) in state.items() if kind == 1}
    if len(entries) != len(items) or any(items.get(i) != e[1] for i, e in entries.items()):
        return None
    nonces = {r["id"]: base64.b64encode(r["nonce"]).decode() for r in db.execute("SELECT id, nonce FROM items")}
    if any(nonces.get(i) != e[-1] for i, e in entries.items()):
        return None
    return [entries[i][:-1] for i in sorted(entries)]


def read_manifest(aes, vault_id, db):
    """Section 11 (format 1): {id: (kind, revision)}, or None if the manifest is missing or fails
    authentication."""
    row = db.execute("SELECT nonce, ciphertext FROM manifest WHERE singleton = 1").fetchone()
    if row is None:
        return None
    try:
        plain = aes.decrypt(row["nonce"], row["ciphertext"], field_list("cairn.manifest.v1", vault_id))
    except InvalidTag:
        return None
    if len(plain) % 25:
        return None
    entries, previous = {}, None
    for at in range(0, len(plain), 25):
        raw, kind, revision = plain[at:at + 16], plain[at + 16], struct.unpack(">Q", plain[at + 17:at + 25])[0]
        if kind not in (1, 2) or (previous is not None and raw <= previous):
            return None
        previous = raw
        h = raw.hex()
        entries[f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"] = (kind, revision)
    return entries


def disagreement(entry, revision):
    """Section 7: why an authentic item row cannot be trusted, or None."""
    if entry is None:
        return "unexpected"
    kind, listed = entry
    if kind == 2:
        return "purged"
    if revision != listed:
        return "rolled back" if revision < listed else "manifest replaced"
    return None


def main(path):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    if db.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        raise SystemExit("not a Cairn vault")
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > FORMAT_VERSION:
        raise SystemExit("vault format too new for this decryptor")
    header = dict(db.execute("SELECT * FROM vault_header").fetchone())
    vault_id = header["vault_id"]

    if "CAIRN_RECOVERY_KEY" in os.environ:
        kind, text = "recovery-key", os.environ["CAIRN_RECOVERY_KEY"]
    else:
        kind, text = "password", os.environ.get("CAIRN_PASSWORD") or getpass.getpass("Password: ")
    secret = credential_bytes(kind, text)
    key = None
    # Section 4.6: at most 32 slots of the kind, in stored order; in format 2 only a slot the
    # sealed slot set lists (4.8), or, when that set cannot be verified, only a password slot.
    for slot in db.execute("SELECT * FROM key_slots WHERE kind = ? ORDER BY created_at, id LIMIT 32", (kind,)):
        candidate = unwrap(vault_id, dict(slot), secret)
        if candidate is None:
            continue
        if version >= 2:
            slot_set = read_slot_set(subkeys(candidate, version)[1], vault_id, db)
            if slot_set is None and kind != "password":
                continue
            if slot_set is not None and not slot_listed(slot_set, dict(slot)):
                continue
        key = candidate
        break
    if key is None:
        raise SystemExit(f"wrong {kind}")

    aes, state_aes = subkeys(key, version)
    search = None
    if version == 1:
        manifest = read_manifest(state_aes, vault_id, db)
    else:
        read = read_state(state_key(key, version), vault_id, db)
        manifest = read and read[0]
        if read and version >= 3:
            search = read_search_index(key, vault_id, db, *read)
    items, damaged, seen = [], [], set()
    for row in db.execute("SELECT * FROM items ORDER BY created_at, rowid"):
        seen.add(row["id"])
        aad = field_list("cairn.item.v1", vault_id, row["id"], row["revision"], row["created_at"],
                         row["updated_at"], row["deleted_at"])
        try:
            data = json.loads(aes.decrypt(row["nonce"], row["ciphertext"], aad))
        except InvalidTag:
            damaged.append(row["id"])
            continue
        if manifest is not None and disagreement(manifest.get(row["id"]), row["revision"]):
            damaged.append(row["id"])
            continue
        data.pop("lineage", None)  # version history for merges, not item content (section 5)
        items.append({"id": row["id"], "revision": row["revision"], "createdAt": row["created_at"],
                      "updatedAt": row["updated_at"], "deletedAt": row["deleted_at"], "data": data})

    tombstones = []
    for row in db.execute("SELECT * FROM tombstones ORDER BY purged_at, id"):
        aad = field_list("cairn.tombstone.v1", vault_id, row["id"], row["revision"], row["purged_at"])
        try:
            aes.decrypt(row["nonce"], row["tag"], aad)
        except InvalidTag:
            continue
        if manifest is not None and manifest.get(row["id"]) != (2, row["revision"]):
            continue
        tombstones.append({"id": row["id"], "revision": row["revision"], "purgedAt": row["purged_at"]})

    if manifest is None:
        damaged.append("manifest")
    else:
        buried = {t["id"] for t in tombstones}
        damaged += [i for i, (kind, _) in manifest.items()
                    if i not in seen and (kind == 1 or i not in buried)]

    json.dump({"header": header, "items": items, "damaged": damaged, "tombstones": tombstones,
               "search": search}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: cairn_vault_decrypt.py VAULT")
    main(sys.argv[1])
