# shellcheck shell=bash
#
# tls.sh - certificates and stores for TLS tests (bash; source it).
#
#   tls_make_certs DIR   make, with the openssl command and the JDK's
#                        keytool, in DIR:
#     ca.pem ca.key           the test CA (trusted)
#     other-ca.pem            a CA nobody trusts
#     srv.pem srv-ks.pem      the broker's certificate (CN=localhost, SAN
#                             DNS:localhost and IP:127.0.0.1) and its PEM
#                             keystore (PKCS#8 key, then the chain)
#     expired-ks.pem          a broker keystore whose certificate expired
#     wronghost-ks.pem        a broker keystore for CN=wrong.example only
#     untrusted-ks.pem        a broker keystore signed by other-ca
#     int.pem chain-ks.pem    an intermediate CA (signed by ca) and a
#                             broker keystore it signed, with the chain
#                             leaf, intermediate
#     client.pem client.p8    a client certificate and its PKCS#8 key
#     client-enc.p8           the same key encrypted with "keypass"
#     client-ks.pem           key + chain, for ssl.keystore.type=PEM
#     client.p12 client.jks   the client key and chain, store password
#                             "storepass" (PKCS12, and JKS via keytool)
#     trust.p12 trust.jks     the CA as a trusted entry, password
#                             "trustpass" (keytool)
#   tls_broker_conf DIR      print the server.properties lines (for
#                            KH_EXTRA_CONF) of listeners SSL, MTLS
#                            (client certificate required), EXPIRED,
#                            WRONGHOST, UNTRUSTED and CHAIN, keystores
#                            from DIR
#
# Functions print errors on stderr and return non-zero; they never exit.

# one key and a certificate signed by CA (files DIR/NAME.key, NAME.pem,
# NAME.p8, NAME-ks.pem), with extra x509 arguments
tls__leaf()
{
	local d=$1 name=$2 cn=$3 san=$4 ca=$5
	shift 5
	openssl req -newkey rsa:2048 -nodes -keyout "$d/$name.key" \
		-out "$d/$name.csr" -subj "/CN=$cn" 2>/dev/null || return 1
	printf 'subjectAltName=%s\n' "$san" >"$d/$name.ext"
	openssl x509 -req -in "$d/$name.csr" -CA "$d/$ca.pem" \
		-CAkey "$d/$ca.key" -CAcreateserial -out "$d/$name.pem" \
		-extfile "$d/$name.ext" "$@" 2>/dev/null || return 1
	openssl pkcs8 -topk8 -nocrypt -in "$d/$name.key" -out "$d/$name.p8" ||
		return 1
	cat "$d/$name.p8" "$d/$name.pem" >"$d/$name-ks.pem"
}

tls_make_certs()
{
	local d=$1
	mkdir -p "$d" || return 1
	openssl req -x509 -newkey rsa:2048 -nodes -keyout "$d/ca.key" \
		-out "$d/ca.pem" -days 30 -subj /CN=test-ca 2>/dev/null &&
	openssl req -x509 -newkey rsa:2048 -nodes -keyout "$d/other-ca.key" \
		-out "$d/other-ca.pem" -days 30 -subj /CN=other-ca 2>/dev/null &&
	tls__leaf "$d" srv localhost DNS:localhost,IP:127.0.0.1 ca -days 30 &&
	tls__leaf "$d" expired localhost DNS:localhost,IP:127.0.0.1 ca -days -1 &&
	tls__leaf "$d" wronghost wrong.example DNS:wrong.example ca -days 30 &&
	tls__leaf "$d" untrusted localhost DNS:localhost,IP:127.0.0.1 other-ca -days 30 &&
	tls__leaf "$d" client kafkit-client DNS:kafkit-client ca -days 30 &&
	openssl req -newkey rsa:2048 -nodes -keyout "$d/int.key" \
		-out "$d/int.csr" -subj /CN=test-intermediate 2>/dev/null &&
	printf 'basicConstraints=critical,CA:TRUE\nkeyUsage=keyCertSign,cRLSign\n' \
		>"$d/int.ext" &&
	openssl x509 -req -in "$d/int.csr" -CA "$d/ca.pem" -CAkey "$d/ca.key" \
		-CAcreateserial -out "$d/int.pem" -days 30 \
		-extfile "$d/int.ext" 2>/dev/null &&
	tls__leaf "$d" chain localhost DNS:localhost,IP:127.0.0.1 int -days 30 &&
	cat "$d/int.pem" >>"$d/chain-ks.pem" ||
		{ echo "tls: openssl could not make the certificates in $d" >&2; return 1; }
	# PBES1 (PBEWithSHA1AndDESede): JDK 17 cannot read a PBES2 key
	openssl pkcs8 -topk8 -in "$d/client.key" -out "$d/client-enc.p8" \
		-passout pass:keypass -v1 PBE-SHA1-3DES || return 1
	openssl pkcs12 -export -in "$d/client.pem" -inkey "$d/client.key" \
		-certfile "$d/ca.pem" -name client -out "$d/client.p12" \
		-passout pass:storepass || return 1
	keytool -importkeystore -noprompt -srckeystore "$d/client.p12" \
		-srcstoretype PKCS12 -srcstorepass storepass \
		-destkeystore "$d/client.jks" -deststoretype JKS \
		-deststorepass storepass >/dev/null 2>&1 &&
	keytool -importcert -noprompt -alias ca -file "$d/ca.pem" \
		-keystore "$d/trust.jks" -storepass trustpass -storetype JKS \
		>/dev/null 2>&1 &&
	keytool -importcert -noprompt -alias ca -file "$d/ca.pem" \
		-keystore "$d/trust.p12" -storepass trustpass -storetype PKCS12 \
		>/dev/null 2>&1 ||
		{ echo "tls: keytool could not make the stores in $d" >&2; return 1; }
}

tls_broker_conf()
{
	local d=$1 l
	for l in ssl:srv mtls:srv expired:expired wronghost:wronghost \
		untrusted:untrusted chain:chain; do
		echo "listener.name.${l%%:*}.ssl.keystore.type=PEM"
		echo "listener.name.${l%%:*}.ssl.keystore.location=$d/${l#*:}-ks.pem"
	done
	echo "listener.name.mtls.ssl.client.auth=required"
	echo "listener.name.mtls.ssl.truststore.type=PEM"
	echo "listener.name.mtls.ssl.truststore.location=$d/ca.pem"
}
