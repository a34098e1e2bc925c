/*
 * remote_driver.h: the remote driver, which serves every URI naming a
 * transport or a host (qemu+unix:///system, test+unix:///default?socket=…)
 * by talking to virtkitd.
 */
#pragma once

/* Register the remote driver with virConnectOpen (connect.c). */
int remoteRegister(void);
