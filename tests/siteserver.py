"""Serve one built site over HTTP on 127.0.0.1 until a given process ends.

    python tests/siteserver.py <folder> <pid>    # prints the port it listens on, then serves

The test run starts one of these per site that browser tests visit: the site's address is built
into its pages, so every pytest-xdist worker must reach the same server, which outlives the
worker that built the site and stops by itself once the run's main pytest process has gone.
"""

from __future__ import annotations

import functools
import http.server
import os
import sys
import threading
import time


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


def stop_when_gone(server: http.server.HTTPServer, pid: int) -> None:
    while alive(pid):
        time.sleep(0.5)
    server.shutdown()


def main(folder: str, pid: str) -> int:
    handler = functools.partial(QuietHandler, directory=folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    print(server.server_address[1], flush=True)
    threading.Thread(target=stop_when_gone, args=(server, int(pid)), daemon=True).start()
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
