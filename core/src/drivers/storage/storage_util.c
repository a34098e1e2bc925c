/*
 * storage_util.c: files, folders and tools behind the storage driver.
 *
 * Volume formats are what `qemu-img info` says; raw files are written
 * directly (sparse unless an allocation is asked for), every other
 * format goes through qemu-img (create, convert, resize).  Wiping with
 * a pattern runs scrub(1) as libvirt does.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <linux/falloc.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include <json-glib/json-glib.h>
#include <libvirt/libvirt.h>

#include "storage_util.h"
#include "vircommand.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_STORAGE

/* qemu-img convert of a big image, mkfs of a big device: a safety net */
#define STORAGE_RUN_TIMEOUT_MS (30 * 60 * 1000)

int
storageRun(const char *const *argv, char **ret_out)
{
    g_autofree char *cmdline = g_strjoinv(" ", (char **)argv);
    g_autofree char *msg = NULL;
    int status = 0;
    int rc = virCommandRunCapture(argv, STORAGE_RUN_TIMEOUT_MS, ret_out, &msg, &status);

    if (rc < 0)
        return -1;
    if (rc > 0) {
        virReportError(VIR_ERR_OPERATION_TIMEOUT, _("Child process (%s) did not finish"),
                       cmdline);
        return -1;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        g_autofree char *how = virCommandDescribeStatus(status);

        g_strstrip(msg);
        if (ret_out)
            g_clear_pointer(ret_out, g_free);
        if (WIFEXITED(status))
            virReportError(VIR_ERR_INTERNAL_ERROR,
                           _("Child process (%s) unexpected exit status %d: %s"),
                           cmdline, WEXITSTATUS(status), msg);
        else
            virReportError(VIR_ERR_INTERNAL_ERROR, _("Child process (%s) %s: %s"),
                           cmdline, how, msg);
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Probing                                                            */

/* What qemu-img says about the image at PATH (-U: a running guest may
 * hold it). */
static int
storageProbeImage(const char *path, virStorageVolDef *def)
{
    const char *argv[] = { "qemu-img", "info", "-U", "--output=json", path, NULL };
    g_autofree char *out = NULL;
    g_autoptr(JsonParser) parser = json_parser_new();
    JsonObject *obj;
    JsonNode *root;

    if (storageRun(argv, &out) < 0)
        return -1;
    if (!json_parser_load_from_data(parser, out, -1, NULL) ||
        !(root = json_parser_get_root(parser)) || !JSON_NODE_HOLDS_OBJECT(root)) {
        virReportError(VIR_ERR_INTERNAL_ERROR, _("cannot parse qemu-img info of '%s'"), path);
        return -1;
    }
    obj = json_node_get_object(root);
    g_free(def->format);
    def->format = g_strdup(json_object_get_string_member_with_default(obj, "format", "raw"));
    /* a raw file's capacity is its length (qemu-img rounds it to sectors) */
    if (json_object_has_member(obj, "virtual-size") && strcmp(def->format, "raw") != 0)
        def->capacity = json_object_get_int_member(obj, "virtual-size");
    g_clear_pointer(&def->backingPath, g_free);
    g_clear_pointer(&def->backingFormat, g_free);
    if (json_object_has_member(obj, "backing-filename")) {
        const char *full = json_object_get_string_member_with_default(obj, "full-backing-filename", NULL);
        def->backingPath = g_strdup(full ? full
                                         : json_object_get_string_member(obj, "backing-filename"));
        def->backingFormat = g_strdup(json_object_get_string_member_with_default(
                                          obj, "backing-filename-format", NULL));
    }
    g_clear_pointer(&def->compat, g_free);
    if (json_object_has_member(obj, "format-specific")) {
        JsonObject *spec = json_object_get_object_member(obj, "format-specific");
        JsonObject *data = spec && json_object_has_member(spec, "data")
                           ? json_object_get_object_member(spec, "data") : NULL;
        if (data && g_strcmp0(def->format, "qcow2") == 0)
            def->compat = g_strdup(json_object_get_string_member_with_default(data, "compat", NULL));
    }
    return 0;
}

void
storageStatInfo(const struct stat *st, virStoragePerms *perms, virStorageTimestamps *ts)
{
    g_autofree char *label = g_steal_pointer(&perms->label);

    virStoragePermsClear(perms);
    perms->label = g_steal_pointer(&label);
    perms->mode = g_strdup_printf("%o", st->st_mode & 07777);
    perms->owner = g_strdup_printf("%u", (unsigned)st->st_uid);
    perms->group = g_strdup_printf("%u", (unsigned)st->st_gid);
    ts->set = true;
    ts->atime_sec = st->st_atim.tv_sec;
    ts->atime_nsec = st->st_atim.tv_nsec;
    ts->mtime_sec = st->st_mtim.tv_sec;
    ts->mtime_nsec = st->st_mtim.tv_nsec;
    ts->ctime_sec = st->st_ctim.tv_sec;
    ts->ctime_nsec = st->st_ctim.tv_nsec;
}

int
storageProbeVolume(const char *path, virStorageVolDef *def)
{
    struct stat st;
    struct stat bst;

    if (stat(path, &st) < 0) {
        virReportSystemError(errno, _("cannot stat file '%s'"), path);
        return -1;
    }
    if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
        return 1;
    g_free(def->key);
    def->key = g_strdup(path);
    def->allocation = (unsigned long long)st.st_blocks * 512;
    def->capacity = st.st_size;
    def->hasPhysical = true;
    def->physical = st.st_size;
    storageStatInfo(&st, &def->perms, &def->timestamps);
    if (S_ISDIR(st.st_mode)) {
        def->type = VIR_STORAGE_VOL_DIR;
        g_free(def->format);
        def->format = g_strdup("dir");
        return 0;
    }
    def->type = VIR_STORAGE_VOL_FILE;
    if (storageProbeImage(path, def) < 0)
        return -1;
    virStoragePermsClear(&def->backingPerms);
    def->backingTimestamps.set = false;
    if (def->backingPath && stat(def->backingPath, &bst) == 0)
        storageStatInfo(&bst, &def->backingPerms, &def->backingTimestamps);
    return 0;
}

int
storageFsStats(const char *path, unsigned long long *capacity,
               unsigned long long *allocation, unsigned long long *available)
{
    struct statvfs sb;

    if (statvfs(path, &sb) < 0) {
        virReportSystemError(errno, _("cannot statvfs path '%s'"), path);
        return -1;
    }
    *capacity = (unsigned long long)sb.f_frsize * sb.f_blocks;
    *available = (unsigned long long)sb.f_frsize * sb.f_bavail;
    *allocation = *capacity - (unsigned long long)sb.f_frsize * sb.f_bfree;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Creating                                                           */

static mode_t
storageVolMode(const virStorageVolDef *def)
{
    return def->perms.mode ? (mode_t)strtoul(def->perms.mode, NULL, 8) : 0600;
}

/* Reserve the bytes [FROM, TO) of FD. */
static int
storageAllocate(int fd, const char *path, unsigned long long from, unsigned long long to)
{
    int rc;

    if (to <= from)
        return 0;
    if ((rc = posix_fallocate(fd, from, to - from)) != 0) {
        virReportSystemError(rc, _("cannot allocate %llu bytes in file '%s'"),
                             to - from, path);
        return -1;
    }
    return 0;
}

static int
storageCreateRaw(const char *path, const virStorageVolDef *def)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, storageVolMode(def));
    int ret = -1;

    if (fd < 0) {
        virReportSystemError(errno, _("cannot create path '%s'"), path);
        return -1;
    }
    if (ftruncate(fd, def->capacity) < 0) {
        virReportSystemError(errno, _("cannot extend file '%s'"), path);
        goto cleanup;
    }
    if (storageAllocate(fd, path, 0, MIN(def->allocation, def->capacity)) < 0)
        goto cleanup;
    if (fchmod(fd, storageVolMode(def)) < 0) {
        virReportSystemError(errno, _("cannot set mode of '%s'"), path);
        goto cleanup;
    }
    ret = 0;

 cleanup:
    close(fd);
    return ret;
}

/* The -o options of qemu-img create/convert for DEF. */
static char *
storageImgOptions(const virStorageVolDef *def, bool prealloc)
{
    g_autoptr(GPtrArray) opts = g_ptr_array_new_with_free_func(g_free);

    if (prealloc)
        g_ptr_array_add(opts, g_strdup_printf("preallocation=%s",
                                              def->allocation < def->capacity ? "metadata"
                                                                              : "falloc"));
    if (def->compat && g_strcmp0(def->format, "qcow2") == 0)
        g_ptr_array_add(opts, g_strdup_printf("compat=%s", def->compat));
    if (opts->len == 0)
        return NULL;
    g_ptr_array_add(opts, NULL);
    return g_strjoinv(",", (char **)opts->pdata);
}

static int
storageCreateImage(const char *path, const virStorageVolDef *def, bool prealloc,
                   const char *srcPath, const char *srcFormat)
{
    g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func(g_free);
    g_autofree char *opts = storageImgOptions(def, prealloc);
    g_autofree char *size = g_strdup_printf("%lluK", (def->capacity + 1023) / 1024);
    int ret;

    g_ptr_array_add(argv, g_strdup("qemu-img"));
    if (srcPath) {
        g_ptr_array_add(argv, g_strdup("convert"));
        if (srcFormat) {
            g_ptr_array_add(argv, g_strdup("-f"));
            g_ptr_array_add(argv, g_strdup(srcFormat));
        }
        g_ptr_array_add(argv, g_strdup("-O"));
    } else {
        g_ptr_array_add(argv, g_strdup("create"));
        g_ptr_array_add(argv, g_strdup("-f"));
    }
    g_ptr_array_add(argv, g_strdup(def->format ? def->format : "raw"));
    if (!srcPath && def->backingPath) {
        g_ptr_array_add(argv, g_strdup("-b"));
        g_ptr_array_add(argv, g_strdup(def->backingPath));
        g_ptr_array_add(argv, g_strdup("-F"));
        g_ptr_array_add(argv, g_strdup(def->backingFormat ? def->backingFormat : "raw"));
    }
    if (opts) {
        g_ptr_array_add(argv, g_strdup("-o"));
        g_ptr_array_add(argv, g_strdup(opts));
    }
    if (srcPath)
        g_ptr_array_add(argv, g_strdup(srcPath));
    g_ptr_array_add(argv, g_strdup(path));
    /* a backing store gives the size when none is asked for */
    if (!srcPath && !(def->backingPath && def->capacity == 0))
        g_ptr_array_add(argv, g_strdup(size));
    g_ptr_array_add(argv, NULL);
    ret = storageRun((const char *const *)argv->pdata, NULL);
    if (ret == 0 && chmod(path, storageVolMode(def)) < 0) {
        virReportSystemError(errno, _("cannot set mode of '%s'"), path);
        ret = -1;
    }
    return ret;
}

int
storageCreateVolume(const char *path, const virStorageVolDef *def, bool prealloc,
                    const char *srcPath, const char *srcFormat)
{
    virStorageVolDef now = { 0 };
    int ret = -1;

    if (g_strcmp0(def->format, "dir") == 0) {
        if (mkdir(path, storageVolMode(def) | 0100) < 0) {
            virReportSystemError(errno, _("cannot create path '%s'"), path);
            return -1;
        }
        return 0;
    }
    if (!srcPath && (!def->format || strcmp(def->format, "raw") == 0))
        return storageCreateRaw(path, def);
    if (srcPath && access(path, F_OK) == 0) {
        virReportSystemError(EEXIST, _("cannot create path '%s'"), path);
        return -1;
    }
    if (storageCreateImage(path, def, prealloc, srcPath, srcFormat) < 0)
        goto error;
    if (!srcPath)
        return 0;
    /* a copy is as big as its source, or as asked when that is more */
    if (storageProbeVolume(path, &now) < 0)
        goto error;
    if (def->capacity > now.capacity &&
        storageResizeVolume(path, &now, def->capacity, false, false) < 0)
        goto error;
    ret = 0;
    goto cleanup;

 error:
    unlink(path);
 cleanup:
    g_free(now.key);
    g_free(now.format);
    g_free(now.backingPath);
    g_free(now.backingFormat);
    g_free(now.compat);
    virStoragePermsClear(&now.perms);
    virStoragePermsClear(&now.backingPerms);
    return ret;
}

/* ------------------------------------------------------------------ */
/* Wiping and resizing                                                */

/* Open PATH with FLAGS and stat it into *ST: the descriptor, or -1 with
 * the error reported. */
static int
storageOpenStat(const char *path, int flags, struct stat *st)
{
    int fd = open(path, flags | O_CLOEXEC);

    if (fd < 0) {
        virReportSystemError(errno, _("Unable to open '%s'"), path);
        return -1;
    }
    if (fstat(fd, st) < 0) {
        virReportSystemError(errno, _("cannot stat file '%s'"), path);
        close(fd);
        return -1;
    }
    return fd;
}

static int
storageWipeZero(const char *path)
{
    static const char zeros[1024 * 1024];
    struct stat st;
    off_t pos = 0;
    int fd = storageOpenStat(path, O_WRONLY, &st);
    int ret = -1;

    if (fd < 0)
        return -1;
    if ((unsigned long long)st.st_blocks * 512 < (unsigned long long)st.st_size) {
        /* sparse: dropping every block zeroes it and keeps it sparse */
        if (ftruncate(fd, 0) < 0 || ftruncate(fd, st.st_size) < 0) {
            virReportSystemError(errno, _("Failed to truncate volume with path '%s'"), path);
            goto cleanup;
        }
        ret = 0;
        goto cleanup;
    }
    while (pos < st.st_size) {
        size_t n = MIN((off_t)sizeof(zeros), st.st_size - pos);
        ssize_t w = pwrite(fd, zeros, n, pos);
        if (w < 0) {
            virReportSystemError(errno, _("Failed to write %zu bytes to storage volume with path '%s'"),
                                 n, path);
            goto cleanup;
        }
        pos += w;
    }
    if (fdatasync(fd) < 0) {
        virReportSystemError(errno, _("cannot sync data to file '%s'"), path);
        goto cleanup;
    }
    ret = 0;

 cleanup:
    close(fd);
    return ret;
}

int
storageWipeVolume(const char *path, unsigned int algorithm)
{
    static const char *const patterns[] = {
        [VIR_STORAGE_VOL_WIPE_ALG_NNSA] = "nnsa",
        [VIR_STORAGE_VOL_WIPE_ALG_DOD] = "dod",
        [VIR_STORAGE_VOL_WIPE_ALG_BSI] = "bsi",
        [VIR_STORAGE_VOL_WIPE_ALG_GUTMANN] = "gutmann",
        [VIR_STORAGE_VOL_WIPE_ALG_SCHNEIER] = "schneier",
        [VIR_STORAGE_VOL_WIPE_ALG_PFITZNER7] = "pfitzner7",
        [VIR_STORAGE_VOL_WIPE_ALG_PFITZNER33] = "pfitzner33",
        [VIR_STORAGE_VOL_WIPE_ALG_RANDOM] = "random",
    };

    if (algorithm == VIR_STORAGE_VOL_WIPE_ALG_TRIM) {
        virReportError(VIR_ERR_ARGUMENT_UNSUPPORTED, "%s",
                       _("'trim' algorithm not supported"));
        return -1;
    }
    if (algorithm >= G_N_ELEMENTS(patterns)) {
        virReportError(VIR_ERR_INVALID_ARG, _("wiping algorithm %d not supported"), algorithm);
        return -1;
    }
    if (algorithm == VIR_STORAGE_VOL_WIPE_ALG_ZERO) {
        if (storageWipeZero(path) < 0)
            return -1;
    } else {
        const char *argv[] = { "scrub", "-f", "-p", patterns[algorithm], path, NULL };
        g_autofree char *scrub = g_find_program_in_path("scrub");

        if (!scrub) {
            virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                           _("wiping with a pattern needs scrub, which is not installed"));
            return -1;
        }
        if (storageRun(argv, NULL) < 0)
            return -1;
    }
    return 0;
}

int
storageResizeVolume(const char *path, const virStorageVolDef *def,
                    unsigned long long capacity, bool allocate, bool shrink)
{
    if (def->format && strcmp(def->format, "raw") != 0) {
        g_autofree char *size = g_strdup_printf("%llu", capacity);
        const char *argv[] = { "qemu-img", "resize", "-f", def->format,
                               shrink ? "--shrink" : path, shrink ? path : size,
                               shrink ? size : NULL, NULL };

        if (allocate) {
            virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                           _("preallocate is only supported for raw type volume"));
            return -1;
        }
        return storageRun(argv, NULL);
    } else {
        int fd = open(path, O_WRONLY | O_CLOEXEC);
        int ret = -1;

        if (fd < 0) {
            virReportSystemError(errno, _("Unable to open '%s'"), path);
            return -1;
        }
        /* as libvirt, the whole new length is reserved */
        if (allocate && storageAllocate(fd, path, 0, capacity) < 0)
            goto cleanup;
        if (ftruncate(fd, capacity) < 0) {
            virReportSystemError(errno, _("Failed to truncate file '%s'"), path);
            goto cleanup;
        }
        ret = 0;
     cleanup:
        close(fd);
        return ret;
    }
}

/* ------------------------------------------------------------------ */
/* Transfers                                                          */

int
storageReadRange(const char *path, unsigned long long offset, unsigned long long length,
                 char **ret_data, size_t *ret_len)
{
    g_autofree char *data = NULL;
    struct stat st;
    size_t len;
    size_t done = 0;
    int fd = storageOpenStat(path, O_RDONLY, &st);
    int ret = -1;

    if (fd < 0)
        return -1;
    len = offset >= (unsigned long long)st.st_size ? 0 : st.st_size - offset;
    if (length && length < len)
        len = length;
    data = g_malloc(len + 1);
    while (done < len) {
        ssize_t n = pread(fd, data + done, len - done, offset + done);
        if (n < 0) {
            virReportSystemError(errno, _("cannot read from '%s'"), path);
            goto cleanup;
        }
        if (n == 0)
            break;
        done += n;
    }
    *ret_data = g_steal_pointer(&data);
    *ret_len = done;
    ret = 0;

 cleanup:
    close(fd);
    return ret;
}

static bool
storageIsZero(const char *p, size_t n)
{
    return n == 0 || (p[0] == 0 && memcmp(p, p + 1, n - 1) == 0);
}

int
storageWriteRange(const char *path, unsigned long long offset, const char *data,
                  size_t len, bool sparse)
{
    const size_t block = 4096;
    struct stat st;
    size_t pos = 0;
    int fd = storageOpenStat(path, O_WRONLY, &st);
    int ret = -1;

    if (fd < 0)
        return -1;
    while (pos < len) {
        size_t n = MIN(block, len - pos);
        ssize_t w;

        if (sparse && storageIsZero(data + pos, n)) {
            /* a hole: drop what was there rather than write zeros */
            if (fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
                          offset + pos, n) < 0 && errno != EOPNOTSUPP) {
                virReportSystemError(errno, _("cannot punch a hole in '%s'"), path);
                goto cleanup;
            }
            pos += n;
            continue;
        }
        if ((w = pwrite(fd, data + pos, n, offset + pos)) < 0) {
            virReportSystemError(errno, _("cannot write to '%s'"), path);
            goto cleanup;
        }
        pos += w;
    }
    if ((unsigned long long)st.st_size < offset + len && ftruncate(fd, offset + len) < 0) {
        virReportSystemError(errno, _("cannot extend file '%s'"), path);
        goto cleanup;
    }
    ret = 0;

 cleanup:
    close(fd);
    return ret;
}
