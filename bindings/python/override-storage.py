# Hand-written Python glue for api/storage.xml, pasted into libvirt.py (see
# libvirt-override.py).
#
# libvirt-python writes the whole-stream helpers (recvAll, sendAll and
# their sparse forms) in Python over send/recv, so that the handlers are
# plain Python callables; virtkit does the same.  The C helpers
# (virStreamSendAll …) stay for C programs.


class _virStorageVolGlueStorage:
    __slots__ = ()

    # how much the stream helpers ask for at a time, as libvirt-python
    streamBufSize = 262120


class _virStreamGlueStorage:
    __slots__ = ()

    def _abortQuietly(self):
        try:
            self.abort()
        except Exception:
            pass

    def recvAll(self, handler, opaque):
        """Read the stream to its end, giving every chunk to
        handler(stream, data, opaque); a negative result or an exception
        from the handler aborts the stream."""
        while True:
            chunk = self.recv(virStorageVol.streamBufSize)
            if chunk == -2:
                raise libvirtError("cannot use recvAll with nonblocking stream")
            if len(chunk) == 0:
                return
            try:
                res = handler(self, chunk, opaque)
                if isinstance(res, int) and res < 0:
                    raise RuntimeError("recvAll handler returned %d" % res)
            except BaseException:
                self._abortQuietly()
                raise

    def sendAll(self, handler, opaque):
        """Send what handler(stream, nbytes, opaque) returns until it
        returns nothing; an exception from the handler aborts the stream."""
        while True:
            try:
                chunk = handler(self, virStorageVol.streamBufSize, opaque)
            except BaseException:
                self._abortQuietly()
                raise
            if not chunk:
                return
            if self.send(chunk) == -2:
                raise libvirtError("cannot use sendAll with nonblocking stream")

    def sparseRecvAll(self, handler, holeHandler, opaque):
        """As recvAll, giving holes to holeHandler(stream, length, opaque)
        instead of zeros to handler."""
        while True:
            chunk = self.recvFlags(virStorageVol.streamBufSize,
                                   VIR_STREAM_RECV_STOP_AT_HOLE)
            if chunk == -2:
                raise libvirtError("cannot use sparseRecvAll with nonblocking stream")
            if chunk == -3:
                length = self.recvHole()
                if length is None:
                    self.abort()
                    raise RuntimeError("recvHole handler failed")
                res = holeHandler(self, length, opaque)
                if isinstance(res, int) and res < 0:
                    self.abort()
                    raise RuntimeError("holeHandler handler returned %d" % res)
                continue
            if isinstance(chunk, int):
                raise ValueError(chunk)
            if not isinstance(chunk, bytes):
                raise TypeError(type(chunk))
            if len(chunk) == 0:
                return
            res = handler(self, chunk, opaque)
            if isinstance(res, int) and res < 0:
                self.abort()
                raise RuntimeError("sparseRecvAll handler returned %d" % res)

    def sparseSendAll(self, handler, holeHandler, skipHandler, opaque):
        """As sendAll; holeHandler(stream, opaque) returns [inData, length]
        for the section ahead, holes are sent as such and skipped with
        skipHandler(stream, length, opaque)."""
        while True:
            inData, sectionLen = holeHandler(self, opaque)
            if not inData and sectionLen > 0:
                if (self.sendHole(sectionLen) < 0 or
                        skipHandler(self, sectionLen, opaque) < 0):
                    self.abort()
                continue
            want = virStorageVol.streamBufSize
            if want > sectionLen:
                want = sectionLen
            chunk = handler(self, want, opaque)
            if isinstance(chunk, int) and chunk < 0:
                self.abort()
                raise RuntimeError("sparseSendAll handler returned %d" % chunk)
            if not chunk:
                return
            if self.send(chunk) == -2:
                raise libvirtError("cannot use sparseSendAll with nonblocking stream")
