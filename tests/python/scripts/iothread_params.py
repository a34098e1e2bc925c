# setIOThreadParams checks the thread before its parameters, as libvirt does.
import libvirt
libvirt.registerErrorHandler(lambda c, e: None, None)
c = libvirt.open('test:///default')
d = c.lookupByName('test')
def t(label, f):
    try: print(label, repr(f()))
    except libvirt.libvirtError as e: print(label, 'E', e.get_error_code(), e.get_error_domain(), e.get_error_message())
    except Exception as e: print(label, 'X', type(e).__name__, e)
d.addIOThread(5, 0)
t('missing-thread-badparam', lambda: d.setIOThreadParams(99, {'poll_grow': 5, 'poll_shrink': 3, 'thread_pool_min': 5, 'thread_pool_max': 2}, 0))
t('missing-thread', lambda: d.setIOThreadParams(99, {'poll_max_ns': 10}, 0))
t('ok-thread-badpool', lambda: d.setIOThreadParams(5, {'thread_pool_min': 5, 'thread_pool_max': 2}, 0))
t('ok-thread', lambda: d.setIOThreadParams(5, {'poll_max_ns': 10}, 0))
t('ok-thread-neg', lambda: d.setIOThreadParams(5, {'thread_pool_min': -2}, 0))
t('info', lambda: d.ioThreadInfo(0))
t('unknown-param', lambda: d.setIOThreadParams(5, {'bogus': 1}, 0))
