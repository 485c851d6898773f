// bytedmd/detail/instructions.hpp - instructions, and reads without output.
//
// Every operator and standard math function of an instrumented function
// becomes one instruction; a truth value, a subscript or an argument passed to
// code that is not instrumented becomes a read with no output (semantics.md,
// Part B). Before and after, for `if (a > 0) s += x[i];`:
//
//   if (::bytedmd::truth(::bytedmd::bin<BYTEDMD_OP_GT>(::bytedmd::seq{::bytedmd::ld(a) , 0},
//           &bytedmd_loc_1), &bytedmd_loc_0))
//     ::bytedmd::cset<BYTEDMD_OP_ADD>(s, ::bytedmd::ld(x[::bytedmd::index(::bytedmd::ld(i),
//         &bytedmd_loc_0)]), &bytedmd_loc_2);
//
// Each takes the static location of its line, so costs can be charged per
// source line. Every template also accepts untracked operands (literals,
// class types), so one rewrite serves a template for every instantiation.
#ifndef BYTEDMD_DETAIL_INSTRUCTIONS_HPP
#define BYTEDMD_DETAIL_INSTRUCTIONS_HPP

#include "bytedmd/detail/values.hpp"

#include <cstddef>
#include <cstdint>
#include <tuple>
#include <type_traits>
#include <utility>

namespace bytedmd {
namespace detail {

/// The source location of the instruction about to be recorded (rewritten
/// code passes one per line; hand-written code may pass none). Inside a
/// loop body the location rarely changes: then bytedmd_at would return at
/// once, and the call is skipped.
inline void __place(bytedmd_location *__at) {
  if (__at == nullptr)
    return;
  const uint32_t __id = __atomic_load_n(&__at->__id, __ATOMIC_RELAXED);
  if (__id == 0 || __id != bytedmd_location_now)
    bytedmd_at(__at);
}
/// The location of an instruction or read that records nothing (all its
/// keys are 0) is not written: the log is read only at events, and every
/// event names its own location first. It is still written while an
/// unattributed load waits for its instruction's location (location 0).
inline void __place_if(bool __recorded, bytedmd_location *__at) {
  if (__recorded || bytedmd_location_now == 0)
    __place(__at);
}

/// A READ of one key; an untracked one (key 0) records nothing, so the
/// entry is not called.
inline void __read(bytedmd_op __why, bytedmd_key __k, bytedmd_location *__at) {
  __place_if(__k != 0, __at);
  if (__k != 0)
    bytedmd_read(__why, __k);
}
/// An instruction's output key: 0, without a call, when no operand is tracked.
inline bytedmd_key __unary(uint32_t __op, bytedmd_key __a) {
  return __a != 0 ? bytedmd_unary(__op, __a) : 0;
}
inline bytedmd_key __binary(uint32_t __op, bytedmd_key __a, bytedmd_key __b) {
  return (__a | __b) != 0 ? bytedmd_binary(__op, __a, __b) : 0;
}

/// The operators of bytedmd/ops.def: _Operator<_Op>::__apply computes the
/// instruction on plain values, _Operator<_Op>::__assign its compound
/// assignment (x op= y).
template <bytedmd_op _Op> struct _Operator;
#define BYTEDMD_ARITHMETIC(_Name, _Ir, _Token, _Kind)                                              \
  template <> struct _Operator<BYTEDMD_OP_##_Name> {                                               \
    template <class _Ap, class _Bp> static auto __apply(_Ap &&__a, _Bp &&__b) {                    \
      return __a _Token __b;                                                                       \
    }                                                                                              \
    template <class _Lp, class _Xp> static void __assign(_Lp &__l, _Xp &&__x) {                    \
      __l _Token## = static_cast<_Xp &&>(__x);                                                     \
    }                                                                                              \
  };
#define BYTEDMD_COMPARISON(_Name, _Ir, _Token, _Kind)                                              \
  template <> struct _Operator<BYTEDMD_OP_##_Name> {                                               \
    template <class _Ap, class _Bp> static auto __apply(_Ap &&__a, _Bp &&__b) {                    \
      return __a _Token __b;                                                                       \
    }                                                                                              \
  };
#define BYTEDMD_UNARY(_Name, _Ir, _Token, _Kind)                                                   \
  template <> struct _Operator<BYTEDMD_OP_##_Name> {                                               \
    template <class _Ap> static auto __apply(_Ap &&__a) { return _Token __a; }                     \
  };
#include "bytedmd/ops.def"

/// ++x for BYTEDMD_OP_ADD, --x for BYTEDMD_OP_SUB.
template <bytedmd_op _Op, class _Lp> inline void __step(_Lp &__x) {
  if constexpr (_Op == BYTEDMD_OP_ADD)
    ++__x;
  else
    --__x;
}

template <bytedmd_op _Op, class _Ap, class _Bp> inline auto __apply2(_Ap &&__a, _Bp &&__b) {
  return _Operator<_Op>::__apply(__a, __b);
}

/// log2 of T's size in bytes, for the bytes=native variant.
template <class _Tp> constexpr std::uint32_t __size_log2() {
  static_assert(sizeof(_Tp) <= 128, "bytedmd: a tracked value wider than 128 bytes");
  std::uint32_t __l = 0;
  while ((std::size_t(1) << __l) < sizeof(_Tp))
    ++__l;
  return __l;
}
/// An instruction's op with its output's size (BYTEDMD_SIZED).
template <class _Tp> constexpr std::uint32_t __sized(bytedmd_op __op) {
  return BYTEDMD_SIZED(__op, __size_log2<_Tp>());
}

} // namespace detail

template <class... _Ap, class _Fn> inline decltype(auto) call(seq<_Ap...> &&__s, _Fn &&__f);
namespace detail {
template <bytedmd_op _Op, class _Ap, class _Bp>
inline auto __bin(seq<_Ap, _Bp> &&__s, bytedmd_location *__at);
} // namespace detail

/// A binary operator: one instruction reading the tracked operands. On
/// objects (a template instantiated with a class), the class's operator is
/// called as an instrumented call: the operands' keys travel with them.
template <bytedmd_op _Op, class _Ap, class _Bp>
inline decltype(auto) bin(seq<_Ap, _Bp> &&__s, bytedmd_location *__at = nullptr) {
  if constexpr (detail::__has_fields_v<std::remove_reference_t<_Ap>> ||
                detail::__has_fields_v<std::remove_reference_t<_Bp>>) {
    return ::bytedmd::call(std::move(__s), [](auto &&__l, auto &&__r) -> decltype(auto) {
      return detail::_Operator<_Op>::__apply(static_cast<decltype(__l) &&>(__l),
                                             static_cast<decltype(__r) &&>(__r));
    });
  } else {
    return detail::__bin<_Op>(std::move(__s), __at);
  }
}
namespace detail {
template <bytedmd_op _Op, class _Ap, class _Bp>
inline auto __bin(seq<_Ap, _Bp> &&__s, bytedmd_location *__at) {
  auto &&__a = std::get<0>(__s.__items);
  auto &&__b = std::get<1>(__s.__items);
  auto __r = detail::__apply2<_Op>(detail::__value_of(static_cast<_Ap>(__a)),
                                   detail::__value_of(static_cast<_Bp>(__b)));
  if constexpr (detail::__tracked_v<_Ap> || detail::__tracked_v<_Bp>)
    return detail::_Tracked<decltype(__r)>{
        __r, (detail::__place_if((detail::__key_of(__a) | detail::__key_of(__b)) != 0, __at),
              detail::__binary(detail::__sized<decltype(__r)>(_Op),
                                                      detail::__key_of(__a), detail::__key_of(__b)))};
  else
    return __r;
}
} // namespace detail

/// A unary operator: -x, +x, ~x.
template <bytedmd_op _Op, class _Ap> inline auto un(_Ap &&__a, bytedmd_location *__at = nullptr) {
  auto &&__x = detail::__value_of(__a);
  auto __r = detail::_Operator<_Op>::__apply(__x);
  if constexpr (detail::__tracked_v<_Ap>)
    return detail::_Tracked<decltype(__r)>{
        __r, (detail::__place_if(__a.__k != 0, __at), detail::__unary(detail::__sized<decltype(__r)>(_Op), __a.__k))};
  else
    return __r;
}

/// `lhs op= x`, as `lhs = lhs op x`: reads lhs, then x.
template <bytedmd_op _Op, class _Lp, class _Xp>
inline _Lp &cset(_Lp &__lhs, _Xp &&__x, bytedmd_location *__at = nullptr) {
  if constexpr (detail::__arithmetic_v<_Lp>) {
    const bytedmd_key __k = detail::__load(__lhs);
    const auto &__v = detail::__value_of(__x);
    detail::_Operator<_Op>::__assign(__lhs, __v);
    detail::__place_if((__k | detail::__key_of(__x)) != 0, __at);
    detail::__store(__lhs,
                    detail::__binary(detail::__sized<std::remove_reference_t<decltype(__lhs)>>(_Op),
                                     __k, detail::__key_of(__x)));
  } else {
    detail::_Operator<_Op>::__assign(__lhs, detail::__value_of(std::forward<_Xp>(__x)));
  }
  return __lhs;
}

/// ++x and --x: read x once, store the new value in x. Returns x.
template <bytedmd_op _Op, class _Lp> inline _Lp &pre(_Lp &__x, bytedmd_location *__at = nullptr) {
  if constexpr (detail::__arithmetic_v<_Lp> && !std::is_same_v<std::remove_cv_t<_Lp>, bool>) {
    const bytedmd_key __k = detail::__load(__x);
    detail::__step<_Op>(__x);
    detail::__place_if(__k != 0, __at);
    detail::__store(__x, detail::__unary(detail::__sized<_Lp>(_Op), __k));
  } else {
    detail::__step<_Op>(__x);
  }
  return __x;
}

/// x op= y, ++x and x++ on a local that keeps its key beside it (ldKey).
template <bytedmd_op _Op, class _Lp, class _Xp>
inline _Lp &csetKey(bytedmd_key &__kv, _Lp &__lhs, _Xp &&__x, bytedmd_location *__at = nullptr) {
  static_assert(detail::__keyed_v<_Lp>, "bytedmd: a keyed local must be a scalar");
  const bytedmd_key __k = __kv;
  detail::__keyed_access(&__lhs, __k, 0);
  const auto &__v = detail::__value_of(__x);
  detail::_Operator<_Op>::__assign(__lhs, __v);
  detail::__place_if((__k | detail::__key_of(__x)) != 0, __at);
  __kv = detail::__binary(detail::__sized<_Lp>(_Op), __k, detail::__key_of(__x));
  detail::__keyed_access(&__lhs, __kv, 1);
  return __lhs;
}
template <bytedmd_op _Op, class _Lp>
inline _Lp &preKey(bytedmd_key &__kv, _Lp &__x, bytedmd_location *__at = nullptr) {
  static_assert(detail::__keyed_v<_Lp>, "bytedmd: a keyed local must be a scalar");
  const bytedmd_key __k = __kv;
  detail::__keyed_access(&__x, __k, 0);
  detail::__step<_Op>(__x);
  detail::__place_if(__k != 0, __at);
  __kv = detail::__unary(detail::__sized<_Lp>(_Op), __k);
  detail::__keyed_access(&__x, __kv, 1);
  return __x;
}
template <bytedmd_op _Op, class _Lp>
inline auto postKey(bytedmd_key &__kv, _Lp &__x, bytedmd_location *__at = nullptr) {
  static_assert(detail::__keyed_v<_Lp>, "bytedmd: a keyed local must be a scalar");
  const detail::_Tracked<_Lp> __old{__x, __kv};
  detail::__keyed_access(&__x, __old.__k, 0);
  detail::__step<_Op>(__x);
  detail::__place_if(__old.__k != 0, __at);
  __kv = detail::__unary(detail::__sized<_Lp>(_Op), __old.__k);
  detail::__keyed_access(&__x, __kv, 1);
  return __old;
}

/// x++ and x--: as ++x, but the value is the old one, with its old key.
template <bytedmd_op _Op, class _Lp> inline auto post(_Lp &__x, bytedmd_location *__at = nullptr) {
  if constexpr (detail::__arithmetic_v<_Lp> && !std::is_same_v<std::remove_cv_t<_Lp>, bool>) {
    const detail::_Tracked<std::remove_cv_t<_Lp>> __old{__x, detail::__load(__x)};
    detail::__step<_Op>(__x);
    detail::__place_if(__old.__k != 0, __at);
    detail::__store(__x, detail::__unary(detail::__sized<_Lp>(_Op), __old.__k));
    return __old;
  } else {
    if constexpr (_Op == BYTEDMD_OP_ADD)
      return __x++;
    else
      return __x--;
  }
}

/// A truth value (a condition, an operand of && || !): one READ.
template <class _Xp> inline bool truth(_Xp &&__x, bytedmd_location *__at = nullptr) {
  if constexpr (detail::__tracked_v<_Xp>)
    detail::__read(BYTEDMD_OP_TRUTH, __x.__k, __at);
  return static_cast<bool>(detail::__value_of(std::forward<_Xp>(__x)));
}

/// `if (T x = e)` (and while, for, switch): x takes e's key, then the
/// condition reads x, a truth value or a switch's index.
template <bytedmd_op _Why, class _Tp, class _Xp>
inline _Tp initThen(_Tp *__at, _Xp &&__x, bytedmd_location *__where = nullptr) {
  if constexpr (detail::__arithmetic_v<_Tp>) {
    const bytedmd_key __k = detail::__key_of(__x);
    _Tp __v = ::bytedmd::init(__at, std::forward<_Xp>(__x));
    detail::__read(_Why, __k, __where);
    detail::__keyed_access(__at, __k, 0); // the load ld(x) would be, for stack=locations
    return __v;
  } else {
    // init's result object must be x itself (it may copy keys once x is built).
    return ::bytedmd::init(__at, std::forward<_Xp>(__x));
  }
}

/// An array subscript or pointer offset: one READ; the value is untracked.
template <class _Xp> inline decltype(auto) index(_Xp &&__x, bytedmd_location *__at = nullptr) {
  if constexpr (detail::__tracked_v<_Xp>) {
    detail::__read(BYTEDMD_OP_INDEX, __x.__k, __at);
    return __x.__v;
  } else {
    return std::forward<_Xp>(__x);
  }
}

/// A value passed to code that is not instrumented: one READ.
namespace detail {
/// Tracked values escaping into code the tool does not see, counted so that
/// a call's result computed from them can be told apart (opaqueResult).
struct _Opaque_calls {
  unsigned __escapes;
  unsigned __depth;
  unsigned __marks[64];
};
inline thread_local _Opaque_calls __opaque_calls;
inline void __escaped(bytedmd_key __k) {
  if (bytedmd_current(__k))
    ++__opaque_calls.__escapes;
}
} // namespace detail

template <class _Xp> inline decltype(auto) escape(_Xp &&__x, bytedmd_location *__at = nullptr) {
  if constexpr (detail::__tracked_v<_Xp>) {
    detail::__read(BYTEDMD_OP_ESCAPE, __x.__k, __at);
    detail::__escaped(__x.__k);
    return __x.__v;
  } else {
    return std::forward<_Xp>(__x);
  }
}

/// A used result of code the tool does not see:
///   f(a) -> (::bytedmd::opaqueMark(), ::bytedmd::opaqueResult(f(escape(a)), &where, "..."))
/// The result is untracked; when a tracked value escaped into the call, it
/// was computed from tracked values, and the measurement is approximate.
inline void opaqueMark() {
  detail::_Opaque_calls &__o = detail::__opaque_calls;
  if (__o.__depth < 64)
    __o.__marks[__o.__depth] = __o.__escapes;
  ++__o.__depth;
}
template <class _Rp>
inline _Rp opaqueResult(_Rp &&__r, const bytedmd_location *__where, const char *__message) {
  detail::_Opaque_calls &__o = detail::__opaque_calls;
  if (__o.__depth > 0 && --__o.__depth < 64 && __o.__escapes != __o.__marks[__o.__depth])
    bytedmd_diagnostic(__where, __message);
  return static_cast<_Rp &&>(__r);
}

/// `c ? a : b` on arithmetic values: the condition is a truth read; the
/// result is the chosen operand with its key, converted to the common type.
template <class _Ap, class _Bp> inline auto choose(bool __c, _Ap &&__a, _Bp &&__b) {
  using _Rp = std::common_type_t<std::decay_t<decltype(detail::__value_of(__a()))>,
                                 std::decay_t<decltype(detail::__value_of(__b()))>>;
  if constexpr (detail::__tracked_v<decltype(__a())> || detail::__tracked_v<decltype(__b())>) {
    if (__c) {
      auto __x = __a();
      return detail::_Tracked<_Rp>{static_cast<_Rp>(detail::__value_of(__x)),
                                   detail::__key_of(__x)};
    }
    auto __y = __b();
    return detail::_Tracked<_Rp>{static_cast<_Rp>(detail::__value_of(__y)), detail::__key_of(__y)};
  } else {
    return __c ? static_cast<_Rp>(__a()) : static_cast<_Rp>(__b());
  }
}

/// A standard math function: one instruction reading its tracked arguments.
template <bytedmd_op _Op, class... _Ap, class _Fn>
inline auto math(seq<_Ap...> &&__s, _Fn &&__f, bytedmd_location *__at = nullptr) {
  return std::apply(
      [&](auto &&...__a) {
        auto __r = __f(detail::__value_of(static_cast<decltype(__a) &&>(__a))...);
        if constexpr ((detail::__tracked_v<_Ap> || ...)) {
          const bytedmd_key __keys[] = {detail::__key_of(__a)...};
          detail::__place(__at);
          return detail::_Tracked<decltype(__r)>{
              __r,
              bytedmd_instruction(detail::__sized<decltype(__r)>(_Op), __keys, sizeof...(_Ap))};
        } else {
          return __r;
        }
      },
      std::move(__s.__items));
}

/// std::max(a, b): the comparison b > a (reads b, then a), a truth read of
/// it, and the chosen operand itself. std::min is the same with b < a.
template <bytedmd_op _Op, class _Ap, class _Bp>
inline auto minmax(seq<_Ap, _Bp> &&__s, bytedmd_location *__at = nullptr) {
  auto &&__a = std::get<0>(__s.__items);
  auto &&__b = std::get<1>(__s.__items);
  using _Rp = std::decay_t<decltype(detail::__value_of(__a))>;
  if constexpr (detail::__tracked_v<_Ap> || detail::__tracked_v<_Bp>) {
    const detail::_Tracked<bool> __c =
        ::bytedmd::bin<_Op>(seq{static_cast<_Bp>(__b), static_cast<_Ap>(__a)}, __at);
    if (::bytedmd::truth(__c, __at))
      return detail::_Tracked<_Rp>{detail::__value_of(__b), detail::__key_of(__b)};
    return detail::_Tracked<_Rp>{detail::__value_of(__a), detail::__key_of(__a)};
  } else {
    if (detail::__apply2<_Op>(__b, __a))
      return _Rp(__b);
    return _Rp(__a);
  }
}

} // namespace bytedmd

#endif // BYTEDMD_DETAIL_INSTRUCTIONS_HPP
