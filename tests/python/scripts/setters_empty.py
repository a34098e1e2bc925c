# Typed-parameter setters given an empty dictionary (libvirt-python refuses
# it for the older setters and passes it on for the newer ones), and the
# error domain of a domain document with the wrong root element.
import libvirt

libvirt.registerErrorHandler(lambda ctx, err: None, None)
conn = libvirt.open("test:///default")
dom = conn.lookupByName("test")

calls = [
    ("setSchedulerParameters", lambda: dom.setSchedulerParameters({})),
    ("setSchedulerParametersFlags", lambda: dom.setSchedulerParametersFlags({}, 0)),
    ("setBlkioParameters", lambda: dom.setBlkioParameters({}, 0)),
    ("setMemoryParameters", lambda: dom.setMemoryParameters({}, 0)),
    ("setNumaParameters", lambda: dom.setNumaParameters({}, 0)),
    ("setInterfaceParameters", lambda: dom.setInterfaceParameters("vnet0", {}, 0)),
    ("setBlockIoTune", lambda: dom.setBlockIoTune("vda", {}, 0)),
    ("setPerfEvents", lambda: dom.setPerfEvents({}, 0)),
    ("setIOThreadParams", lambda: dom.setIOThreadParams(1, {}, 0)),
    ("setLaunchSecurityState", lambda: dom.setLaunchSecurityState({}, 0)),
    ("setIdentity", lambda: conn.setIdentity({}, 0)),
    ("node setMemoryParameters", lambda: conn.setMemoryParameters({}, 0)),
    ("saveParams", lambda: dom.saveParams({}, 0)),
    ("restoreParams", lambda: conn.restoreParams({}, 0)),
    ("migrate3", lambda: dom.migrate3(conn, {}, 0)),
    ("blockCopy", lambda: dom.blockCopy("vda", "<disk/>", {}, 0)),
    ("createXML root", lambda: conn.createXML("<x/>")),
    ("defineXML root", lambda: conn.defineXML("<x/>")),
    ("defineXMLFlags root", lambda: conn.defineXMLFlags("<x/>", 0)),
    ("createXMLWithFiles root", lambda: conn.createXMLWithFiles("<x/>", [], 0)),
]
for label, call in calls:
    try:
        print(label, repr(call()))
    except libvirt.libvirtError as e:
        print(label, "error", e.get_error_code(), e.get_error_domain(), e.get_error_message())
    except LookupError as e:
        print(label, "LookupError", e)
