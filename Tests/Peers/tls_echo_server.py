#!/usr/bin/env python3
"""A real HTTPS server for Portico's transport tests (standard library only).

Answers every GET, POST and PUT with a JSON object naming the path, the method and, when the
client presented a certificate, its subject's common name. Prints the port it listens on as its
first line, then serves until killed.

    tls_echo_server.py --cert server.pem --key server.key [--client-ca ca.pem]

With --client-ca, a client certificate signed by that CA is required for the handshake (mTLS).
"""
import argparse
import http.server
import json
import ssl
import sys


class EchoHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        certificate = self.connection.getpeercert()
        client = None
        if certificate:
            for entry in certificate.get("subject", ()):
                for key, value in entry:
                    if key == "commonName":
                        client = value
        payload = json.dumps({
            "method": self.command,
            "path": self.path,
            "client": client,
            "body": body.decode("utf-8", "replace"),
        }).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PUT = answer

    def log_message(self, format, *args):
        pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--client-ca")
    arguments = parser.parse_args()

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(arguments.cert, arguments.key)
    if arguments.client_ca:
        context.verify_mode = ssl.CERT_REQUIRED
        context.load_verify_locations(arguments.client_ca)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), EchoHandler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
