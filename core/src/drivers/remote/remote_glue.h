/*
 * remote_glue.h: hand-written remote driver methods (remote_glue.c).
 */
#pragma once

#include "driver.h"

void remoteGlueFillTables(virHypervisorDriver *hv);
void remoteGlueFillSecretTable(virSecretDriver *secret);
