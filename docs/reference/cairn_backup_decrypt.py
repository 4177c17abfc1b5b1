#!/usr/bin/env python3
"""Reference decryptor for Cairn backup files, format 1, written from docs/backup-format.md.

Needs Python 3.8+ with `cryptography` (AES-GCM, HKDF; Debian's python3-cryptography) and
argon2-cffi (Argon2id; Debian's python3-argon2). A backup protected
by the vault's slots reuses the slot unwrapping of cairn_vault_decrypt.py (same folder).

    CAIRN_BACKUP_PASSPHRASE=... python3 cairn_backup_decrypt.py BACKUP   # passphrase backups
    CAIRN_PASSWORD=... python3 cairn_backup_decrypt.py BACKUP            # vault-slots backups
    CAIRN_RECOVERY_KEY=... python3 cairn_backup_decrypt.py BACKUP        # vault-slots backups

Prints the decrypted payload: one JSON document (section 5).
"""
import base64
import getpass
import hashlib
import json
import os
import struct
import sys
import unicodedata

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from argon2.low_level import Type, hash_secret_raw

sys.dont_write_bytecode = True  # leave no __pycache__ beside the documents
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cairn_vault_decrypt import credential_bytes, hkdf, unwrap  # noqa: E402

MAGIC = b"CAIRNBAK"
TAG = 16


def content_key(header):
    """Section 4."""
    salt = base64.b64decode(header["salt"])
    if header["protection"] == "passphrase":
        kdf = header["kdf"]
        m, t, p = kdf["memoryKiB"], kdf["iterations"], kdf["parallelism"]
        if kdf["name"] != "argon2id" or not (1 <= p <= 64 and 8 * p <= m <= 1048576 and 1 <= t <= 10000):
            raise SystemExit("unreasonable key derivation parameters")
        text = os.environ.get("CAIRN_BACKUP_PASSPHRASE") or getpass.getpass("Backup passphrase: ")
        ikm = hash_secret_raw(unicodedata.normalize("NFC", text).encode("utf-8"),
                              base64.b64decode(kdf["salt"]), time_cost=t, memory_cost=m,
                              parallelism=p, hash_len=32, type=Type.ID, version=19)
        if hkdf(ikm, b"", "cairn.backup.check.v1") != base64.b64decode(kdf["keyCheck"]):
            raise SystemExit("wrong backup passphrase")
        return hkdf(ikm, salt, "cairn.backup.content.v1")
    if "CAIRN_RECOVERY_KEY" in os.environ:
        kind, text = "recovery-key", os.environ["CAIRN_RECOVERY_KEY"]
    else:
        kind, text = "password", os.environ.get("CAIRN_PASSWORD") or getpass.getpass("Password: ")
    secret = credential_bytes(kind, text)
    blobs = ("salt", "key_check", "nonce", "wrapped_key", "digest")
    for slot in header["slots"]:
        if slot["kind"] != kind:
            continue
        row = {k: (base64.b64decode(v) if k in blobs else v) for k, v in slot.items()}
        vault_key = unwrap(header["vaultId"], row, secret)
        if vault_key:
            return hkdf(vault_key, salt, "cairn.backup.content.v1")
    raise SystemExit(f"wrong {kind}")


def main(path):
    data = open(path, "rb").read()
    if data[:8] != MAGIC:
        raise SystemExit("not a Cairn backup")
    version, header_length = struct.unpack(">II", data[8:16])
    body = 16 + header_length + 32
    if len(data) < body:
        raise SystemExit("truncated")
    header_hash = hashlib.sha256(data[:16 + header_length]).digest()
    if header_hash != data[16 + header_length:body]:
        raise SystemExit("damaged header")
    if version != 1:
        raise SystemExit("backup format too new for this decryptor")
    header = json.loads(data[16:16 + header_length])

    size, length = header["chunkSize"], header["payloadLength"]
    chunks = max(1, -(-length // size))
    if len(data) != body + length + chunks * TAG:
        raise SystemExit("truncated or damaged (wrong length)")
    aes = AESGCM(content_key(header))
    prefix = base64.b64decode(header["noncePrefix"])
    plain = b""
    at = body
    for i in range(chunks):
        final = i == chunks - 1
        end = len(data) if final else at + size + TAG
        nonce = prefix + struct.pack(">IB", i, 1 if final else 0)
        try:
            plain += aes.decrypt(nonce, data[at:end], header_hash)
        except InvalidTag:
            raise SystemExit(f"damaged: chunk {i} failed authentication")
        at = end
    payload = json.loads(plain)
    if payload["vault"]["id"] != header["vaultId"]:
        raise SystemExit("payload belongs to another vault")
    json.dump(payload, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: cairn_backup_decrypt.py BACKUP")
    main(sys.argv[1])
