"""A network partition between one host and PostgreSQL, for the standby's tests: a TCP relay the
host's database URL points at, which can be cut. Once cut, what either side sends is read and
dropped, and nothing is closed or reset: neither side hears anything, as when a route is lost,
until its own timeouts say so."""

from __future__ import annotations

import socket
import threading
from types import TracebackType

from sqlalchemy.engine import make_url


class Partition:
    def __init__(self, db_url: str) -> None:
        target = make_url(db_url)
        self.target = (target.host or "127.0.0.1", target.port or 5432)
        self.listener = socket.create_server(("127.0.0.1", 0))
        port = self.listener.getsockname()[1]
        self.url = target.set(host="127.0.0.1", port=port).render_as_string(hide_password=False)
        self.cut_off = threading.Event()
        self.sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def cut(self) -> None:
        self.cut_off.set()

    def close(self) -> None:
        self.listener.close()
        for connection in self.sockets:
            connection.close()

    def __enter__(self) -> Partition:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _accept(self) -> None:
        while True:
            try:
                host, _ = self.listener.accept()
            except OSError:
                return  # closed
            self.sockets.append(host)
            if self.cut_off.is_set():  # a new connection's first words go nowhere either
                threading.Thread(target=self._relay, args=(host, None), daemon=True).start()
                continue
            database = socket.create_connection(self.target)
            self.sockets.append(database)
            for source, sink in ((host, database), (database, host)):
                threading.Thread(target=self._relay, args=(source, sink), daemon=True).start()

    def _relay(self, source: socket.socket, sink: socket.socket | None) -> None:
        while True:
            try:
                data = source.recv(65536)
            except OSError:
                return
            if self.cut_off.is_set() or sink is None:
                if not data:
                    return  # the side that closed is not heard of across the cut
                continue
            try:
                if not data:
                    sink.shutdown(socket.SHUT_WR)
                    return
                sink.sendall(data)
            except OSError:
                return
