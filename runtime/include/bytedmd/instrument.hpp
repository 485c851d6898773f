// bytedmd/instrument.hpp - the C++ layer rewritten code calls; one header per concern in detail/.
//
// bytedmd-instrument turns every arithmetic expression of an instrumented
// function into calls of the templates these headers define, all in
// namespace ::bytedmd; what rewritten code never names lives in
// ::bytedmd::detail. A tracked value travels as detail::_Tracked<T>{value, key};
// memory holds keys in the shadow map (runtime.h). Before and after, for
// `s = s + a[i] * b[i];`:
//
//   ::bytedmd::set(s, ::bytedmd::bin<BYTEDMD_OP_ADD>(::bytedmd::seq{::bytedmd::ld(s),
//       ::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{::bytedmd::ld(a[i]),
//       ::bytedmd::ld(b[i])})}));
//
// The headers, each with its own before and after:
//   detail/values.hpp        tracked values, seq, loads and stores (ld set init cvt)
//   detail/instructions.hpp  instructions and reads without output
//                            (bin un cset pre post math minmax; truth index escape choose)
//   detail/calls.hpp         calls, and calls across files (call invoke across escapeIf callAcross)
//   detail/containers.hpp    key copies and std::vector members (copyKeys copied forget
//                            pushBack vinsert vassign vresize verase ...)
//   detail/library.hpp       std::copy, fill, swap; malloc, calloc, realloc, free
//   detail/handoff.hpp       small objects returned in registers, braced lists
//                            (receive assignObject stash bindStashed listed bindFields ...)
//   detail/frame.hpp         the Frame: a measurement's start, inputs, results and end;
//                            constructions (construct initialiserArgument)
//   detail/object_vectors.hpp push_back and emplace_back on vectors of classes
//                            (pushObject emplaceObject)
// and a reference to the runtime's version symbol (runtime.h), so that code
// instrumented against one entry set never links with a runtime of another.
#ifndef BYTEDMD_INSTRUMENT_HPP
#define BYTEDMD_INSTRUMENT_HPP

#include "bytedmd/runtime.h"

#include "bytedmd/detail/algorithms.hpp"
#include "bytedmd/detail/calls.hpp"
#include "bytedmd/detail/containers.hpp"
#include "bytedmd/detail/frame.hpp"
#include "bytedmd/detail/functional.hpp"
#include "bytedmd/detail/handoff.hpp"
#include "bytedmd/detail/instructions.hpp"
#include "bytedmd/detail/library.hpp"
#include "bytedmd/detail/object_vectors.hpp"
#include "bytedmd/detail/values.hpp"

namespace bytedmd {
namespace detail {

/// Every translation unit of rewritten code references the entry set's
/// version symbol (runtime.h): linked with a runtime of another version (or
/// none), it fails to link with an undefined reference naming the version it
/// needs, rather than computing wrong numbers.
static const void *const __abi_reference __attribute__((used)) = &BYTEDMD_ABI_SYMBOL;

} // namespace detail
} // namespace bytedmd

#endif // BYTEDMD_INSTRUMENT_HPP
