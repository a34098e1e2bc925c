/*
 * viruuid.h: UUIDs as 16 raw bytes and as the 36-character text form.
 *
 * Domains, networks, pools and secrets are all identified by a UUID; the
 * public API passes them either raw (VIR_UUID_BUFLEN bytes) or as text
 * (VIR_UUID_STRING_BUFLEN including the NUL).
 */
#pragma once

#include <glib.h>

#include <libvirt/libvirt.h>

/* Parse STR into UUID.  Accepts libvirt's forms: 32 hex digits in either
 * case, with '-' or ' ' allowed between byte pairs (so both
 * "6695eb01-f6a4-8304-79aa-97f2502e193f" and the undashed form work),
 * surrounding spaces ignored.  Returns 0, or -1 (UUID untouched, no error
 * reported: the caller knows which argument was bad). */
int virUUIDParse(const char *str, unsigned char *uuid);

/* Write the canonical lower-case dashed form of UUID into STR, which must
 * hold VIR_UUID_STRING_BUFLEN bytes. */
void virUUIDFormat(const unsigned char *uuid, char *str);

/* Fill UUID with a random (version 4, RFC 4122 variant) UUID. */
void virUUIDGenerate(unsigned char *uuid);

/* Fill BUF with LEN random bytes (getrandom, falling back to GLib). */
void virRandomBytes(unsigned char *buf, size_t len);

/* TRUE if STR parses as a UUID. */
gboolean virUUIDIsValid(const char *str);
