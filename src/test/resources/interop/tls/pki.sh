#!/usr/bin/env bash
# Makes the certificates of the TLS interop tests and benchmark in DIR, offline, with openssl only:
#   ca.pem / ca.key            a test CA ("Preflight Test CA"), given to clients with --ca-cert / --add-ca
#   good.pem, good.key         issued by the CA for IP:127.0.0.1 and DNS:localhost, valid 90 days,
#                              naming an OCSP responder (never contacted: the response is stapled from a file)
#   good.ocsp.der              the CA's OCSP response for good.pem ("good"), for nginx's ssl_stapling_file
#   expired.pem, expired.key   issued by the CA, valid January 2024 only (openssl ca -startdate/-enddate)
#   wronghost.pem, .key        issued by the CA for DNS:wrong.example only
#   selfsigned.pem, .key       self-signed, for IP:127.0.0.1 and DNS:localhost
set -euo pipefail
dir=${1:?usage: pki.sh DIR}
mkdir -p "$dir/newcerts"
cd "$dir"
: > index.txt
echo 1000 > serial
cat > ca.cnf <<CNF
[ ca ]
default_ca = test_ca
[ test_ca ]
dir = .
database = ./index.txt
new_certs_dir = ./newcerts
serial = ./serial
certificate = ./ca.pem
private_key = ./ca.key
default_md = sha256
policy = anything
unique_subject = no
email_in_dn = no
[ anything ]
commonName = supplied
[ leaf ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = \$ENV::SAN
authorityInfoAccess = OCSP;URI:http://127.0.0.1:9/ocsp
CNF

openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 3650 -subj "/CN=Preflight Test CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null

issue() { # name san [openssl ca validity options...]
  local name=$1 san=$2
  shift 2
  openssl req -new -newkey rsa:2048 -nodes -keyout "$name.key" -out "$name.csr" -subj "/CN=$name.test" 2>/dev/null
  SAN=$san openssl ca -batch -notext -config ca.cnf -extensions leaf -in "$name.csr" -out "$name.pem" "$@" 2>/dev/null
}
issue good "IP:127.0.0.1,DNS:localhost" -days 90
issue expired "IP:127.0.0.1,DNS:localhost" -startdate 20240101000000Z -enddate 20240201000000Z
issue wronghost "DNS:wrong.example" -days 90
openssl req -x509 -newkey rsa:2048 -nodes -keyout selfsigned.key -out selfsigned.pem -days 90 -subj "/CN=selfsigned.test" \
  -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" 2>/dev/null

openssl ocsp -issuer ca.pem -cert good.pem -no_nonce -reqout good.ocsp-req.der 2>/dev/null
openssl ocsp -index index.txt -rsigner ca.pem -rkey ca.key -CA ca.pem -reqin good.ocsp-req.der \
  -respout good.ocsp.der -ndays 30 2>/dev/null >/dev/null
