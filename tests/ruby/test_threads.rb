# A virtkit call that blocks in C lets the other Ruby threads run: the
# wrappers release the GVL around every library call.
require 'test/unit'
require 'libvirt'
require 'tmpdir'

class TestThreads < Test::Unit::TestCase
  URI = 'test:///default'

  DOMAIN_XML = <<~XML
    <domain type='test'>
      <name>rbfifo</name>
      <memory unit='KiB'>131072</memory>
      <vcpu>1</vcpu>
      <os><type arch='x86_64'>hvm</type></os>
    </domain>
  XML

  def setup
    @conn = Libvirt.open(URI)
  end

  def teardown
    begin
      d = @conn.lookup_domain_by_name('rbfifo')
      d.destroy if d.active?
      d.undefine if d.persistent?
    rescue Libvirt::RetrieveError
      nil
    end
    @conn.close
  end

  # The test driver's save image: its magic (with the NUL), the XML's
  # length as a native int, the XML.
  def save_image(xml)
    "TestGuestMagic\0" + [xml.bytesize].pack('i') + xml
  end

  # Libvirt::Domain.restore opens a FIFO nobody writes to yet: open(2)
  # blocks inside the library until the other thread, which meanwhile keeps
  # counting and calling virtkit itself, writes the image into it.
  def test_blocking_call_lets_other_threads_run
    Dir.mktmpdir do |dir|
      fifo = File.join(dir, 'image')
      system('mkfifo', fifo) or flunk('mkfifo failed')
      # a guard that unblocks the call after 20 s even when no Ruby thread
      # can run (the failure this test looks for): the test then fails on
      # its counts instead of hanging
      guard = Process.spawn('sh', '-c', "sleep 20; exec cat /dev/null > '#{fifo}'",
                            pgroup: true, out: File::NULL, err: File::NULL)
      ticks = 0
      calls = 0
      started = Queue.new
      writer = Thread.new do
        started.pop
        other = Libvirt.open(URI)
        50.times do
          ticks += 1
          calls += 1 if other.num_of_domains >= 1
          sleep 0.005
        end
        other.close
        File.open(fifo, 'wb') { |f| f.write(save_image(DOMAIN_XML)) }
        :written
      end
      started << true
      t0 = Process.clock_gettime(Process::CLOCK_MONOTONIC)
      assert_nil(Libvirt::Domain.restore(@conn, fifo))
      elapsed = Process.clock_gettime(Process::CLOCK_MONOTONIC) - t0
      assert_equal(:written, writer.value)
      assert_equal(50, ticks)
      assert_equal(50, calls)
      assert_operator(elapsed, :<, 15, 'the call only returned when the guard wrote')
      d = @conn.lookup_domain_by_name('rbfifo')
      assert_equal(true, d.active?)
    ensure
      if guard
        begin
          Process.kill('TERM', -guard)
        rescue Errno::ESRCH
          nil
        end
        Process.wait(guard)
      end
    end
  end

  # Many threads calling at once on one connection.
  def test_concurrent_calls
    threads = 4.times.map do
      Thread.new { 200.times.map { @conn.lookup_domain_by_name('test').name }.uniq }
    end
    assert_equal([['test']] * 4, threads.map(&:value))
  end
end
