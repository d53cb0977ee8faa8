"""Download a file property of an activity (a photo, a signature, a report...).

    python examples/download_file_property.py ACTIVITY_ID PROPERTY_LABEL [--out-dir downloads]

The file is streamed to disk in chunks, never held in memory whole, and saved under the
name OFS suggests.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ofsc import OFSC


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("activity_id", type=int)
    parser.add_argument("property_label", help="the label of a file-type activity property")
    parser.add_argument("--out-dir", type=Path, default=Path())
    args = parser.parse_args()

    args.out_dir.mkdir(parents=True, exist_ok=True)
    with (
        OFSC() as client,
        client.core.get_file_property(
            activity_id=args.activity_id, property_label=args.property_label
        ) as file,
    ):
        # The name comes from the server: keep only its last part.
        target = args.out_dir / Path(file.filename or args.property_label).name
        size = file.write_to(target)
    print(f"saved {size} bytes ({file.content_type}) to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
