"""libvirt_qemu and libvirt_lxc on the test driver: the QEMU-only calls are
refused as unsupported, entering the cgroup of a non-container is a no-op."""
import libvirt
import libvirt_lxc
import libvirt_qemu

libvirt.registerErrorHandler(lambda ctx, err: None, None)
conn = libvirt.open("test:///default")
dom = conn.lookupByName("test")


def attempt(label, fn):
    try:
        print(label, fn())
    except libvirt.libvirtError as e:
        print(label, "error", e.get_error_code())


attempt("qemuMonitorCommand", lambda: libvirt_qemu.qemuMonitorCommand(dom, '{"execute":"query-status"}', 0))
attempt("qemuMonitorCommand hmp", lambda: libvirt_qemu.qemuMonitorCommand(
    dom, "info status", libvirt_qemu.VIR_DOMAIN_QEMU_MONITOR_COMMAND_HMP))
attempt("qemuMonitorCommandWithFiles", lambda: libvirt_qemu.qemuMonitorCommandWithFiles(dom, "{}", [], 0))
attempt("qemuAgentCommand", lambda: libvirt_qemu.qemuAgentCommand(dom, "{}", 5, 0))
attempt("qemuAttach", lambda: libvirt_qemu.qemuAttach(conn, 1, 0))
attempt("qemuMonitorEventRegister", lambda: libvirt_qemu.qemuMonitorEventRegister(
    conn, dom, "STOP", lambda *a: None, None, 0))
attempt("qemuMonitorEventDeregister", lambda: libvirt_qemu.qemuMonitorEventDeregister(conn, 0))
attempt("lxcOpenNamespace", lambda: libvirt_lxc.lxcOpenNamespace(dom, 0))
attempt("lxcEnterCGroup", lambda: libvirt_lxc.lxcEnterCGroup(dom, 0))
print("constants", libvirt_qemu.VIR_DOMAIN_QEMU_AGENT_COMMAND_BLOCK,
      libvirt_qemu.VIR_CONNECT_DOMAIN_QEMU_MONITOR_EVENT_REGISTER_REGEX)
conn.close()
