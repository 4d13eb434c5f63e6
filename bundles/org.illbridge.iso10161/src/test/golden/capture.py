#!/usr/bin/env python3
"""Accept one TCP connection, read bytes until the peer stops sending (1 s of silence)
or closes, save them to the output file, close. Used to capture what yaz-illclient sends.

usage: capture.py PORT OUTFILE
"""
import socket
import sys

port, out = int(sys.argv[1]), sys.argv[2]
srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", port))
srv.listen(1)
srv.settimeout(20)
conn, _ = srv.accept()
conn.settimeout(1.0)
data = b""
try:
    while True:
        chunk = conn.recv(65536)
        if not chunk:
            break
        data += chunk
except socket.timeout:
    pass
with open(out, "wb") as f:
    f.write(data)
conn.close()
srv.close()
print(f"captured {len(data)} bytes into {out}")
