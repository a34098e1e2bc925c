/*
 * xml2xmltest.c: golden-file tests for the domain XML object model
 *
 * For every tests/xml2xml/NAME.xml: parse it as a persistent definition,
 * format it back (inactive view) and compare with NAME.out.xml, or with the
 * input itself when there is no .out.xml (the document is already in
 * canonical form).  For every fail-NAME.xml: parsing must fail, and the
 * last error must match fail-NAME.err, which holds "VIR_ERR_CODE: message".
 * VIRTKIT_TEST_REGENERATE=1 rewrites the expected files instead.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "domain_conf.h"
#include "viruuid.h"

/* The error codes a domain document can fail with, by name. */
static const struct {
    int code;
    const char *name;
} errorNames[] = {
    { VIR_ERR_INTERNAL_ERROR, "VIR_ERR_INTERNAL_ERROR" },
    { VIR_ERR_NO_MEMORY, "VIR_ERR_NO_MEMORY" },
    { VIR_ERR_INVALID_ARG, "VIR_ERR_INVALID_ARG" },
    { VIR_ERR_XML_ERROR, "VIR_ERR_XML_ERROR" },
    { VIR_ERR_XML_DETAIL, "VIR_ERR_XML_DETAIL" },
    { VIR_ERR_NO_NAME, "VIR_ERR_NO_NAME" },
    { VIR_ERR_NO_TARGET, "VIR_ERR_NO_TARGET" },
    { VIR_ERR_NO_SOURCE, "VIR_ERR_NO_SOURCE" },
    { VIR_ERR_CONFIG_UNSUPPORTED, "VIR_ERR_CONFIG_UNSUPPORTED" },
    { VIR_ERR_OVERFLOW, "VIR_ERR_OVERFLOW" },
    { VIR_ERR_XML_INVALID_SCHEMA, "VIR_ERR_XML_INVALID_SCHEMA" },
    { VIR_ERR_OPERATION_INVALID, "VIR_ERR_OPERATION_INVALID" },
};

static char *
errorString(void)
{
    virErrorPtr err = virGetLastError();
    const char *name = NULL;
    size_t i;

    if (!err)
        return g_strdup("(no error reported)\n");
    for (i = 0; i < G_N_ELEMENTS(errorNames); i++) {
        if (errorNames[i].code == err->code)
            name = errorNames[i].name;
    }
    if (name)
        return g_strdup_printf("%s: %s\n", name,
                               err->message ? err->message : "");
    return g_strdup_printf("VIR_ERR_%d: %s\n", err->code,
                           err->message ? err->message : "");
}

/* Compare ACTUAL with the content of EXPECTED_PATH (or rewrite it). */
static bool
checkOutput(const char *expectedPath, const char *actual, bool regenerate)
{
    g_autofree char *expected = NULL;

    if (regenerate)
        return g_file_set_contents(expectedPath, actual, -1, NULL);
    if (!g_file_get_contents(expectedPath, &expected, NULL, NULL)) {
        fprintf(stderr, "  cannot read %s\n", expectedPath);
        return false;
    }
    if (strcmp(expected, actual) != 0) {
        fprintf(stderr, "  expected (%s):\n%s  actual:\n%s",
                expectedPath, expected, actual);
        return false;
    }
    return true;
}

static bool
runPassCase(const char *dir, const char *name, bool regenerate)
{
    g_autofree char *inPath = g_strdup_printf("%s/%s.xml", dir, name);
    g_autofree char *outPath = g_strdup_printf("%s/%s.out.xml", dir, name);
    g_autofree char *input = NULL;
    g_autofree char *actual = NULL;
    g_autoptr(virDomainDef) def = NULL;
    g_autoptr(virDomainDef) copy = NULL;
    g_autofree char *copied = NULL;
    const char *expectPath = outPath;

    if (!g_file_get_contents(inPath, &input, NULL, NULL))
        return false;
    if (!(def = virDomainDefParseString(input, VIR_DOMAIN_DEF_PARSE_INACTIVE))) {
        g_autofree char *err = errorString();
        fprintf(stderr, "  unexpected failure: %s", err);
        return false;
    }
    if (!(actual = virDomainDefFormat(def, VIR_DOMAIN_DEF_FORMAT_INACTIVE)))
        return false;

    /* a copy must format identically */
    if (!(copy = virDomainDefCopy(def)) ||
        !(copied = virDomainDefFormat(copy, VIR_DOMAIN_DEF_FORMAT_INACTIVE)) ||
        strcmp(copied, actual) != 0) {
        fprintf(stderr, "  copy differs from the original\n");
        return false;
    }

    if (!g_file_test(outPath, G_FILE_TEST_EXISTS)) {
        if (regenerate && strcmp(input, actual) != 0)
            return g_file_set_contents(outPath, actual, -1, NULL);
        expectPath = inPath;
        if (regenerate)
            return true;
    }
    return checkOutput(expectPath, actual, regenerate);
}

static bool
runFailCase(const char *dir, const char *name, bool regenerate)
{
    g_autofree char *inPath = g_strdup_printf("%s/%s.xml", dir, name);
    g_autofree char *errPath = g_strdup_printf("%s/%s.err", dir, name);
    g_autofree char *input = NULL;
    g_autofree char *actual = NULL;
    g_autoptr(virDomainDef) def = NULL;

    if (!g_file_get_contents(inPath, &input, NULL, NULL))
        return false;
    def = virDomainDefParseString(input, VIR_DOMAIN_DEF_PARSE_INACTIVE);
    if (def) {
        fprintf(stderr, "  parsing succeeded but should have failed\n");
        return false;
    }
    actual = errorString();
    return checkOutput(errPath, actual, regenerate);
}

/* A document without <uuid> or <mac> gets a random version-4 UUID and a
 * 52:54:00 MAC; two parses must not produce the same identifiers. */
static bool
runGeneratedIdsCase(void)
{
    static const char *doc =
        "<domain type='test'><name>gen</name><memory>1024</memory>"
        "<os><type arch='x86_64'>hvm</type></os><devices>"
        "<interface type='user'/></devices></domain>";
    g_autoptr(virDomainDef) a = virDomainDefParseString(doc, VIR_DOMAIN_DEF_PARSE_INACTIVE);
    g_autoptr(virDomainDef) b = virDomainDefParseString(doc, VIR_DOMAIN_DEF_PARSE_INACTIVE);
    g_autofree char *xml = NULL;
    char uuid[VIR_UUID_STRING_BUFLEN];
    char mac[VIR_MAC_STRING_BUFLEN];
    g_autofree char *uuidLine = NULL;
    g_autofree char *macLine = NULL;

    if (!a || !b || a->nnets != 1 || b->nnets != 1)
        return false;
    if ((a->uuid[6] & 0xf0) != 0x40 || (a->uuid[8] & 0xc0) != 0x80 ||
        memcmp(a->uuid, b->uuid, VIR_UUID_BUFLEN) == 0) {
        fprintf(stderr, "  bad generated uuid\n");
        return false;
    }
    if (a->nets[0]->mac[0] != 0x52 || a->nets[0]->mac[1] != 0x54 ||
        a->nets[0]->mac[2] != 0x00 || !a->nets[0]->macGenerated ||
        memcmp(a->nets[0]->mac, b->nets[0]->mac, VIR_MAC_BUFLEN) == 0) {
        fprintf(stderr, "  bad generated mac\n");
        return false;
    }
    /* and both are formatted */
    xml = virDomainDefFormat(a, VIR_DOMAIN_DEF_FORMAT_INACTIVE);
    virUUIDFormat(a->uuid, uuid);
    uuidLine = g_strdup_printf("<uuid>%s</uuid>", uuid);
    macLine = g_strdup_printf("<mac address='%s'/>", virDomainMacFormat(a->nets[0]->mac, mac));
    return xml && strstr(xml, uuidLine) && strstr(xml, macLine);
}

static gint
compareNames(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "xml2xml";
    bool regenerate = g_strcmp0(g_getenv("VIRTKIT_TEST_REGENERATE"), "1") == 0;
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GDir) d = NULL;
    g_autoptr(GError) error = NULL;
    const char *entry;
    size_t passed = 0;
    size_t failed = 0;
    size_t i;

    if (!(d = g_dir_open(dir, 0, &error))) {
        fprintf(stderr, "cannot open %s: %s\n", dir, error->message);
        return EXIT_FAILURE;
    }
    while ((entry = g_dir_read_name(d))) {
        if (g_str_has_suffix(entry, ".xml") &&
            !g_str_has_suffix(entry, ".out.xml"))
            g_ptr_array_add(names, g_strndup(entry, strlen(entry) - 4));
    }
    g_ptr_array_sort(names, compareNames);

    for (i = 0; i < names->len; i++) {
        const char *name = names->pdata[i];
        bool isFail = g_str_has_prefix(name, "fail-");
        bool ok;

        ok = isFail ? runFailCase(dir, name, regenerate) :
            runPassCase(dir, name, regenerate);
        printf("%s %s\n", ok ? "PASS" : "FAIL", name);
        if (ok)
            passed++;
        else
            failed++;
    }
    if (runGeneratedIdsCase()) {
        printf("PASS generated-uuid-and-mac\n");
        passed++;
    } else {
        printf("FAIL generated-uuid-and-mac\n");
        failed++;
    }

    printf("%zu passed, %zu failed\n", passed, failed);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
