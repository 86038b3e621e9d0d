// The build-time switch for the wait interface's bookkeeping and the per-row interrupt checks
// (CMake option WARDEN_INSTRUMENTATION, default ON). Only the "compiled without" side of the
// cost measurement in bench/run_instrumentation_bench.sh builds with it OFF; see the option
// in CMakeLists.txt for what such a build gives up.
#pragma once

namespace warden::wait {

#ifdef WARDEN_NO_INSTRUMENTATION
inline constexpr bool kInstrumented = false;
#else
inline constexpr bool kInstrumented = true;
#endif

}  // namespace warden::wait
