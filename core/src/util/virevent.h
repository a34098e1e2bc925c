/*
 * virevent.h: the library's default event loop, behind
 * virEventRegisterDefaultImpl and virEventRunDefaultImpl.
 *
 * The loop is GLib's default main context: watches become unix fd
 * sources and timers timeout sources, so a program already running a GLib
 * main loop gets libvirt events there too, and one iteration of
 * virEventRunDefaultImpl is one g_main_context_iteration.  These six
 * functions have exactly the shape of the virEvent*Func callbacks an
 * application may register instead (core/src/api/event.c keeps whichever
 * set is registered); they never call the callbacks they are given under
 * a lock, and free callbacks run later from the loop, never from the
 * remove call itself, as the API promises.
 */
#pragma once

#include <libvirt/libvirt.h>

int virEventDefaultAddHandle(int fd, int events,
                             virEventHandleCallback cb,
                             void *opaque,
                             virFreeCallback ff);
void virEventDefaultUpdateHandle(int watch, int events);
int virEventDefaultRemoveHandle(int watch);
int virEventDefaultAddTimeout(int frequency,
                              virEventTimeoutCallback cb,
                              void *opaque,
                              virFreeCallback ff);
void virEventDefaultUpdateTimeout(int timer, int frequency);
int virEventDefaultRemoveTimeout(int timer);

/* One iteration: wait until a watch or timer is due, dispatch, return 0. */
int virEventDefaultRunOnce(void);
