# Hand-written Python glue, pasted into the generated libvirt.py before the
# classes.  Every class named _<Object>Glue<anything> in the glue files
# becomes a base of libvirt.<Object>, so its methods sit next to the
# generated ones (one such class per file and object, e.g.
# _virConnectGlueNetwork in override-network.py).


class libvirtError(Exception):
    """Raised by every call that fails; holds a copy of the library's error.

    err is the tuple (code, domain, message, level, str1, str2, str3,
    int1, int2), as in libvirt-python.
    """

    def __init__(self, defmsg, conn=None, dom=None, net=None, pool=None, vol=None):
        err = libvirtmod.virGetLastError()
        msg = defmsg if err is None else err[2]
        Exception.__init__(self, msg)
        self.err = err

    def get_error_code(self):
        return None if self.err is None else self.err[0]

    def get_error_domain(self):
        return None if self.err is None else self.err[1]

    def get_error_message(self):
        return None if self.err is None else self.err[2]

    def get_error_level(self):
        return None if self.err is None else self.err[3]

    def get_str1(self):
        return None if self.err is None else self.err[4]

    def get_str2(self):
        return None if self.err is None else self.err[5]

    def get_str3(self):
        return None if self.err is None else self.err[6]

    def get_int1(self):
        return None if self.err is None else self.err[7]

    def get_int2(self):
        return None if self.err is None else self.err[8]


libvirtmod._set_error_class(libvirtError)


def openAuth(uri, auth, flags=0):
    """Open a connection, answering credential requests through
    auth = [credtypes, callback(creds, cbdata), cbdata]."""
    return libvirtmod.openAuth(uri, auth, flags)


def registerErrorHandler(f, ctx):
    """Call f(ctx, error_tuple) for every error instead of printing it."""
    return libvirtmod.registerErrorHandler(f, ctx)


def getVersion(name=None):
    """The library version, or (library, driver) versions when name is given."""
    return libvirtmod.getVersion(name)


def virGetLastError():
    """The calling thread's last error as a tuple, or None."""
    return libvirtmod.virGetLastError()


class _virConnectGlue:
    __slots__ = ()

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        self.close()
