# Runs every tests/ruby/test_*.rb (test-unit), against the build tree:
# RUBYLIB points at build/bindings/ruby, LD_LIBRARY_PATH at libvirtkit.so.
require 'test/unit'
Dir.glob(File.join(__dir__, 'test_*.rb')).sort.each { |f| require f }
