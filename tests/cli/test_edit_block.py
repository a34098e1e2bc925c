"""save-image-edit and managedsave-edit run $EDITOR: the same command
lines through Debian's `virsh` and `virtkit` with the editor set in the
environment (which the cases/*.txt format cannot give).  The temporary
file the editor gets has a random name, masked in the comparison.

The save-image-define and managedsave lines that first save the domain
are here too: Debian's virsh now and then hangs in `save` (and around
running the editor), and a hung run is tried again."""
import os
import re
import shutil
import subprocess

import pytest

NODES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "nodes")
VIRSH = shutil.which("virsh", path="/usr/bin:/bin")
TMPXML = re.compile(r"/tmp/virsh\w+\.xml")

pytestmark = [
    pytest.mark.skipif(VIRSH is None, reason="virsh (libvirt-clients) is not installed"),
    pytest.mark.skipif(shutil.which("virtkit") is None, reason="virtkit is not built"),
]


def run(program, line, editor, cwd, options=()):
    env = dict(os.environ, HOME=str(cwd), LC_ALL="C", LANG="C", EDITOR=editor)
    env.pop("VISUAL", None)
    env.pop("LIBVIRT_DEFAULT_URI", None)
    if program == VIRSH:
        env.pop("LD_LIBRARY_PATH", None)
    # Debian's virsh now and then hangs in save or around running the
    # editor: such a run is tried again
    for attempt in range(3):
        try:
            r = subprocess.run([program, "-c", "test:///default", *options, line],
                               capture_output=True, text=True, env=env, timeout=30,
                               stdin=subprocess.DEVNULL, cwd=cwd)
            break
        except subprocess.TimeoutExpired:
            if program != VIRSH or attempt == 2:
                raise
            for leftover in cwd.iterdir():
                leftover.unlink()
    return r.returncode, r.stdout, TMPXML.sub("TMPFILE", r.stderr)


EDITORS = [
    # nothing changed
    "true",
    # a new memory size: the image takes it
    "sed -i s/2097152/1048576/",
    # a rename: the image refuses another domain's XML
    "sed -i s/<name>test</<name>other</",
    # not XML any more
    "sed -i s/domain/dommain/g",
    # the editor fails, is not found, or goes through sh -c
    "false",
    "/bin/false",
    "nosuch-editor",
    "no+such",
    "sh -c 'exit 3'",
    "sed -i s/2097152/1048576/ --",
]

LINES = [
    "save test f.img; save-image-edit f.img",
    "save test f.img; save-image-edit f.img --running; save-image-dumpxml f.img",
    "save test f.img; save-image-edit --file f.img --paused; restore f.img; domstate test",
    "save test f.img; save-image-edit f.img; save-image-dumpxml f.img --xpath //currentMemory",
    "save test f.img; save-image-edit nofile",
    "save test f.img; save-image-edit f.img --running --paused",
    "managedsave test; managedsave-edit test",
    "managedsave test; managedsave-edit test --running",
    "managedsave-edit nosuch",
]


def compare(line, editor, tmp_path, options=()):
    theirs_dir = tmp_path / "virsh"
    ours_dir = tmp_path / "virtkit"
    theirs_dir.mkdir()
    ours_dir.mkdir()
    theirs = run(VIRSH, line, editor, theirs_dir, options)
    ours = run("virtkit", line, editor, ours_dir, options)
    # the folders differ: compare the paths as the commands saw them
    theirs = tuple(x.replace(str(theirs_dir), "DIR") if isinstance(x, str) else x
                   for x in theirs)
    ours = tuple(x.replace(str(ours_dir), "DIR") if isinstance(x, str) else x for x in ours)
    assert ours[1] == theirs[1], "stdout differs"
    assert ours[2] == theirs[2], "stderr differs"
    assert ours[0] == theirs[0], "exit status differs"


@pytest.mark.parametrize("editor", EDITORS)
@pytest.mark.parametrize("line", LINES)
def test_edit_same_as_virsh(line, editor, tmp_path):
    compare(line, editor, tmp_path)


SAVED = [
    ((), "managedsave test; managedsave-edit test"),
    ((), "managedsave test; managedsave-edit test --paused"),
    ((), "save test f.img; save-image-define f.img {nodes}/domain-block-saved.xml"),
    ((), "save test f.img; save-image-define f.img {nodes}/domain-block-saved.xml; "
         "save-image-dumpxml f.img"),
    ((), "save test f.img; save-image-define --file f.img "
         "--xml {nodes}/domain-block-saved.xml --running"),
    ((), "save test f.img; save-image-define f.img {nodes}/domain-block-saved.xml --paused; "
         "restore f.img; domstate test"),
    ((), "save test f.img; save-image-define f.img {nodes}/domain-block-saved.xml "
         "--running --paused"),
    ((), "save test f.img; save-image-define f.img {nodes}/domain-block-copy.xml"),
    ((), "save test f.img; save-image-define f.img {nodes}/domain-block-other.xml"),
    ((), "save test f.img; save-image-define f.img /dev/null"),
    ((), "save test f.img; save-image-define f.img nofile"),
    (("-q",), "save test f.img; save-image-define f.img {nodes}/domain-block-saved.xml"),
]


@pytest.mark.parametrize("options,line", SAVED)
def test_saved_state_same_as_virsh(options, line, tmp_path):
    compare(line.replace("{nodes}", NODES), "true", tmp_path, options)
