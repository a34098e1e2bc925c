# Callbacks from the library into Ruby: Libvirt::open_auth's block, an
# event loop written in Ruby (event_register_impl) delivering domain
# events, and streams (Domain#screenshot into Stream#recv / recvall).
require 'test/unit'
require 'libvirt'

AUTH_URI = "test://#{File.expand_path('../testdriver/auth.xml', __dir__)}"

class TestOpenAuth < Test::Unit::TestCase
  CREDS = [Libvirt::CRED_AUTHNAME, Libvirt::CRED_PASSPHRASE].freeze

  def answer(user, password)
    lambda do |cred|
      cred['type'] == Libvirt::CRED_AUTHNAME ? user : password
    end
  end

  def test_password_accepted
    asked = []
    conn = Libvirt.open_auth(AUTH_URI, CREDS, 'my data') do |cred|
      asked << cred.dup
      cred['type'] == Libvirt::CRED_AUTHNAME ? 'alice' : 'secret'
    end
    assert_kind_of(Libvirt::Connect, conn)
    assert_equal(false, conn.closed?)
    assert_equal([Libvirt::CRED_AUTHNAME, Libvirt::CRED_PASSPHRASE], asked.map { |c| c['type'] })
    assert_equal(%w[challenge defresult prompt result type userdata], asked[0].keys.sort)
    assert_equal(['my data'] * 2, asked.map { |c| c['userdata'] })
    assert_equal('Enter username for localhost', asked[0]['prompt'])
    assert_equal("Enter alice's password for localhost", asked[1]['prompt'])
    assert_nil(asked[0]['result'])
    conn.close
  end

  def test_wrong_password
    e = assert_raise(Libvirt::ConnectionError) do
      Libvirt.open_auth(AUTH_URI, CREDS, nil, &answer('alice', 'wrong'))
    end
    assert_match(/\ACall to virConnectOpenAuth failed: authentication failed/, e.message)
    assert_equal('virConnectOpenAuth', e.libvirt_function_name)
    assert_equal(45, e.libvirt_code)   # VIR_ERR_AUTH_FAILED
  end

  def test_user_without_password
    conn = Libvirt.open_auth(AUTH_URI, [Libvirt::CRED_AUTHNAME]) { |_cred| 'bob' }
    assert_kind_of(Libvirt::Connect, conn)
    conn.close
  end

  def test_no_credential_types
    assert_raise(Libvirt::ConnectionError) { Libvirt.open_auth(AUTH_URI) { |_c| 'x' } }
  end

  def test_credlist_must_be_an_array
    e = assert_raise(TypeError) { Libvirt.open_auth(AUTH_URI, Libvirt::CRED_AUTHNAME) { |_c| 'x' } }
    assert_equal('wrong argument type (expected Array or nil)', e.message)
  end

  def test_block_exception_propagates
    e = assert_raise(RuntimeError) do
      Libvirt.open_auth(AUTH_URI, CREDS) { |_c| raise 'no answer' }
    end
    assert_equal('no answer', e.message)
  end

  def test_no_auth_needed
    conn = Libvirt.open_auth('test:///default', CREDS) { |_c| flunk('asked') }
    assert_equal(1, conn.num_of_domains)
    conn.close
  end
end

# A minimal event loop in Ruby: timers only (the test driver needs no file
# descriptors), run by hand.
class RubyLoop
  attr_reader :timers, :handles

  def initialize
    @timers = {}
    @handles = {}
    @next = 0
  end

  def now
    Process.clock_gettime(Process::CLOCK_MONOTONIC)
  end

  def register
    Libvirt.event_register_impl(
      proc { |fd, events, opaque| @handles[@next += 1] = [fd, events, opaque]; @next },
      proc { |watch, events| @handles[watch][1] = events if @handles[watch] },
      proc { |watch| @handles.delete(watch)[2] },
      proc { |interval, opaque| @timers[@next += 1] = [interval, opaque, now]; @next },
      proc { |timer, interval| @timers[timer][0, 3] = [interval, @timers[timer][1], now] if @timers[timer] },
      proc { |timer| @timers.delete(timer)[1] }
    )
  end

  # Fire every due timer once.
  def run_once
    @timers.keys.each do |id|
      interval, opaque, since = @timers[id]
      next if interval.nil? || interval.negative? || now - since < interval / 1000.0
      @timers[id][2] = now
      Libvirt.event_invoke_timeout_callback(id, opaque)
    end
  end

  # Run until the block is true (or 5 s passed).
  def run_until
    deadline = now + 5
    until yield || now > deadline
      run_once
      sleep 0.001
    end
  end
end

class TestEvents < Test::Unit::TestCase
  def setup
    @loop = RubyLoop.new
    @loop.register
    @conn = Libvirt.open('test:///default')
    @dom = @conn.lookup_domain_by_name('test')
  end

  def teardown
    @dom.resume if @dom.info.state == Libvirt::Domain::PAUSED
    @conn.close
    Libvirt.event_register_impl
  end

  def test_constants
    assert_equal(0, Libvirt::Connect::DOMAIN_EVENT_ID_LIFECYCLE)
    assert_equal(3, Libvirt::Connect::DOMAIN_EVENT_SUSPENDED)
    assert_equal(4, Libvirt::Connect::DOMAIN_EVENT_RESUMED)
    assert_equal(1, Libvirt::EVENT_HANDLE_READABLE)
    assert_equal(8, Libvirt::EVENT_HANDLE_HANGUP)
  end

  def test_lifecycle_events_from_a_ruby_loop
    got = []
    cb = proc do |conn, dom, event, detail, opaque|
      got << [conn.is_a?(Libvirt::Connect), dom.class, dom.name, event, detail, opaque]
    end
    id = @conn.domain_event_register_any(Libvirt::Connect::DOMAIN_EVENT_ID_LIFECYCLE, cb, nil, 'op')
    assert_kind_of(Integer, id)
    assert_equal(1, @loop.timers.size)
    @dom.suspend
    @dom.resume
    @loop.run_until { got.size >= 2 }
    assert_equal([[true, Libvirt::Domain, 'test', Libvirt::Connect::DOMAIN_EVENT_SUSPENDED,
                   Libvirt::Connect::DOMAIN_EVENT_SUSPENDED_PAUSED, 'op'],
                  [true, Libvirt::Domain, 'test', Libvirt::Connect::DOMAIN_EVENT_RESUMED,
                   Libvirt::Connect::DOMAIN_EVENT_RESUMED_UNPAUSED, 'op']], got)
    assert_nil(@conn.domain_event_deregister_any(id))
    assert_equal(0, @loop.timers.size)
    @dom.suspend
    @loop.run_once
    assert_equal(2, got.size)
  end

  def test_filtered_by_domain_and_legacy
    legacy = []
    filtered = []
    @conn.domain_event_register(proc { |_c, d, ev, det, op| legacy << [d.name, ev, det, op] }, 42)
    id = @conn.domain_event_register_any(Libvirt::Connect::DOMAIN_EVENT_ID_LIFECYCLE,
                                         proc { |_c, d, ev, _det, _op| filtered << [d.name, ev] }, @dom)
    @dom.suspend
    @loop.run_until { legacy.size >= 1 && filtered.size >= 1 }
    assert_equal([['test', Libvirt::Connect::DOMAIN_EVENT_SUSPENDED,
                   Libvirt::Connect::DOMAIN_EVENT_SUSPENDED_PAUSED, 42]], legacy)
    assert_equal([['test', Libvirt::Connect::DOMAIN_EVENT_SUSPENDED]], filtered)
    assert_nil(@conn.domain_event_deregister)
    @conn.domain_event_deregister_any(id)
  end

  def test_callback_exception_reaches_the_loop
    id = @conn.domain_event_register_any(Libvirt::Connect::DOMAIN_EVENT_ID_LIFECYCLE,
                                         proc { |*_a| raise ArgumentError, 'from the callback' })
    @dom.suspend
    e = assert_raise(ArgumentError) { @loop.run_until { false } }
    assert_equal('from the callback', e.message)
  ensure
    # a callback keeps its connection (and test:///default's shared event
    # timer) alive, as in libvirt: deregister before closing
    @conn.domain_event_deregister_any(id) if id
  end

  def test_errors
    assert_raise(ArgumentError) { @conn.domain_event_register_any(99, proc {}) }
    e = assert_raise(TypeError) { Libvirt.event_register_impl(1) }
    assert_equal('wrong argument type (expected Symbol, Proc, or nil)', e.message)
    assert_raise(Libvirt::Error) { @conn.domain_event_deregister_any(12_345) }
    Libvirt.event_register_impl
    e = assert_raise(Libvirt::RetrieveError) do
      @conn.domain_event_register_any(Libvirt::Connect::DOMAIN_EVENT_ID_LIFECYCLE, proc {})
    end
    assert_match(/could not initialize domain event timer/, e.message)
  end
end

class TestStreams < Test::Unit::TestCase
  def setup
    @conn = Libvirt.open('test:///default')
    @dom = @conn.lookup_domain_by_name('test')
  end

  def teardown
    @conn.close
  end

  def test_screenshot_recvall
    st = @conn.stream
    assert_kind_of(Libvirt::Stream, st)
    mime = @dom.screenshot(st, 0)
    assert_match(%r{\Aimage/}, mime)
    data = ''.b
    assert_nil(st.recvall(:op) { |chunk, opaque| assert_equal(:op, opaque); data << chunk; chunk.bytesize })
    assert_nil(st.finish)
    assert_equal("\x89PNG".b, data[0, 4])
  end

  def test_screenshot_recv
    st = @conn.stream
    @dom.screenshot(st, 0)
    data = ''.b
    loop do
      ret, chunk = st.recv(100)
      assert_operator(ret, :>=, 0)
      break if ret.zero?
      assert_equal(ret, chunk.bytesize)
      data << chunk
    end
    st.finish
    assert_equal("\x89PNG".b, data[0, 4])
  end

  def test_recvall_exception_aborts
    st = @conn.stream
    @dom.screenshot(st, 0)
    assert_raise(IOError) { st.recvall { |_d, _o| raise IOError, 'full' } }
    st.abort
  end
end
