"""Sign-in with the PIN's key derivation beside the same sign-in without it.

One store, one process, alternating A B A B: `sign_in` as shipped (Argon2id
at `pins.KDF_COST`, then AES-GCM unwrapping of the data key and opening the
name), and the same call with the Argon2id step replaced by one HMAC. The
difference is what the KDF costs a person at the keyboard; the ratio shows
how much of sign-in it is. Also times a wrong PIN for a name with a plan and
for a name without one (they should match: a check always derives a key).

    python tests/perf/bench_signin.py [--runs 15]
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tui.store import SignInError, create_person, crypto, open_store, pins, sign_in  # noqa: E402

PIN = "bench-pin-2026"


def no_stretching(pin, salt, cost, site_key):
    return hmac.new(site_key, b"pin\0" + hashlib.sha256(pin.encode() + salt).digest(),
                    hashlib.sha256).digest()


def timed(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def wrong(store, name):
    def attempt():
        try:
            sign_in(store, name, "wrong-pin-00")
        except SignInError:
            pass
    return attempt


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    real_pin_key = crypto.pin_key
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "plans.sqlite3")
        create_person(store, "With KDF", PIN)
        crypto.pin_key = no_stretching
        create_person(store, "Without KDF", PIN)
        crypto.pin_key = real_pin_key
        with_kdf, without, known, unknown = [], [], [], []
        for _ in range(args.runs):
            with_kdf.append(timed(lambda: sign_in(store, "With KDF", PIN)))
            crypto.pin_key = no_stretching
            without.append(timed(lambda: sign_in(store, "Without KDF", PIN)))
            crypto.pin_key = real_pin_key
            known.append(timed(wrong(store, "With KDF")))
            unknown.append(timed(wrong(store, "Nobody At All")))
            # wrong tries are counted: clear them so no wait starts
            store.write(lambda: store.db.execute_sql("DELETE FROM sign_in_attempt"))
        store.close()
    cost = pins.KDF_COST
    a, b = statistics.median(with_kdf) * 1000, statistics.median(without) * 1000
    print(f"KDF: Argon2id m={cost.memory_kib} KiB, t={cost.passes}, p={cost.lanes}, "
          "mixed with the site key by HMAC-SHA256; data key AES-256-GCM")
    print(f"sign-in with KDF: median {a:.1f} ms, without: {b:.1f} ms, "
          f"KDF share {a - b:.1f} ms, ratio {a / b:.1f}")
    k, u = statistics.median(known) * 1000, statistics.median(unknown) * 1000
    print(f"wrong PIN, name with a plan: {k:.1f} ms; name without: {u:.1f} ms; ratio {k / u:.2f}")


if __name__ == "__main__":
    main()
