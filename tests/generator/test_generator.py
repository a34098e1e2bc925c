"""The generator's own tests: a schema that must compile, and one bad
schema per rule with the exact 'api.xml:LINE: message' it must print."""

import os
import pathlib
import shutil
import subprocess
import sys

import pytest

HERE = pathlib.Path(__file__).resolve().parent
SRC = HERE.parent.parent
GEN = SRC / "generator" / "virtkit-gen"
BAD = sorted((HERE / "bad").glob("*.xml"))


def run_gen(cwd, *args):
    return subprocess.run([sys.executable, str(GEN), *args], cwd=cwd,
                          capture_output=True, text=True)


@pytest.mark.parametrize("schema", BAD, ids=[p.stem for p in BAD])
def test_bad_schema(schema, tmp_path):
    shutil.copy(schema, tmp_path / "api.xml")
    r = run_gen(tmp_path, "api.xml", "check")
    assert r.returncode == 1
    assert r.stderr.strip() == schema.with_suffix(".err").read_text().strip()


def test_every_rule_has_a_bad_schema():
    # each message template of check.py/parse.py is exercised at least once
    assert len(BAD) >= 45


def test_good_schema_compiles(tmp_path):
    shutil.copy(HERE / "good.xml", tmp_path / "api.xml")
    for what in ("headers", "driver"):
        r = run_gen(tmp_path, "api.xml", what, str(tmp_path / "out"))
        assert r.returncode == 0, r.stderr
    r = run_gen(tmp_path, "api.xml", "python", str(tmp_path / "out"),
                str(SRC / "bindings" / "python" / "libvirt-override.py"))
    assert r.returncode == 0, r.stderr
    inc = tmp_path / "inc" / "libvirt"
    inc.mkdir(parents=True)
    for h in ("libvirt.h", "virterror.h"):
        shutil.copy(tmp_path / "out" / h, inc / h)
    prog = tmp_path / "prog.c"
    prog.write_text('#include <libvirt/libvirt.h>\n'
                    'int main(void) { virDomainInfo i; (void)i; '
                    'return VIR_DOMAIN_XML_BOTH == 2 ? 0 : 1; }\n')
    r = subprocess.run(["cc", "-Wall", "-Werror", "-fsyntax-only",
                        "-I", str(tmp_path / "inc"), "-I", str(SRC / "core" / "include"),
                        str(prog)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    lib = (tmp_path / "out" / "libvirt.py").read_text()
    assert "VIR_DOMAIN_XML_BOTH = 2" in lib
    assert "generated from api.xml" in lib


def test_unchanged_output_is_not_rewritten(tmp_path):
    shutil.copy(HERE / "good.xml", tmp_path / "api.xml")
    out = tmp_path / "out"
    run_gen(tmp_path, "api.xml", "headers", str(out))
    before = os.stat(out / "libvirt.h").st_mtime_ns
    run_gen(tmp_path, "api.xml", "headers", str(out))
    assert os.stat(out / "libvirt.h").st_mtime_ns == before


def test_real_api_checks():
    r = run_gen(SRC, "api.xml", "check")
    assert r.returncode == 0, r.stderr


LIBVIRT_API = pathlib.Path("/usr/share/libvirt/api")


@pytest.mark.skipif(not (LIBVIRT_API / "libvirt-api.xml").exists(),
                    reason="libvirt-dev is not installed")
def test_enums_and_constants_match_libvirt():
    """Every enum value and string constant of libvirt's public API is in
    api.xml with the same value, and api.xml invents none."""
    import xml.etree.ElementTree as ET
    sys.path.insert(0, str(SRC / "generator"))
    from virtkit_gen import main as gen
    api = gen.load(str(SRC / "api.xml"))
    ours = {v.name: v.resolved for e in api.enums for v in e.values}
    our_strings = {c.name: c.value for c in api.constants if c.type == "string"}
    theirs = {}
    their_strings = {}
    roots = [ET.parse(LIBVIRT_API / f).getroot()
             for f in ("libvirt-api.xml", "libvirt-qemu-api.xml")]
    raw = {e.get("name"): e.get("value") for root in roots for e in root.iter("enum")}
    for name, value in raw.items():
        while not value.lstrip("-").isdigit():
            value = raw[value]
        theirs[name] = int(value)
    for root in roots:
        for m in root.iter("macro"):
            if m.get("string") is not None:
                their_strings[m.get("name")] = m.get("string")
    assert ours == theirs
    assert our_strings == their_strings


def test_included_parts(tmp_path):
    """<include file=...> pulls a part in; errors in it name the part."""
    good = (HERE / "good.xml").read_text()
    part = ('<?xml version="1.0"?>\n<api-part>\n'
            '  <constant name="VIR_PART_CONST" type="int" value="7" header="host" since="1.0.0"/>\n'
            '</api-part>\n')
    (tmp_path / "api").mkdir()
    (tmp_path / "api" / "part.xml").write_text(part)
    (tmp_path / "api.xml").write_text(good.replace("  <exceptions>", '  <include file="api/part.xml"/>\n  <exceptions>'))
    r = run_gen(tmp_path, "api.xml", "headers", str(tmp_path / "out"))
    assert r.returncode == 0, r.stderr
    assert "#define VIR_PART_CONST 7" in (tmp_path / "out" / "libvirt.h").read_text()

    (tmp_path / "api" / "part.xml").write_text(part.replace('value="7"', 'value="seven"'))
    r = run_gen(tmp_path, "api.xml", "check")
    assert r.stderr.strip() == "api/part.xml:3: constant 'VIR_PART_CONST' needs a number, not 'seven'"

    (tmp_path / "api" / "part.xml").write_text(part.replace("VIR_PART_CONST", "VIR_UUID_BUFLEN"))
    r = run_gen(tmp_path, "api.xml", "check")
    assert r.stderr.strip() == "api/part.xml:3: 'VIR_UUID_BUFLEN' is already declared at api.xml:7"

    (tmp_path / "api" / "part.xml").write_text(part.replace("api-part", "api"))
    r = run_gen(tmp_path, "api.xml", "check")
    assert r.stderr.strip() == "api/part.xml:2: an included file's document element must be <api-part>"

    (tmp_path / "api" / "part.xml").unlink()
    r = run_gen(tmp_path, "api.xml", "check")
    assert r.stderr.strip().endswith("included file 'api/part.xml' does not exist")


def test_per_language_names(tmp_path):
    """ruby= and perl= name a method when the emitters' rules miss it."""
    text = (HERE / "good.xml").read_text().replace(
        'proc="2" python="XMLDesc"', 'proc="2" python="XMLDesc" ruby="xml_desc" perl="get_xml_description"')
    (tmp_path / "api.xml").write_text(text)
    sys.path.insert(0, str(SRC / "generator"))
    from virtkit_gen import emit_perl, emit_ruby
    from virtkit_gen import main as gen
    api = gen.load(str(tmp_path / "api.xml"))
    f = api.function("virDomainGetXMLDesc")
    assert emit_ruby.ruby_name(api, f, 1) == "xml_desc"
    assert emit_perl.method_name(api, f) == "get_xml_description"


def test_internal_functions_stay_internal(tmp_path):
    """internal="yes": a driver slot, an entry point, a prototype in
    driver.h and a remote procedure, but no public header, export or
    binding."""
    good = (HERE / "good.xml").read_text()
    phase = ('  <function name="virDomainMigrateBegin3Params" since="1.1.0" object="virDomain" proc="9" internal="yes">\n'
             '    <doc>A phase.</doc>\n'
             '    <return type="char *" own="caller" free="free" error="NULL"/>\n'
             '    <param name="domain" type="virDomainPtr"/>\n'
             '    <param name="cookieout" type="char **" dir="out" own="caller" free="free"/>\n'
             '  </function>\n')
    (tmp_path / "api.xml").write_text(good.replace("  <exceptions>", phase + "  <exceptions>"))
    out = tmp_path / "out"
    for what in ("headers", "driver"):
        r = run_gen(tmp_path, "api.xml", what, str(out))
        assert r.returncode == 0, r.stderr
    r = run_gen(tmp_path, "api.xml", "python", str(out),
                str(SRC / "bindings" / "python" / "libvirt-override.py"))
    assert r.returncode == 0, r.stderr
    name = "virDomainMigrateBegin3Params"
    assert " virDomainMigrateBegin3Params(virDomainPtr domain," in (out / "driver.h").read_text()
    assert "virDrvDomainMigrateBegin3Params domainMigrateBegin3Params;" in (out / "driver.h").read_text()
    assert "\nvirDomainMigrateBegin3Params(" in (out / "libvirt-api.c").read_text()
    assert name not in (out / "libvirt.h").read_text()
    assert name not in (out / "libvirt.py").read_text()
    r = run_gen(tmp_path, "api.xml", "remote", "client", str(tmp_path / "client.c"))
    assert r.returncode == 0, r.stderr
    assert name[3:] in (tmp_path / "client.c").read_text()
