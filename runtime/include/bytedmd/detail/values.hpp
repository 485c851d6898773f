// bytedmd/detail/values.hpp - tracked values, and the loads and stores that move their keys.
//
// A tracked arithmetic value travels as detail::_Tracked<T>{value, key}; memory holds
// keys in the shadow map (runtime.h). A load finds the key a location holds,
// a store gives the location a key; both are free under the model. Before and
// after, for `double t = x; y = t;`:
//
//   double t = ::bytedmd::init(&t, ::bytedmd::ld(x));
//   ::bytedmd::set(y, ::bytedmd::ld(t));
//
// Operands of an instruction go through `seq{...}`, a braced list: its
// elements are evaluated left to right, which C++ does not promise for
// function arguments or operands, and the model needs (semantics.md, "Order").
#ifndef BYTEDMD_DETAIL_VALUES_HPP
#define BYTEDMD_DETAIL_VALUES_HPP

#include "bytedmd/runtime.h"

#include <cstdint>
#include <cstring>
#include <memory>
#include <tuple>
#include <type_traits>
#include <utility>

namespace std {
template <typename _Tp> class complex;
} // namespace std

namespace bytedmd {
namespace detail {

/// A tracked arithmetic value: the value and its key.
template <class _Tp> struct _Tracked {
  _Tp __v;
  bytedmd_key __k;
};

template <class _Tp> struct _Is_tracked : std::false_type {};
template <class _Tp> struct _Is_tracked<_Tracked<_Tp>> : std::true_type {};
template <class _Tp> constexpr bool __tracked_v = _Is_tracked<std::decay_t<_Tp>>::value;

/// std::complex<T> is one value with one key, as a Python complex is in the
/// reference (semantics.md, "Library value types"). Declared here rather
/// than included: <complex> is the program's to include.
template <class _Tp> struct _Is_complex : std::false_type {};
template <class _Tp> struct _Is_complex<std::complex<_Tp>> : std::true_type {};

/// A value that carries one key: bool, integer, floating point, std::complex.
template <class _Tp>
constexpr bool __arithmetic_v =
    std::is_arithmetic_v<std::remove_cv_t<std::remove_reference_t<_Tp>>> ||
    _Is_complex<std::remove_cv_t<std::remove_reference_t<_Tp>>>::value;

/// A class of the program's own: the tool gave it a field walker,
///   template <class F, class... S> static void bytedmd_fields(F &&f, S &...s);
/// which calls f(name, s.field...) for each base subobject (name null),
/// then each field, in declaration order (semantics.md, "Inputs"). Several
/// objects of the class are walked side by side (a copy's source and
/// destination).
struct _Field_probe {
  template <class... _Ap> void operator()(const char *, _Ap &...) const {}
};
template <class _Tp, class = void> struct _Has_fields : std::false_type {};
template <class _Tp>
struct _Has_fields<_Tp, std::void_t<decltype(_Tp::bytedmd_fields(_Field_probe{},
                                                                   std::declval<_Tp &>()))>>
    : std::true_type {};
template <class _Tp> constexpr bool __has_fields_v = _Has_fields<std::remove_cv_t<_Tp>>::value;

/// The plain value of an operand, tracked or not.
template <class _Tp> constexpr decltype(auto) __value_of(_Tp &&__x) {
  if constexpr (__tracked_v<_Tp>)
    return (std::forward<_Tp>(__x).__v);
  else
    return std::forward<_Tp>(__x);
}
/// The key of an operand; 0 for an untracked one.
template <class _Tp> constexpr bytedmd_key __key_of(const _Tp &__x) {
  if constexpr (__tracked_v<_Tp>)
    return __x.__k;
  else
    return 0;
}

/// A location's address as the shadow map takes it: a volatile variable is
/// a location like any other (the shadow never writes through it).
template <class _Tp> inline const void *__address(const volatile _Tp *__p) {
  return const_cast<const _Tp *>(__p);
}

/// The bits the shadow map keeps beside a key, to notice foreign writes.
template <class _Tp> inline std::uint64_t __bits_of(const _Tp &__x) {
  std::uint64_t __b = 0;
  if constexpr (std::is_volatile_v<_Tp>) {
    // (one more read of the variable: memcpy cannot read a volatile object)
    const std::remove_cv_t<_Tp> __v = __x;
    std::memcpy(&__b, &__v, sizeof(_Tp) < 8 ? sizeof(_Tp) : 8);
  } else {
    std::memcpy(&__b, &__x, sizeof(_Tp) < 8 ? sizeof(_Tp) : 8);
  }
  return __b;
}

/// A value narrower than a shadow word (char, bool, short): it has a byte
/// slot of its own (runtime.h, the _narrow entries).
template <class _Tp> constexpr bool __narrow_v = sizeof(_Tp) < 4;

/// The program's own load and store of an arithmetic location (what the
/// source reads and writes, and the element moves of modeled library copies).
template <class _Tp> inline bytedmd_key __load(const _Tp &__x) {
  if constexpr (__narrow_v<_Tp>)
    return bytedmd_load_narrow(__address(&__x), __bits_of(__x));
  else
    return bytedmd_load(__address(&__x), __bits_of(__x));
}
template <class _Tp> inline void __store(const _Tp &__x, bytedmd_key __k) {
  if constexpr (__narrow_v<_Tp>)
    bytedmd_store_narrow(__address(&__x), __k, __bits_of(__x));
  else
    bytedmd_store(__address(&__x), __k, __bits_of(__x));
}
/// The shadow's bookkeeping for a location: its key, and giving it one.
template <class _Tp> inline bytedmd_key __shadow_load(const _Tp &__x) {
  if constexpr (__narrow_v<_Tp>)
    return bytedmd_shadow_load_narrow(__address(&__x), __bits_of(__x));
  else
    return bytedmd_shadow_load(__address(&__x), __bits_of(__x));
}
template <class _Tp> inline void __shadow_store(const _Tp &__x, bytedmd_key __k) {
  if constexpr (__narrow_v<_Tp>)
    bytedmd_shadow_store_narrow(__address(&__x), __k, __bits_of(__x));
  else
    bytedmd_shadow_store(__address(&__x), __k, __bits_of(__x));
}
/// The measurement in flight wrote or created this location already.
template <class _Tp> inline bool __touched(const _Tp &__x) {
  return bytedmd_shadow_touched(__address(&__x), __narrow_v<_Tp>) != 0;
}

} // namespace detail

/// Operands in source order. Build it as `seq{a, b}`: the elements of a
/// braced list are evaluated left to right, also when it calls a constructor
/// ([dcl.init.list]/4).
template <class... _Tp> struct seq {
  seq(_Tp... __x) : __items(static_cast<_Tp>(__x)...) {}
  std::tuple<_Tp...> __items;
};
template <class... _Tp> seq(_Tp &&...) -> seq<_Tp &&...>;

/// A load: an arithmetic lvalue becomes a _Tracked with the key its location holds.
/// Anything else passes through unchanged.
template <class _Tp> inline decltype(auto) ld(_Tp &&__x) {
  using _Dp = std::remove_cv_t<std::remove_reference_t<_Tp>>;
  if constexpr (detail::__tracked_v<_Tp>) {
    return std::forward<_Tp>(__x);
  } else if constexpr (detail::__arithmetic_v<_Dp> && std::is_lvalue_reference_v<_Tp>) {
    return detail::_Tracked<_Dp>{__x, detail::__load(__x)};
  } else if constexpr (detail::__arithmetic_v<_Dp>) {
    return detail::_Tracked<_Dp>{__x, 0};
  } else {
    return std::forward<_Tp>(__x);
  }
}

template <class _Tp> inline void receive(_Tp &__x);
namespace detail {
template <class _Tp> inline void __receive_at(const void *__at, const _Tp &__value);
} // namespace detail
template <class _Dp, class _Sp> inline void copyKeys(_Dp &__dst, const _Sp &__src);

/// `lhs = x`: a copy, free; lhs takes x's key. In a template instantiated
/// with a class, an object: its keys come from x, or from the handoff when x
/// is a value an instrumented call returned.
template <class _Lp, class _Xp> inline _Lp &set(_Lp &__lhs, _Xp &&__x) {
  if constexpr (detail::__arithmetic_v<_Lp>) {
    __lhs = detail::__value_of(std::forward<_Xp>(__x));
    detail::__store(__lhs, detail::__key_of(__x));
  } else if constexpr (std::is_class_v<_Lp> && std::is_lvalue_reference_v<_Xp>) {
    __lhs = __x;
    ::bytedmd::copyKeys(__lhs, __x);
  } else if constexpr (std::is_class_v<_Lp>) {
    __lhs = std::forward<_Xp>(__x);
    ::bytedmd::receive(__lhs);
  } else {
    __lhs = detail::__value_of(std::forward<_Xp>(__x));
  }
  return __lhs;
}

namespace detail {
/// Gives the object at __dst the keys of __src once it is built: as a local
/// of init, it is destroyed after init's result object, the declared
/// variable itself, is initialised ([stmt.return]).
template <class _Up> struct _Keys_after {
  _Up *__dst;
  const _Up *__src;
  ~_Keys_after() { ::bytedmd::copyKeys(*__dst, *__src); }
};
/// A class the calling convention returns in memory, so that init's result
/// object is the declared variable (a trivial one may come back in registers).
template <class _Up>
constexpr bool __returned_in_memory_v = !std::is_trivially_copy_constructible_v<_Up> ||
                                        !std::is_trivially_move_constructible_v<_Up> ||
                                        !std::is_trivially_destructible_v<_Up>;
} // namespace detail

/// `T v = x;` as `T v = init(&v, x);`: v takes x's key.
template <class _Tp, class _Xp> inline _Tp init(_Tp *__at, _Xp &&__x) {
  using _Up = std::remove_cv_t<_Tp>;
  constexpr bool __copy = std::is_class_v<_Up> && std::is_lvalue_reference_v<_Xp> &&
                          std::is_same_v<std::remove_cv_t<std::remove_reference_t<_Xp>>, _Up>;
  if constexpr (__copy && std::is_trivially_constructible_v<_Up, _Xp>) {
    // A template's `T p = s;` whose copy is a copy of bytes (a struct,
    // std::pair<double, double>): p will hold s's bytes, so it takes s's
    // keys, copied before p is built (it may come back in registers).
    bytedmd_shadow_copy(const_cast<_Up *>(__at), std::addressof(__x), sizeof(_Up));
  } else if constexpr (__copy && detail::__returned_in_memory_v<_Up>) {
    // Any other copy (a vector, a class with a copy constructor of its
    // own): the keys follow the copy's elements once p is built.
    const detail::_Keys_after<_Up> __after{const_cast<_Up *>(__at), std::addressof(__x)};
    return static_cast<_Tp>(__x);
  } else if constexpr (std::is_class_v<_Up> && !std::is_lvalue_reference_v<_Xp> &&
                       std::is_trivially_copyable_v<_Up> &&
                       std::is_same_v<std::remove_cv_t<std::remove_reference_t<_Xp>>, _Up>) {
    // `T t = S1(a)` where no statement can follow (a condition): a small
    // object built by a construction or a call comes back in registers; its
    // keys wait in the handoff and go to t before its bytes arrive.
    _Tp __v(std::forward<_Xp>(__x));
    detail::__receive_at(__at, __v);
    return __v;
  }
  _Tp __v = static_cast<_Tp>(detail::__value_of(std::forward<_Xp>(__x)));
  if constexpr (detail::__arithmetic_v<_Tp>) {
    // The variable is not yet initialised: its bits are those of the value.
    if constexpr (detail::__narrow_v<_Tp>)
      bytedmd_store_narrow(detail::__address(__at), detail::__key_of(__x), detail::__bits_of(__v));
    else
      bytedmd_store(detail::__address(__at), detail::__key_of(__x), detail::__bits_of(__v));
  }
  return __v;
}

/// A local that keeps its key in a variable beside it (the rewriter's
/// bytedmd_kvN_name, declared on entry; semantics.md "Memory"): its address
/// never escapes, so its loads and stores read and write that variable
/// instead of the shadow map. Under a stack=locations variant they are still
/// accesses of the local's memory.
///
///   double s = ::bytedmd::initKey(bytedmd_kv0_s, &s, ::bytedmd::ld(a[0]));
///   ::bytedmd::setKey(bytedmd_kv0_s, s, ::bytedmd::bin<...>(::bytedmd::seq{
///       ::bytedmd::ldKey(bytedmd_kv0_s, s), ...}));
namespace detail {
/// The rewriter keys only standard scalars, which every language mode
/// tracks; anything else would be tracked here and not in the shadow forms.
template <class _Tp> constexpr bool __keyed_v = std::is_arithmetic_v<_Tp>;
inline void __keyed_access(const void *__at, bytedmd_key __k, int __write) {
  if (__builtin_expect(bytedmd_recording_accesses, 0) && __k != 0)
    bytedmd_access(__at, __k, __write);
}
} // namespace detail
template <class _Tp>
inline detail::_Tracked<std::remove_cv_t<_Tp>> ldKey(bytedmd_key __kv, _Tp &__x) {
  static_assert(detail::__keyed_v<std::remove_cv_t<_Tp>>, "bytedmd: a keyed local must be a scalar");
  detail::__keyed_access(&__x, __kv, 0);
  return {__x, __kv};
}
template <class _Tp, class _Xp> inline _Tp initKey(bytedmd_key &__kv, _Tp *__at, _Xp &&__x) {
  static_assert(detail::__keyed_v<std::remove_cv_t<_Tp>>, "bytedmd: a keyed local must be a scalar");
  _Tp __v = static_cast<_Tp>(detail::__value_of(std::forward<_Xp>(__x)));
  __kv = detail::__key_of(__x);
  detail::__keyed_access(__at, __kv, 1);
  return __v;
}
template <class _Lp, class _Xp> inline _Lp &setKey(bytedmd_key &__kv, _Lp &__lhs, _Xp &&__x) {
  static_assert(detail::__keyed_v<_Lp>, "bytedmd: a keyed local must be a scalar");
  __lhs = detail::__value_of(std::forward<_Xp>(__x));
  __kv = detail::__key_of(__x);
  detail::__keyed_access(&__lhs, __kv, 1);
  return __lhs;
}

/// `T x{}`, `T x{e}` or `T x(e)` in a template: the braces give a scalar x
/// no key. With none inside, x is an untracked zero; otherwise the value's
/// key is lost, and the measurement says so.
template <class _Dt, class _Tp>
inline void bracedScalar(const _Tp &__x, unsigned __n, const bytedmd_location *__at) {
  // _Dt is x's declared type: a reference names its referent, key and all.
  if constexpr (!std::is_reference_v<_Dt> && detail::__arithmetic_v<_Tp>) {
    detail::__store(__x, 0);
    if (__n != 0)
      bytedmd_diagnostic(__at, "bytedmd: a template's braced or parenthesised initialiser of a "
                               "scalar is not modeled (the value's key is lost); the measurement "
                               "is approximate (write T x = e)");
  }
}
/// `T x{s}` or `T x(s)` in a template, s a name: x is a copy of s, so a
/// scalar x takes s's key, and an object s's keys (as copied() gives them).
template <class _Dt, class _Tp, class _Sp>
inline void bracedScalar(const _Tp &__x, unsigned __n, const bytedmd_location *__at,
                         const _Sp &__s) {
  using _Up = std::remove_cv_t<_Tp>;
  if constexpr (std::is_reference_v<_Dt>) {
    return;
  } else if constexpr (detail::__keyed_v<_Up> && detail::__keyed_v<std::remove_cv_t<_Sp>>) {
    // (a std::complex built from a scalar is an instruction: reported below)
    detail::__store(__x, detail::__load(__s));
  } else if constexpr (std::is_class_v<_Up> && std::is_same_v<_Up, std::remove_cv_t<_Sp>>) {
    // x is built: its elements take s's keys as a copy's do (copied()).
    ::bytedmd::copyKeys(const_cast<_Up &>(__x), __s);
  } else {
    ::bytedmd::bracedScalar<_Dt>(__x, __n, __at);
  }
}

/// A lambda's capture by value: `[x, bytedmd_k_x = keyOf(x)]` keeps x's key
/// at the capture beside the closure's copy, and the body's
/// `bindCapture(x, bytedmd_k_x)` gives it to that copy.
template <class _Tp> inline bytedmd_key keyOf(const _Tp &__x) {
  if constexpr (detail::__arithmetic_v<_Tp>)
    return detail::__load(__x);
  else
    return 0;
}
template <class _Tp> inline void bindCapture(const _Tp &__copy, bytedmd_key __k) {
  if constexpr (detail::__arithmetic_v<_Tp>)
    detail::__store(__copy, __k);
}

/// A value converted to T (a cast): same key.
template <class _Tp, class _Xp> inline auto cvt(_Xp &&__x) {
  if constexpr (detail::__arithmetic_v<_Tp> && detail::__tracked_v<_Xp>)
    return detail::_Tracked<_Tp>{static_cast<_Tp>(__x.__v), __x.__k};
  else
    return static_cast<_Tp>(detail::__value_of(std::forward<_Xp>(__x)));
}

} // namespace bytedmd

#endif // BYTEDMD_DETAIL_VALUES_HPP
