/*
 * remote_stream.h: streams through the remote driver (remote_stream.c).
 */
#pragma once

#include "driver.h"

/* Put the stream-opening methods in the remote driver's tables. */
void remoteStreamFillTables(virHypervisorDriver *hv, virStorageDriver *storage);
