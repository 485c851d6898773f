// bytedmd/detail/calls.hpp - calls of instrumented functions, of other code, and across files.
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
/// is not instrumented (see across()). Plain data, zero at thread start: the
/// thread_local needs no initialisation guard.
struct _Across_state {
  unsigned __depth;
  bool __opaque[64];
};
inline thread_local _Across_state __across_state;

} // namespace detail

/// A call of a function that is not instrumented, with its arguments
/// evaluated left to right (each already read as an escape).
template <class... _Ap, class _Fn> inline decltype(auto) invoke(seq<_Ap...> &&__s, _Fn &&__f) {
  return std::apply(
      [&](auto &&...__a) -> decltype(auto) {
        return __f(detail::__value_of(static_cast<decltype(__a) &&>(__a))...);
      },
      std::move(__s.__items));
}

/// A call of an instrumented function: the tracked arguments' keys travel
/// beside them (free), and so does the return value's key.
template <class... _Ap, class _Fn> inline decltype(auto) call(seq<_Ap...> &&__s, _Fn &&__f) {
  bytedmd_call_state *__calls = bytedmd_calls();
  return std::apply(
      [&](auto &&...__a) -> decltype(auto) {
        unsigned __i = 0;
        __calls->__count = sizeof...(_Ap) < 64 ? unsigned(sizeof...(_Ap)) : 64u;
        // An lvalue object is the source of its copy's keys; an rvalue one
        // (a value a call returned) left them in the handoff.
        (
            [&](auto &&__x, auto __lvalue) {
              if (__i < 64) {
                __calls->__keys[__i] = detail::__key_of(__x);
                __calls->__sources[__i] = nullptr;
                if constexpr (!detail::__tracked_v<decltype(__x)> &&
                              !detail::__arithmetic_v<decltype(__x)> && decltype(__lvalue)::value)
                  __calls->__sources[__i] = &__x;
              }
              ++__i;
            }(__a, std::is_lvalue_reference<decltype(__a)>{}),
            ...);
        __calls->__pending = 1;
        __calls->__has_return = 0;
        using _Rp = decltype(__f(detail::__value_of(static_cast<decltype(__a) &&>(__a))...));
        if constexpr (std::is_void_v<_Rp>) {
          __f(detail::__value_of(static_cast<decltype(__a) &&>(__a))...);
          __calls->__pending = 0;
        } else if constexpr (detail::__arithmetic_v<_Rp> && !std::is_reference_v<_Rp>) {
          _Rp __r = __f(detail::__value_of(static_cast<decltype(__a) &&>(__a))...);
          __calls->__pending = 0;
          const bytedmd_key __k = __calls->__has_return ? __calls->__return_key : 0;
          __calls->__has_return = 0;
          return detail::_Tracked<_Rp>{__r, __k};
        } else {
          struct _Clear {
            bytedmd_call_state *__c;
            ~_Clear() {
              __c->__pending = 0;
              __c->__has_return = 0;
            }
          } __clear{__calls};
          return __f(detail::__value_of(static_cast<decltype(__a) &&>(__a))...);
        }
      },
      std::move(__s.__items));
}

/// A call through a std::function: an instrumented call when the callable
/// it holds is instrumented (its frame takes the pending arguments). When
/// the arguments are still pending as the callable returns, it was not: the
/// tracked arguments escaped into it (a read each), and a used result
/// computed from them is approximate (`computed`, the message; null: unused).
template <class... _Ap, class _Fn>
inline decltype(auto) callThrough(seq<_Ap...> &&__s, _Fn &&__f,
                                  const bytedmd_location *__where, const char *__computed) {
  bytedmd_key __keys[sizeof...(_Ap) + 1] = {};
  std::size_t __n = 0;
  std::apply([&](const auto &...__a) { ((__keys[__n++] = detail::__key_of(__a)), ...); },
             __s.__items);
  struct _Untaken {
    const bytedmd_key *__keys;
    std::size_t __n;
    const bytedmd_location *__where;
    const char *__computed;
    ~_Untaken() {
      if (!bytedmd_calls()->__pending)
        return;
      bool __any = false;
      for (std::size_t __i = 0; __i < __n; ++__i)
        if (__keys[__i] != 0) {
          bytedmd_read(BYTEDMD_OP_ESCAPE, __keys[__i]);
          detail::__escaped(__keys[__i]);
          __any = true;
        }
      if (__any && __computed != nullptr)
        bytedmd_diagnostic(__where, __computed);
    }
  };
  return ::bytedmd::call(std::move(__s), [&](auto &&...__a) -> decltype(auto) {
    _Untaken __check{__keys, __n, __where, __computed};
    return __f(static_cast<decltype(__a) &&>(__a)...);
  });
}

/// Calls across files. Whether the callee is instrumented is known at link
/// time: its file defines a marker that the caller references weakly (null
/// when the callee's file was not instrumented). The decision must be taken
/// before the arguments are evaluated, since it decides whether they escape
/// (a read each, in source order) or travel to the callee with their keys;
/// `across` records it for the arguments, and `callAcross` takes it back.
inline bool across(const char *__marker) {
  detail::_Across_state &__s = detail::__across_state;
  if (__s.__depth < 64)
    __s.__opaque[__s.__depth] = __marker == nullptr;
  ++__s.__depth;
  return true;
}

/// An argument of a call across files: read as an escape when the callee is
/// not instrumented; passed with its key when it is.
template <class _Xp> inline auto escapeIf(_Xp &&__x, bytedmd_location *__at = nullptr) {
  if constexpr (detail::__tracked_v<_Xp>) {
    const detail::_Across_state &__s = detail::__across_state;
    if (__s.__depth == 0 || __s.__depth > 64 || __s.__opaque[__s.__depth - 1]) {
      detail::__read(BYTEDMD_OP_ESCAPE, __x.__k, __at);
      detail::__escaped(__x.__k);
    }
    return detail::_Tracked<std::decay_t<decltype(__x.__v)>>{__x.__v, __x.__k};
  } else {
    return std::forward<_Xp>(__x);
  }
}

/// `unmodeled` is the diagnostic for a callee that is not instrumented and
/// receives a pointer, reference or iterator to tracked values; `computed`
/// the one for its used result computed from tracked values (null: none).
template <class... _Ap, class _Fn>
inline decltype(auto) callAcross(seq<_Ap...> &&__s, _Fn &&__f, const bytedmd_location *__where,
                                 const char *__unmodeled, const char *__computed = nullptr) {
  detail::_Across_state &__st = detail::__across_state;
  const bool __opaque = __st.__depth == 0 || __st.__depth > 64 || __st.__opaque[__st.__depth - 1];
  if (__st.__depth > 0)
    --__st.__depth;
  if (!__opaque)
    return ::bytedmd::call(std::move(__s), __f);
  if (__unmodeled != nullptr)
    bytedmd_diagnostic(__where, __unmodeled);
  if (__computed != nullptr &&
      std::apply([](const auto &...__a) { return (bytedmd_current(detail::__key_of(__a)) || ...); },
                 __s.__items))
    bytedmd_diagnostic(__where, __computed);
  // The same type as call's: an arithmetic result comes back as an untracked _Tracked.
  using _Rp = std::invoke_result_t<_Fn &, decltype(detail::__value_of(std::declval<_Ap>()))...>;
  if constexpr (detail::__arithmetic_v<_Rp> && !std::is_reference_v<_Rp>)
    return detail::_Tracked<_Rp>{::bytedmd::invoke(std::move(__s), __f), 0};
  else
    return ::bytedmd::invoke(std::move(__s), __f);
}

} // namespace bytedmd

#endif // BYTEDMD_DETAIL_CALLS_HPP
