// bytedmd/detail/calls.hpp - calls: of instrumented functions (keys travel beside the arguments), of code that is not, and across files.
//
// A call of an instrumented function passes each tracked argument's key, and
// gets the return value's key back, through this thread's bytedmd_call_state
// (free under the model: a copy keeps its key). Before and after, for
// `double y = sq(a) + g(a);`, where sq is defined in this file and g in
// another:
//
//   double y = ::bytedmd::init(&y, ::bytedmd::bin<BYTEDMD_OP_ADD>(::bytedmd::seq{
//       ::bytedmd::call(::bytedmd::seq{::bytedmd::ld(a)}, [&](auto&&... bytedmd_a)
//           -> decltype(auto) { return sq(static_cast<decltype(bytedmd_a)&&>(bytedmd_a)...); }),
//       (::bytedmd::across(&bytedmd_instrumented__Z1gd), ::bytedmd::callAcross(::bytedmd::seq{
//           ::bytedmd::escapeIf(::bytedmd::ld(a), &bytedmd_loc_1)}, [&](auto&&... bytedmd_a)
//           -> decltype(auto) { return g(...); }, <location>, nullptr))}, &bytedmd_loc_0));
//
// A function that is not instrumented gets plain values through `invoke`; the
// arguments were already read as escapes.
#ifndef BYTEDMD_DETAIL_CALLS_HPP
#define BYTEDMD_DETAIL_CALLS_HPP

#include "bytedmd/detail/instructions.hpp"

#include <tuple>
#include <type_traits>
#include <utility>

namespace bytedmd {
namespace detail {

/// Which calls across files, counted from the innermost, go to a file that
/// is not instrumented (see across()).
struct AcrossState {
  unsigned depth = 0;
  bool opaque[64];
};
inline thread_local AcrossState acrossState;

} // namespace detail

/// A call of a function that is not instrumented, with its arguments
/// evaluated left to right (each already read as an escape).
template <class... A, class F> inline decltype(auto) invoke(seq<A...> &&s, F &&f) {
  return std::apply(
      [&](auto &&...a) -> decltype(auto) {
        return f(detail::val(static_cast<decltype(a) &&>(a))...);
      },
      std::move(s.items));
}

/// A call of an instrumented function: the tracked arguments' keys travel
/// beside them (free), and so does the return value's key.
template <class... A, class F> inline decltype(auto) call(seq<A...> &&s, F &&f) {
  bytedmd_call_state *calls = bytedmd_calls();
  return std::apply(
      [&](auto &&...a) -> decltype(auto) {
        unsigned i = 0;
        calls->count = sizeof...(A) < 64 ? unsigned(sizeof...(A)) : 64u;
        (
            [&](auto &&x) {
              if (i < 64) {
                calls->keys[i] = detail::key(x);
                calls->sources[i] = nullptr;
                if constexpr (!detail::isV<decltype(x)> && !detail::isArithmetic<decltype(x)> &&
                              std::is_lvalue_reference_v<decltype(x)>)
                  calls->sources[i] = &x;
              }
              ++i;
            }(a),
            ...);
        calls->pending = 1;
        calls->has_return = 0;
        using R = decltype(f(detail::val(static_cast<decltype(a) &&>(a))...));
        if constexpr (std::is_void_v<R>) {
          f(detail::val(static_cast<decltype(a) &&>(a))...);
          calls->pending = 0;
        } else if constexpr (detail::isArithmetic<R> && !std::is_reference_v<R>) {
          R r = f(detail::val(static_cast<decltype(a) &&>(a))...);
          calls->pending = 0;
          const bytedmd_key k = calls->has_return ? calls->return_key : 0;
          calls->has_return = 0;
          return detail::V<R>{r, k};
        } else {
          struct Clear {
            bytedmd_call_state *c;
            ~Clear() {
              c->pending = 0;
              c->has_return = 0;
            }
          } clear{calls};
          return f(detail::val(static_cast<decltype(a) &&>(a))...);
        }
      },
      std::move(s.items));
}

/// Calls across files. Whether the callee is instrumented is known at link
/// time: its file defines a marker that the caller references weakly (null
/// when the callee's file was not instrumented). The decision must be taken
/// before the arguments are evaluated, since it decides whether they escape
/// (a read each, in source order) or travel to the callee with their keys;
/// `across` records it for the arguments, and `callAcross` takes it back.
inline bool across(const char *marker) {
  detail::AcrossState &s = detail::acrossState;
  if (s.depth < 64)
    s.opaque[s.depth] = marker == nullptr;
  ++s.depth;
  return true;
}

/// An argument of a call across files: read as an escape when the callee is
/// not instrumented; passed with its key when it is.
template <class X> inline auto escapeIf(X &&x, bytedmd_location *at = nullptr) {
  if constexpr (detail::isV<X>) {
    const detail::AcrossState &s = detail::acrossState;
    if (s.depth == 0 || s.depth > 64 || s.opaque[s.depth - 1])
      detail::place(at), bytedmd_read(BYTEDMD_OP_ESCAPE, x.k);
    return detail::V<std::decay_t<decltype(x.v)>>{x.v, x.k};
  } else {
    return std::forward<X>(x);
  }
}

/// `unmodeled` is the diagnostic for a callee that is not instrumented and
/// receives a pointer, reference or iterator to tracked values (null: none).
template <class... A, class F>
inline decltype(auto) callAcross(seq<A...> &&s, F &&f, const bytedmd_location *where,
                                 const char *unmodeled) {
  detail::AcrossState &st = detail::acrossState;
  const bool opaque = st.depth == 0 || st.depth > 64 || st.opaque[st.depth - 1];
  if (st.depth > 0)
    --st.depth;
  if (!opaque)
    return call(std::move(s), f);
  if (unmodeled != nullptr)
    bytedmd_diagnostic(where, unmodeled);
  // The same type as call's: an arithmetic result comes back as an untracked V.
  using R = std::invoke_result_t<F &, decltype(detail::val(std::declval<A>()))...>;
  if constexpr (detail::isArithmetic<R> && !std::is_reference_v<R>)
    return detail::V<R>{invoke(std::move(s), f), 0};
  else
    return invoke(std::move(s), f);
}

} // namespace bytedmd

#endif // BYTEDMD_DETAIL_CALLS_HPP
