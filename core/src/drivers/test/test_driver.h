/*
 * test_driver.h: the "test" mock hypervisor driver.
 *
 * The test driver serves the URIs test:///default (one built-in host with
 * one running domain, shared by every connection of the process) and
 * test:///ABS/PATH.xml (a host described by a <node> file, private to the
 * connection).  Everything lives in memory; nothing survives the process.
 * Applications and the rest of virtkit are exercised against it.
 */
#pragma once

/* Register the test driver with the connection core (called once, from
 * virInitialize()). */
void testRegister(void);
