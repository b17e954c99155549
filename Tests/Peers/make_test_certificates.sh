#!/usr/bin/env bash
# Writes a throw-away CA, a server certificate for 127.0.0.1/localhost and a client certificate
# (CN portico-test-client), all signed by that CA, into the folder given; for the transport tests.
set -euo pipefail
cd "$1"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Portico Test CA" -keyout ca.key -out ca.pem 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout server.key -out server.csr 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' > server.ext
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile server.ext -out server.pem 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=portico-test-client" -keyout client.key -out client.csr 2>/dev/null
printf 'extendedKeyUsage=clientAuth\n' > client.ext
openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile client.ext -out client.pem 2>/dev/null
cat client.pem client.key > client-with-key.pem
