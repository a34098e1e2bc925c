"""virtkitd's configuration file: libvirtd.conf's syntax and keys, its
defaults, its errors (compared with Debian's libvirtd 9.0: the key and
the file are named and the daemon refuses to start), and the keys'
effects on a running daemon."""
import grp
import os
import stat
import subprocess
import threading
import time

import pytest

import libvirt

from conftest import VIRTKITD, Daemon, DOMAIN_XML


def run_bad(tmp_path, text, *extra):
    """Start virtkitd on a config holding TEXT: it must refuse; returns its
    standard error."""
    conf = tmp_path / "bad.conf"
    conf.write_text(text)
    r = subprocess.run([str(VIRTKITD), "--root", str(tmp_path / "root"), "--config", str(conf),
                        *extra], capture_output=True, text=True, timeout=30)
    assert r.returncode != 0, r.stderr
    assert not (tmp_path / "root" / "run" / "virtkit" / "virtkit-sock").exists()
    return r.stderr.strip(), str(conf)


# (config text, libvirtd's message with FILE for the file's path)
BAD = [
    ('max_clients = "abc"\n',
     "Can't load config file: internal error: FILE: expected an unsigned integer "
     "for 'max_clients' parameter"),
    ("listen_tls = [ 1 ]\n",
     "Can't load config file: internal error: FILE: expected a bool for 'listen_tls' parameter"),
    ("listen_tls = 2\n",
     "Can't load config file: internal error: FILE: value for 'listen_tls' parameter must be 0 or 1"),
    ("unix_sock_dir = 5\n",
     "Can't load config file: internal error: FILE: expected a string for 'unix_sock_dir' parameter"),
    ("keepalive_interval = \"x\"\n",
     "Can't load config file: internal error: FILE: expected a signed integer "
     "for 'keepalive_interval' parameter"),
    ('tls_allowed_dn_list = "CN=a"\n',
     "Can't load config file: internal error: FILE: expected a string list "
     "for 'tls_allowed_dn_list' parameter"),
    ("# fine\nmax_workers = 3\nlisten_tls = \n",
     "Can't load config file: configuration file syntax error: FILE:3: expecting a value"),
    ('auth_tcp = "bogus"\n',
     "Can't load config file: unsupported configuration: FILE: auth_tcp: unsupported auth bogus"),
]


@pytest.mark.parametrize("text,message", BAD)
def test_bad_values_refused_as_libvirtd(tmp_path, text, message):
    err, conf = run_bad(tmp_path, text)
    # libvirtd names the file once more at the end
    assert err == "virtkitd: " + message.replace("FILE", conf) + ": " + conf


def test_bad_mode_and_missing_file(tmp_path):
    err, _ = run_bad(tmp_path, 'unix_sock_rw_perms = "0zz"\n')
    assert err == "virtkitd: unsupported configuration: Failed to parse mode '0zz'"
    missing = tmp_path / "nonexistent.conf"
    r = subprocess.run([str(VIRTKITD), "--root", str(tmp_path), "--config", str(missing)],
                       capture_output=True, text=True, timeout=30)
    assert r.returncode == 1
    assert r.stderr.strip() == (f"virtkitd: Can't load config file: Failed to open file "
                                f"'{missing}': No such file or directory: {missing}")


def test_polkit_refused_on_network(tmp_path):
    """auth_tcp = "polkit" (libvirtd takes polkit only for unix sockets)
    is refused when TCP is listened on."""
    err, conf = run_bad(tmp_path, 'listen_tls = 0\nlisten_tcp = 1\nlisten_addr = "127.0.0.1"\n'
                        'tcp_port = "0"\nauth_tcp = "polkit"\n', "--listen")
    assert err == f'virtkitd: unsupported configuration: {conf}: auth_tcp = "polkit" is not supported'


def test_default_file_under_root_and_syntax(tmp_path):
    """ROOT/etc/virtkit/virtkitd.conf is read by default: comments, ';'
    separators, both quotes, lists over several lines, unknown keys
    (ignored with a warning, as libvirtd ignores them)."""
    group = grp.getgrgid(os.getgid()).gr_name
    etc = tmp_path / "etc" / "virtkit"
    etc.mkdir(parents=True)
    (etc / "virtkitd.conf").write_text(f"""# virtkitd.conf
unix_sock_rw_perms = "0770"   # a comment after a value
unix_sock_ro_perms = '0755' ; unix_sock_group = "{group}"
tls_allowed_dn_list = [
    "C=GB,O=a,CN=*",   # trailing comma allowed
    "CN=b",
]
max_client_requests = 2
some_future_key = 1
""")
    d = Daemon(tmp_path)
    try:
        assert stat.S_IMODE(d.sock.stat().st_mode) == 0o770
        assert stat.S_IMODE(d.sock_ro.stat().st_mode) == 0o755
        assert d.sock.stat().st_gid == os.getgid()
        c = libvirt.open(d.uri())
        assert c.listDomainsID() == [1]
        c.close()
        assert "unknown key 'some_future_key' ignored" in d.output()
    finally:
        assert d.stop() == 0


def test_unix_sock_dir_and_log_outputs(tmp_path):
    sockdir = tmp_path / "sockets"
    log = tmp_path / "daemon.log"
    conf = tmp_path / "v.conf"
    conf.write_text(f'unix_sock_dir = "{sockdir}"\nlog_level = 1\n'
                    f'log_outputs = "1:file:{log}"\n')
    p = subprocess.Popen([str(VIRTKITD), "--root", str(tmp_path / "root"), "--config", str(conf)],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while not (sockdir / "virtkit-sock-ro").exists():
            assert p.poll() is None and time.monotonic() < deadline
            time.sleep(0.02)
        assert not (tmp_path / "root" / "run" / "virtkit" / "virtkit-sock").exists()
        c = libvirt.open(f"test+unix:///default?socket={sockdir}/virtkit-sock")
        assert c.getHostname()
        c.close()
        # debug lines of the daemon's calls went to the file
        deadline = time.monotonic() + 10
        while "debug" not in log.read_text():
            assert time.monotonic() < deadline
            time.sleep(0.02)
    finally:
        p.terminate()
        p.wait(timeout=30)


def test_command_line_overrides_file(tmp_path):
    conf = tmp_path / "v.conf"
    conf.write_text("max_clients = 5\n")
    d = Daemon(tmp_path, "--config", str(conf), "--max-clients", "1")
    try:
        a = libvirt.open(d.uri())
        with pytest.raises(libvirt.libvirtError) as e:
            libvirt.open(d.uri())
        assert "at most 1 connections" in e.value.get_error_message()
        a.close()
    finally:
        assert d.stop() == 0


def test_max_clients_from_file(tmp_path):
    conf = tmp_path / "v.conf"
    conf.write_text("max_clients = 1\n")
    d = Daemon(tmp_path, "--config", str(conf))
    try:
        a = libvirt.open(d.uri())
        with pytest.raises(libvirt.libvirtError) as e:
            libvirt.open(d.uri())
        assert e.value.get_error_code() == libvirt.VIR_ERR_RPC
        a.close()
    finally:
        assert d.stop() == 0


def test_max_client_requests_waits_not_refuses(tmp_path):
    """max_client_requests = 1 and one worker per call: 8 threads calling
    at once on one connection all get their answers; the calls past the
    limit waited instead of failing."""
    conf = tmp_path / "v.conf"
    conf.write_text("max_client_requests = 1\nmax_workers = 4\nmin_workers = 1\n")
    d = Daemon(tmp_path, "--config", str(conf))
    c = libvirt.open(d.uri())
    errors = []
    names = []

    def work(i):
        try:
            dom = c.defineXML(DOMAIN_XML.format(name=f"req-{i}"))
            for _ in range(20):
                names.append(c.lookupByName(f"req-{i}").name())
            dom.undefine()
        except libvirt.libvirtError as e:
            errors.append(e)

    try:
        threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        assert not errors
        assert len(names) == 160
    finally:
        c.close()
        assert d.stop() == 0


def test_keepalive_probes_clients(tmp_path):
    """keepalive_interval = 1, keepalive_count = 1: a client that sent a
    keepalive and then answers nothing is probed and closed; a real
    client with keepalive on answers the probes and stays."""
    import socket
    import struct
    conf = tmp_path / "v.conf"
    conf.write_text("keepalive_interval = 1\nkeepalive_count = 1\n")
    d = Daemon(tmp_path, "--config", str(conf))
    good = libvirt.open(d.uri())
    try:
        # its own pings are rare: it stays because it answers the daemon's
        good.setKeepAlive(60, 3)
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.connect(str(d.sock))
        s.settimeout(30)
        s.sendall(struct.pack("<7I", 28, 0x564B4954, 1, 65541, 0, 7, 0))
        got = []
        while True:
            head = s.recv(28, socket.MSG_WAITALL)
            if not head:
                break
            got.append(struct.unpack("<7I", head)[3:5])
        s.close()
        # the reply to our keepalive, then the daemon's own probe, then the end
        assert got == [(65541, 1), (65541, 0)]
        assert good.isAlive() == 1
        assert good.listDomainsID() == [1]
    finally:
        good.close()
        assert d.stop() == 0
