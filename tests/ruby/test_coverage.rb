# Every api.xml function reaches Ruby or is listed with a reason.  The table
# comes from the generator itself (emit_ruby.coverage: the same rules and
# names that made libvirt.rb), so a function the rules start or stop
# covering changes it.
require 'test/unit'
require 'json'
require 'open3'
require 'libvirt'

class TestCoverage < Test::Unit::TestCase
  SRCDIR = ENV['VIRTKIT_SRCDIR'] || File.expand_path('../..', __dir__)

  def self.table
    @table ||= begin
      out, err, st = Open3.capture3('/usr/bin/python3', '-m', 'virtkit_gen.emit_ruby',
                                    File.join(SRCDIR, 'api.xml'),
                                    chdir: File.join(SRCDIR, 'generator'))
      raise "generator failed: #{err}" unless st.success?
      JSON.parse(out)
    end
  end

  def table
    self.class.table
  end

  def test_table_covers_api_xml
    assert_operator(table.size, :>=, 500)
  end

  def test_generated_functions_are_reachable
    missing = table.select { |_, e| e['extension'] }
                   .reject { |_, e| Libvirt::Virtkit.respond_to?(e['extension']) }
    assert_equal([], missing.keys)
  end

  def test_generated_methods_exist
    missing = table.select { |_, e| e['method'] }.reject do |_, e|
      Libvirt.const_get(e['class']).method_defined?(e['method'])
    end
    assert_equal([], missing.map { |k, e| "#{k} -> #{e['class']}##{e['method']}" })
  end

  def test_glue_methods_exist
    missing = table.select { |_, e| e['glue'] }.reject do |_, e|
      if e['glue'].start_with?('Libvirt.')
        Libvirt.respond_to?(e['glue'].delete_prefix('Libvirt.'))
      else
        klass, meth = e['glue'].split('#')
        Libvirt.const_get(klass).method_defined?(meth)
      end
    end
    assert_equal([], missing.map { |k, e| "#{k} -> #{e['glue']}" })
  end

  # A reason is api.xml's (an exception) or the binding's own reference
  # counting; what the generator prints about a signature it cannot
  # express is a gap, not a reason.
  def test_skipped_functions_have_a_reason
    skipped = table.select { |_, e| e.key?('skipped') }
    bad = skipped.reject do |_, e|
      e['skipped'].start_with?('api.xml: ') && e['skipped'] != 'api.xml: skip=ruby' ||
        e['skipped'].start_with?('reference counting is the binding')
    end
    assert_equal([], bad.map { |k, e| "#{k}: #{e['skipped']}" })
    # the count is part of the report: make it visible in the log
    puts "\nvirtkit ruby coverage: #{table.size - skipped.size} reachable, #{skipped.size} skipped with a reason"
    assert_operator(skipped.size, :<, table.size / 4)
  end
end
