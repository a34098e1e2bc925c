"""Certificates for the TLS tests, made with certtool (gnutls-bin) in a
temporary folder: a CA, a server certificate for 127.0.0.1/localhost and
client certificates (good, expired, signed by an unknown CA, another DN).

make_pki(DIR) returns a Pki whose folders hold files under libvirt's names
(cacert.pem, servercert.pem, serverkey.pem, clientcert.pem, clientkey.pem),
so a folder can be given as ?pkipath= or as the daemon's key_file etc.
"""
import dataclasses
import pathlib
import subprocess

CERTTOOL = "/usr/bin/certtool"


def _run(*args):
    subprocess.run([CERTTOOL, *args], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)


def _key(path: pathlib.Path):
    _run("--generate-privkey", "--key-type", "rsa", "--bits", "2048", "--outfile", str(path))


def _template(path: pathlib.Path, lines):
    path.write_text("\n".join(lines) + "\n")
    return str(path)


@dataclasses.dataclass
class Pki:
    root: pathlib.Path
    ca: pathlib.Path          # cacert.pem (cacrl.pem beside it revokes "revoked")
    server: pathlib.Path      # folder: cacert, servercert, serverkey
    clients: dict             # name -> folder: cacert, clientcert, clientkey

    def client(self, name="good") -> pathlib.Path:
        return self.clients[name]


def _make_ca(d: pathlib.Path, cn: str):
    d.mkdir(parents=True)
    _key(d / "cakey.pem")
    tmpl = _template(d / "ca.info", [f'cn = "{cn}"', "ca", "cert_signing_key",
                                     "expiration_days = 30"])
    _run("--generate-self-signed", "--load-privkey", str(d / "cakey.pem"),
         "--template", tmpl, "--outfile", str(d / "cacert.pem"))
    return d


def _make_cert(ca: pathlib.Path, d: pathlib.Path, kind: str, lines, cacert: pathlib.Path):
    d.mkdir(parents=True)
    _key(d / f"{kind}key.pem")
    tmpl = _template(d / f"{kind}.info", lines)
    _run("--generate-certificate", "--load-privkey", str(d / f"{kind}key.pem"),
         "--load-ca-certificate", str(ca / "cacert.pem"),
         "--load-ca-privkey", str(ca / "cakey.pem"),
         "--template", tmpl, "--outfile", str(d / f"{kind}cert.pem"))
    (d / "cacert.pem").write_bytes(cacert.read_bytes())
    return d


def make_pki(root: pathlib.Path) -> Pki:
    ca = _make_ca(root / "ca", "virtkit test CA")
    rogue = _make_ca(root / "rogue-ca", "unknown CA")
    server = _make_cert(ca, root / "server", "server",
                        ['organization = "virtkit tests"', 'cn = "localhost"',
                         'dns_name = "localhost"', 'ip_address = "127.0.0.1"',
                         "tls_www_server", "encryption_key", "signing_key",
                         "expiration_days = 30"], ca / "cacert.pem")
    client_lines = ['country = "GB"', 'organization = "virtkit tests"',
                    "tls_www_client", "encryption_key", "signing_key"]
    clients = {
        "good": _make_cert(ca, root / "client-good", "client",
                           client_lines + ['cn = "good-client"', "expiration_days = 30"],
                           ca / "cacert.pem"),
        "other": _make_cert(ca, root / "client-other", "client",
                            client_lines + ['cn = "other-client"', "expiration_days = 30"],
                            ca / "cacert.pem"),
        # certtool takes a negative lifetime: valid until yesterday
        "expired": _make_cert(ca, root / "client-expired", "client",
                              client_lines + ['cn = "good-client"',
                                              'activation_date = "2020-01-01 00:00:00 UTC"',
                                              'expiration_date = "2020-02-01 00:00:00 UTC"'],
                              ca / "cacert.pem"),
        # signed by a CA the daemon does not know; trusts the right CA itself
        "rogue": _make_cert(rogue, root / "client-rogue", "client",
                            client_lines + ['cn = "good-client"', "expiration_days = 30"],
                            ca / "cacert.pem"),
    }
    # a good certificate, then revoked: the CA's revocation list names it
    clients["revoked"] = _make_cert(ca, root / "client-revoked", "client",
                                    client_lines + ['cn = "good-revoked"', "expiration_days = 30"],
                                    ca / "cacert.pem")
    tmpl = _template(ca / "crl.info", ["crl_next_update = 30"])
    _run("--generate-crl", "--load-ca-privkey", str(ca / "cakey.pem"),
         "--load-ca-certificate", str(ca / "cacert.pem"),
         "--load-certificate", str(clients["revoked"] / "clientcert.pem"),
         "--template", tmpl, "--outfile", str(ca / "cacrl.pem"))
    # no client certificate at all: only the CA
    nocert = root / "client-none"
    nocert.mkdir()
    (nocert / "cacert.pem").write_bytes((ca / "cacert.pem").read_bytes())
    clients["none"] = nocert
    return Pki(root, ca / "cacert.pem", server, clients)
