"""The remote generator's rules (generator/virtkit_gen/emit_remote.py):
every api.xml function with a proc= number is either carried by the
generated code or marked override="remote"; an unmarked function the
rules cannot carry stops the generator with a message naming it; and the
small schema of the generator's own tests compiles into both ends."""
import pathlib
import shutil
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
SRC = HERE.parent.parent
GEN = SRC / "generator" / "virtkit-gen"
GOOD = SRC / "tests" / "generator" / "good.xml"

UNCARRIABLE = """  <function name="virDomainPeekSomething" since="9.0.0" object="virDomain" access="read" proc="99">
    <doc>A buffer whose size nothing states.</doc>
    <return type="int" error="-1"/>
    <param name="domain" type="virDomainPtr"/>
    <param name="buffer" type="void *" dir="out"/>
    <param name="flags" type="unsigned int" flags="none"/>
  </function>
"""


def gen(cwd, *args):
    return subprocess.run([sys.executable, str(GEN), *args], cwd=cwd,
                          capture_output=True, text=True)


def test_the_real_api_is_all_carried_or_marked():
    r = gen(SRC, "api.xml", "remote", "report")
    assert r.returncode == 0, r.stderr
    assert r.stdout == ""


def test_small_schema_compiles_to_both_ends(tmp_path):
    shutil.copy(GOOD, tmp_path / "api.xml")
    for what in ("client", "dispatch", "procs"):
        r = gen(tmp_path, "api.xml", "remote", what, str(tmp_path / f"{what}.c"))
        assert r.returncode == 0, r.stderr
    client = (tmp_path / "client.c").read_text()
    assert "remoteDomainGetInfo(" in client
    assert "do not edit" in client.splitlines()[0]
    assert "remoteDispatchDomainGetInfo(" in (tmp_path / "dispatch.c").read_text()


def with_function(tmp_path, text):
    schema = GOOD.read_text()
    at = schema.index("  <function ")
    (tmp_path / "api.xml").write_text(schema[:at] + text + schema[at:])
    return schema[:at].count("\n") + 1


def test_uncarriable_function_stops_the_generator(tmp_path):
    line = with_function(tmp_path, UNCARRIABLE)
    r = gen(tmp_path, "api.xml", "remote", "client", str(tmp_path / "client.c"))
    assert r.returncode == 1
    assert r.stderr.strip() == (
        f"api.xml:{line}: virDomainPeekSomething: the remote generator cannot carry "
        "out parameter buffer of type void *; mark it override=\"remote\" and write its glue")


def test_marked_function_is_left_to_glue(tmp_path):
    with_function(tmp_path, UNCARRIABLE.replace('proc="99"', 'proc="99" override="remote"'))
    r = gen(tmp_path, "api.xml", "remote", "client", str(tmp_path / "client.c"))
    assert r.returncode == 0, r.stderr
    assert "remoteDomainPeekSomething" not in (tmp_path / "client.c").read_text()
    procs = gen(tmp_path, "api.xml", "remote", "procs", str(tmp_path / "procs.h"))
    assert procs.returncode == 0
    assert "#define REMOTE_PROC_DOMAIN_PEEK_SOMETHING 99" in (tmp_path / "procs.h").read_text()
