"""Streams nothing took over (virStreamNew alone): what works on them and
which error each other call gives."""
import libvirt

libvirt.registerErrorHandler(lambda *a: None, None)
c = libvirt.open('test:///default')


def t(name, f):
    try:
        r = f()
    except libvirt.libvirtError as e:
        print(name, 'ERR', e.get_error_code(), e.get_error_domain())
        return
    print(name, 'OK', r)


for flags in (0, libvirt.VIR_STREAM_NONBLOCK):
    st = c.newStream(flags)
    print('class', type(st).__name__)
    t('send', lambda: st.send(b'abc'))
    t('send-empty', lambda: st.send(b''))
    t('recv', lambda: st.recv(10))
    t('recvFlags', lambda: st.recvFlags(10, 0))
    t('recvFlags-hole', lambda: st.recvFlags(10, libvirt.VIR_STREAM_RECV_STOP_AT_HOLE))
    t('sendHole', lambda: st.sendHole(10, 0))
    t('recvHole', lambda: st.recvHole(0))
    t('eventAdd', lambda: st.eventAddCallback(libvirt.VIR_STREAM_EVENT_READABLE, lambda *a: None, None))
    t('eventUpdate', lambda: st.eventUpdateCallback(libvirt.VIR_STREAM_EVENT_WRITABLE))
    t('eventRemove', st.eventRemoveCallback)
    t('recvAll', lambda: st.recvAll(lambda s, b, o: len(b), None))
    t('sendAll', lambda: st.sendAll(lambda s, n, o: b'x', None))
    t('sendAll-empty', lambda: st.sendAll(lambda s, n, o: b'', None))
    t('sparseRecvAll', lambda: st.sparseRecvAll(lambda s, b, o: 0, lambda s, n, o: 0, None))
    t('sparseSendAll-end', lambda: st.sparseSendAll(lambda s, n, o: b'', lambda s, o: [True, 0],
                                                    lambda s, n, o: 0, None))
    t('finish', st.finish)
    t('abort', st.abort)
    t('abort-again', st.abort)
t('connect', lambda: c.newStream(0).connect() is c)
t('odd-flags', lambda: type(c.newStream(2)).__name__)
t('streamBufSize', lambda: libvirt.virStorageVol.streamBufSize)
ro = libvirt.openReadOnly('test:///default')
t('ro-new', lambda: type(ro.newStream(0)).__name__)
t('ro-abort', lambda: ro.newStream(0).abort())
