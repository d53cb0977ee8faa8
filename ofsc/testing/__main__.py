"""``python -m ofsc.testing serve [--port 8080] [--seed N] [--fixture F | --empty]``: run the
mock OFS on loopback until interrupted. It starts with the demo data (``DEMO_DATA``: the ids
the README and the examples use), a fixture's objects instead, or nothing."""

from __future__ import annotations

import argparse
import errno
import sys
import threading

from . import DEMO_DATA, MockOFS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ofsc.testing", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the mock OFS over HTTP")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8080, help="port to listen on; 0 for any free one")
    serve.add_argument("--seed", type=int, default=0, help="seed for sampled bodies and faults")
    start = serve.add_mutually_exclusive_group()
    start.add_argument(
        "--fixture", help="JSON or TOML file of objects to start with, instead of the demo data"
    )
    start.add_argument("--empty", action="store_true", help="start with an empty store, not the demo data")
    serve.add_argument("--instance", default="acme", help="the instance in Basic credentials (default: acme)")
    serve.add_argument("--client-id", default="cid", help="the client id the mock accepts (default: cid)")
    serve.add_argument("--client-secret", default="s3cr3t", help="its secret (default: s3cr3t)")
    serve.add_argument(
        "--file-size", type=int, default=64 * 1024, help="bytes served for file properties nobody uploaded"
    )
    args = parser.parse_args(argv)

    mock = MockOFS(
        seed=args.seed,
        fixture=None if args.empty else args.fixture or DEMO_DATA,
        instance=args.instance,
        client_id=args.client_id,
        client_secret=args.client_secret,
        file_size=args.file_size,
    )
    try:
        server = mock.serve(args.host, args.port)
    except OSError as exc:
        reason = "the port is in use (--port 0 picks a free one)" if exc.errno == errno.EADDRINUSE else exc
        print(f"error: cannot listen on {args.host}:{args.port}: {reason}", file=sys.stderr)
        return 1
    print(
        f"mock OFS serving {server.base_url}  (Basic {args.client_id}@{args.instance}:{args.client_secret}); "
        "Ctrl-C to stop",
    )
    if not (args.empty or args.fixture):
        print("demo data: activities 4225274-4225276 of resource tech1, user jdoe (--empty for none)")
    print(
        f"export OFSC_BASE_URL={server.base_url} OFSC_INSTANCE={args.instance} "
        f"OFSC_CLIENT_ID={args.client_id} OFSC_CLIENT_SECRET={args.client_secret}",
        flush=True,
    )
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
