/*
 * viruuid.c: parsing, formatting and generating UUIDs.
 *
 * The parser follows what libvirt accepts rather than strict RFC 4122
 * text, because users paste UUIDs from many tools: separators may sit
 * between any two byte pairs, digits may be upper case, and blanks around
 * the value are ignored.  Generation takes its bytes from the kernel
 * (getrandom) and falls back to GLib's generator only if that fails.
 */
#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_NONE

int
virUUIDParse(const char *str, unsigned char *uuid)
{
    unsigned char raw[VIR_UUID_BUFLEN];
    const char *cur = str;
    size_t i = 0;

    if (!str || !uuid)
        return -1;

    while (*cur == ' ')
        cur++;

    while (i < VIR_UUID_BUFLEN) {
        int hi;
        int lo;

        if (*cur == '\0')
            return -1;
        if (*cur == '-' || *cur == ' ') {
            cur++;
            continue;
        }
        hi = g_ascii_xdigit_value(cur[0]);
        if (hi < 0)
            return -1;
        lo = g_ascii_xdigit_value(cur[1]);
        if (lo < 0)
            return -1;
        raw[i++] = (unsigned char)((hi << 4) | lo);
        cur += 2;
    }

    for (; *cur; cur++) {
        if (!g_ascii_isspace(*cur))
            return -1;
    }

    memcpy(uuid, raw, VIR_UUID_BUFLEN);
    return 0;
}

gboolean
virUUIDIsValid(const char *str)
{
    unsigned char raw[VIR_UUID_BUFLEN];

    return virUUIDParse(str, raw) == 0;
}

void
virUUIDFormat(const unsigned char *uuid, char *str)
{
    static const char hex[] = "0123456789abcdef";
    char *out = str;

    for (size_t i = 0; i < VIR_UUID_BUFLEN; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            *out++ = '-';
        *out++ = hex[uuid[i] >> 4];
        *out++ = hex[uuid[i] & 0xf];
    }
    *out = '\0';
}

void
virRandomBytes(unsigned char *buf, size_t len)
{
    size_t got = 0;

    while (got < len) {
        ssize_t n = getrandom(buf + got, len - got, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        got += (size_t)n;
    }
    for (; got < len; got++)
        buf[got] = (unsigned char)g_random_int_range(0, 256);
}

void
virUUIDGenerate(unsigned char *uuid)
{
    virRandomBytes(uuid, VIR_UUID_BUFLEN);

    uuid[6] = (uuid[6] & 0x0f) | 0x40;  /* version 4 */
    uuid[8] = (uuid[8] & 0x3f) | 0x80;  /* RFC 4122 variant */
}
