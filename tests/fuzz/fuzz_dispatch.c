/*
 * fuzz_dispatch.c: a libFuzzer target over what virtkitd does with the
 * bytes a client sends: virNetReadMessage's framing (header checks, the
 * length bound, the body read) and then, for every message it accepts,
 * the daemon's router (remote_dispatch.c), so the body of any procedure
 * is decoded by its generated dispatcher, its hand-written glue, or the
 * stream and event procedures.
 *
 * Each input is one client: a fresh daemon-side client whose connection
 * is opened read-only on test:///default (as a client of the read-only
 * socket), so no input changes what the next one sees.  The input's bytes
 * follow that open call in a memory file, read message by message as the
 * daemon reads its socket.  The server half (virnetserver.c) is replaced
 * below: replies are encoded, as the daemon does, and dropped.
 *
 * Left out: the client's own open calls (a URI chosen by the input would
 * open other drivers in this process) and the migration calls, whose
 * destination URI the daemon opens itself.
 *
 * With VIRTKIT_FUZZ_WRITE_SEEDS=DIR in its environment, the target writes
 * one seed per procedure into DIR and exits (run-fuzz.sh does it).
 *
 * Run by hand (docs/remote-protocol.md):
 *   build/tests/fuzz/fuzz-dispatch -max_total_time=3600 CORPUS tests/remote/wire
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "remote_dispatch.h"
#include "remote_protocol.h"
#include "virnetsocket.h"
#include "virerror.h"
#include "viruuid.h"

/* Largest message the target accepts (the daemon's default is 32 MiB;
 * inputs are far smaller, and a smaller bound keeps allocations cheap). */
#define FUZZ_MESSAGE_MAX (1024 * 1024)

struct _virNetServerClient {
    gint refs;
};

bool
virNetServerClientIsReadOnly(virNetServerClient *client G_GNUC_UNUSED)
{
    return true;
}

int
virNetServerClientSend(virNetServerClient *client G_GNUC_UNUSED, virNetBuf *msg)
{
    /* a finished message: its header must say its own length */
    virNetMessageHeader hdr;

    g_assert(virNetHeaderDecode(msg->data, msg->len, &hdr) == 0);
    g_assert(hdr.length == msg->len);
    return 0;
}

int
virNetServerClientReply(virNetServerClient *client, const virNetMessageHeader *call,
                        virNetBuf *body)
{
    virNetMessageHeader hdr = {
        .proc = call->proc,
        .type = VIR_NET_REPLY,
        .serial = call->serial,
        .status = body ? VIR_NET_OK : VIR_NET_ERROR,
    };
    g_auto(virNetBuf) err = { 0 };

    if (!body) {
        virNetMessageBegin(&err);
        virNetPutError(&err, virErrorEnsureLast());
        body = &err;
    }
    virNetMessageFinish(body, &hdr);
    return virNetServerClientSend(client, body);
}

void
virNetServerClientRef(virNetServerClient *client)
{
    g_atomic_int_inc(&client->refs);
}

void
virNetServerClientUnref(virNetServerClient *client)
{
    g_atomic_int_dec_and_test(&client->refs);
}

void
virNetServerClientClose(virNetServerClient *client G_GNUC_UNUSED)
{
}

/* a unix socket's client: nothing to authenticate */
int
virNetServerClientGetAuth(virNetServerClient *client G_GNUC_UNUSED)
{
    return VIR_NET_AUTH_NONE;
}

void
virNetServerClientSetAuthenticated(virNetServerClient *client G_GNUC_UNUSED)
{
}

static gpointer
fuzzEventLoop(gpointer opaque G_GNUC_UNUSED)
{
    for (;;)
        virEventRunDefaultImpl();
    return NULL;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* One seed per procedure of the generated table, in DIR: its call with
 * the handle of the test driver's domain and a few zero words, where most
 * procedures' values start; the wire golden files are the other seeds. */
static void
fuzzWriteSeeds(const char *dir)
{
    virNetHandle dom = { .name = (char *)"test", .id = 1 };
    size_t i;

    virUUIDParse("6695eb01-f6a4-8304-79aa-97f2502e193f", dom.uuid);
    for (i = 0; i < remoteDispatchTableSize; i++) {
        virNetMessageHeader hdr = {
            .proc = remoteDispatchTable[i].proc,
            .type = VIR_NET_CALL,
            .serial = 2,
            .status = VIR_NET_OK,
        };
        g_auto(virNetBuf) msg = { 0 };
        g_autofree char *path = g_strdup_printf("%s/proc-%u.bin", dir, hdr.proc);

        virNetMessageBegin(&msg);
        virNetPutHandle(&msg, &dom);
        virNetPutU32(&msg, 0);
        virNetPutU32(&msg, 0);
        virNetPutU32(&msg, 0);
        virNetMessageFinish(&msg, &hdr);
        if (!g_file_set_contents(path, (const char *)msg.data, msg.len, NULL))
            abort();
    }
}

static void
fuzzQuiet(void *opaque G_GNUC_UNUSED, virErrorPtr err G_GNUC_UNUSED)
{
}

int
LLVMFuzzerInitialize(int *argc G_GNUC_UNUSED, char ***argv G_GNUC_UNUSED)
{
    const char *seeds = getenv("VIRTKIT_FUZZ_WRITE_SEEDS");

    if (seeds) {
        fuzzWriteSeeds(seeds);
        exit(0);
    }
    virSetErrorFunc(NULL, fuzzQuiet);
    /* the daemon delivers events (and orders replies after them) from its
     * event loop: give it one */
    if (virEventRegisterDefaultImpl() < 0)
        abort();
    g_thread_new("fuzz-loop", fuzzEventLoop, NULL);
    return 0;
}

static void
fuzzWrite(int fd, const void *data, size_t len)
{
    const char *p = data;

    while (len > 0) {
        ssize_t n = write(fd, p, len);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            abort();
        p += n;
        len -= n;
    }
}

/* The open call every input starts with. */
static void
fuzzPutOpen(int fd)
{
    virNetMessageHeader hdr = {
        .proc = REMOTE_PROC_OPEN,
        .type = VIR_NET_CALL,
        .serial = 1,
        .status = VIR_NET_OK,
    };
    g_auto(virNetBuf) msg = { 0 };

    virNetMessageBegin(&msg);
    virNetPutString(&msg, "test:///default");
    virNetPutU32(&msg, 0);
    virNetMessageFinish(&msg, &hdr);
    fuzzWrite(fd, msg.data, msg.len);
}

static bool
fuzzSkipped(const virNetMessageHeader *hdr, bool opened)
{
    switch (hdr->proc) {
    case REMOTE_PROC_OPEN:
        return opened;
    case REMOTE_PROC_KEEPALIVE:            /* answered by the reader thread */
    case REMOTE_PROC_DOMAIN_MIGRATE:
    case REMOTE_PROC_DOMAIN_MIGRATE2:
    case REMOTE_PROC_DOMAIN_MIGRATE3:
        return true;
    default:
        return false;
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct _virNetServerClient client = { .refs = 1 };
    bool opened = false;
    virNetSocket *sock;
    void *priv;
    int fd;

    if ((fd = memfd_create("fuzz-input", MFD_CLOEXEC)) < 0)
        abort();
    fuzzPutOpen(fd);
    if (size > 0)
        fuzzWrite(fd, data, size);
    if (lseek(fd, 0, SEEK_SET) < 0)
        abort();
    sock = virNetSocketNewFD(fd);        /* reads it as the daemon reads a client */

    priv = remoteServerCallbacks.clientNew(&client, NULL);
    for (;;) {
        virNetMessageHeader hdr;
        g_auto(virNetBuf) body = { 0 };

        /* what the daemon's reader does with each message */
        if (virNetReadMessage(sock, FUZZ_MESSAGE_MAX, &hdr, &body) <= 0)
            break;
        if (hdr.type != VIR_NET_CALL && hdr.type != VIR_NET_STREAM)
            continue;
        if (fuzzSkipped(&hdr, opened))
            continue;
        opened = true;
        remoteServerCallbacks.dispatch(&client, priv, &hdr, &body, NULL);
    }
    remoteServerCallbacks.clientFree(priv);
    virResetLastError();
    virNetSocketFree(sock);
    return 0;
}
