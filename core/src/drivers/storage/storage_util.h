/*
 * storage_util.h: what the storage driver does to files, folders and
 * block devices: running the tools (qemu-img, mkfs, mount, scrub),
 * probing a volume, creating, cloning, wiping and resizing one.
 */
#pragma once

#include <glib.h>
#include <stdbool.h>

#include "storage_conf.h"

/* Run ARGV (argv[0] looked up in $PATH) and wait for it; its standard
 * output in *RET_OUT when RET_OUT is not NULL.  A failure is reported as
 * libvirt reports a failed child: "Child process (CMDLINE) unexpected
 * exit status N: STDERR". */
int storageRun(const char *const *argv, char **ret_out);

/* Fill DEF (type, sizes, format, backing store, permissions) from the
 * file or folder at PATH, which becomes DEF's key.  Returns 0, 1 when
 * PATH is neither a regular file nor a folder (not a volume), -1 with an
 * error reported. */
int storageProbeVolume(const char *path, virStorageVolDef *def);

/* The permissions (label kept) and times of the file ST describes. */
struct stat;
void storageStatInfo(const struct stat *st, virStoragePerms *perms, virStorageTimestamps *ts);

/* Capacity, allocation and space left of the filesystem holding PATH. */
int storageFsStats(const char *path, unsigned long long *capacity,
                   unsigned long long *allocation, unsigned long long *available);

/* Create the volume DEF at PATH: raw files sparse with DEF's allocation
 * reserved, other formats through qemu-img create (with DEF's backing
 * store; PREALLOC: VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA given).
 * When SRCPATH is set the new volume is a copy of it (qemu-img convert
 * from SRCFORMAT), grown to DEF's capacity.  Nothing is left at PATH on
 * failure. */
int storageCreateVolume(const char *path, const virStorageVolDef *def, bool prealloc,
                        const char *srcPath, const char *srcFormat);

/* Overwrite the file at PATH with ALGORITHM (virStorageVolWipeAlgorithm).
 * As in libvirt, an image's header goes with its data: a wiped qcow2 file
 * is a raw file of the same length. */
int storageWipeVolume(const char *path, unsigned int algorithm);

/* Give the volume DEF at PATH the capacity CAPACITY (ALLOCATE: reserve
 * all of it, as libvirt does; SHRINK: allowed to get smaller; the checks against the
 * current sizes are done by the caller). */
int storageResizeVolume(const char *path, const virStorageVolDef *def,
                        unsigned long long capacity, bool allocate, bool shrink);

/* Read LENGTH bytes (0: to the end) from OFFSET of PATH into *RET_DATA. */
int storageReadRange(const char *path, unsigned long long offset, unsigned long long length,
                     char **ret_data, size_t *ret_len);

/* Write LEN bytes at OFFSET of PATH; runs of zeros are skipped (left as
 * holes) when SPARSE, and the file is cut at OFFSET + LEN unless it was
 * longer. */
int storageWriteRange(const char *path, unsigned long long offset, const char *data,
                      size_t len, bool sparse);
