// bytedmd/detail/object_vectors.hpp - push_back and emplace_back on a vector of the program's classes.
//
// The library copies (or builds) the new element where the tool cannot see,
// and a reallocation moves the old ones: the keys follow beside it, value by
// value (row-major, as __for_each_element walks an object). Before and after,
// for `std::vector<S1> v; v.push_back(s); v.emplace_back(a);`:
//
//   ::bytedmd::pushObject(v, s);
//   ::bytedmd::emplaceObject(v, ::bytedmd::seq{::bytedmd::ld(a)});
//
// and std::make_unique<T>(a) (constructThrough) the same way as emplaceObject.
#ifndef BYTEDMD_DETAIL_OBJECT_VECTORS_HPP
#define BYTEDMD_DETAIL_OBJECT_VECTORS_HPP

#include "bytedmd/detail/frame.hpp"

#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace bytedmd {
namespace detail {

template <class... _Ap> struct _First_of {
  using type = void;
};
template <class _Ap, class... _Bp> struct _First_of<_Ap, _Bp...> {
  using type = _Ap;
};

/// The keys of x's values, row-major.
template <class _Xp> inline std::vector<bytedmd_key> __object_keys(const _Xp &__x) {
  std::vector<bytedmd_key> __keys;
  __for_each_element(__x, [&](const auto &__e) { __keys.push_back(__load(__e)); });
  return __keys;
}
/// Gives x's values the keys from __keys[__first], row-major; returns where it stopped.
template <class _Xp>
inline std::size_t __give_keys(_Xp &__x, const std::vector<bytedmd_key> &__keys,
                               std::size_t __first) {
  __for_each_element(__x, [&](auto &__e) {
    __store(__e, __first < __keys.size() ? __keys[__first] : 0);
    ++__first;
  });
  return __first;
}

/// v grows by one element through __add; the old elements keep their keys
/// when it reallocates (the old block is freed, and its keys with it, before
/// anything could copy them: they are read first).
template <class _Vec, class _Add> inline void __grow_by_one(_Vec &__v, _Add &&__add) {
  if (__v.size() < __v.capacity()) {
    __add();
    return;
  }
  const std::size_t __n = __v.size();
  const std::vector<bytedmd_key> __keys = __object_keys(__v);
  __add();
  std::size_t __at = 0;
  for (std::size_t __i = 0; __i < __n; ++__i)
    __at = __give_keys(__v[__i], __keys, __at);
}

} // namespace detail

/// `v.push_back(x)` (or `v.emplace_back(x)` of x's own type): the new
/// element is a copy of x, keys and all. A value a construction or a call
/// built left its keys in the handoff: x takes them first.
template <class _Vec, class _Xp> inline void pushObject(_Vec &__v, _Xp &&__x) {
  if constexpr (!std::is_lvalue_reference_v<_Xp>)
    ::bytedmd::receive(__x);
  // (read before the push: x may be an element of v, which growth frees)
  const std::vector<bytedmd_key> __keys = detail::__object_keys(__x);
  detail::__grow_by_one(__v, [&] { __v.push_back(std::forward<_Xp>(__x)); });
  detail::__give_keys(__v.back(), __keys, 0);
}

/// `std::make_unique<T>(a, b)`: the library calls T's instrumented
/// constructor, which finds the arguments' keys in a construction record of
/// T, open while __f runs (as construct's).
template <class _Tp, class... _Ap, class _Fn>
inline decltype(auto) constructThrough(seq<_Ap...> &&__s, _Fn &&__f) {
  detail::_Construction __c;
  __c.__count = 0;
  std::apply(
      [&](auto &&...__a) {
        (detail::__record_argument<std::remove_reference_t<decltype(__a)>,
                                   std::is_lvalue_reference_v<decltype(__a)>>(__c, __a),
         ...);
      },
      __s.__items);
  detail::__open_construction(__c, &detail::__type_tag<std::remove_cv_t<_Tp>>);
  struct _Pop {
    ~_Pop() { --detail::__constructions.__depth; }
  } __pop;
  return std::apply(
      [&](auto &&...__a) -> decltype(auto) {
        return __f(detail::__value_of(static_cast<decltype(__a) &&>(__a))...);
      },
      std::move(__s.__items));
}

/// `T(a)`, `T(a, b)` or `T{a}` in a template, T known per instantiation: an
/// arithmetic T is a conversion (the same key); a copy of the program's
/// class keeps the source's keys; any other of its classes is built by its
/// instrumented constructor (construct). A library class built from tracked
/// values is not modeled: they escape (a read each), and the measurement is
/// approximate.
template <class _Tp, bool _Braced = false, class... _Ap>
inline auto build(seq<_Ap...> &&__s, const bytedmd_location *__where) {
  using _Dp = std::remove_cv_t<_Tp>;
  using _First = std::remove_cv_t<std::remove_reference_t<typename detail::_First_of<_Ap...>::type>>;
  if constexpr (detail::__arithmetic_v<_Dp> && sizeof...(_Ap) == 1) {
    auto &&__x = std::get<0>(__s.__items);
    return ::bytedmd::cvt<_Dp>(static_cast<decltype(__x) &&>(__x));
  } else if constexpr (std::is_class_v<_Dp> && sizeof...(_Ap) == 1 && std::is_same_v<_First, _Dp>) {
    auto &&__x = std::get<0>(__s.__items);
    if constexpr (!std::is_lvalue_reference_v<typename detail::_First_of<_Ap...>::type>)
      ::bytedmd::receive(__x);
    _Dp __copy(static_cast<decltype(__x) &&>(__x));
    ::bytedmd::copyKeys(__copy, __x);
    detail::__hand_over(__copy);
    return __copy;
  } else if constexpr (detail::__has_fields_v<_Dp> || sizeof...(_Ap) == 0) {
    return ::bytedmd::construct<_Dp, _Braced>(std::move(__s));
  } else {
    const bool __tracked = std::apply(
        [](const auto &...__a) { return (detail::__tracked_v<decltype(__a)> || ...); }, __s.__items);
    if (__tracked)
      bytedmd_diagnostic(__where, "bytedmd: a template's construction of a library type from "
                                  "tracked values is not modeled (its values escape); the "
                                  "measurement is approximate");
    return std::apply(
        [](auto &&...__a) -> _Dp {
          if constexpr (_Braced)
            return _Dp{::bytedmd::escape(static_cast<decltype(__a) &&>(__a))...};
          else
            return _Dp(::bytedmd::escape(static_cast<decltype(__a) &&>(__a))...);
        },
        std::move(__s.__items));
  }
}

/// `: v(x)` in a class template, v's type T known per instantiation: a
/// class T built from a value of another type goes through T's constructor
/// with a construction record (as construct); anything else is init.
template <class _Tp, class _Xp> inline _Tp initMember(_Tp *__at, _Xp &&__x) {
  using _Up = std::remove_cv_t<_Tp>;
  using _Vp = std::remove_cv_t<
      std::remove_reference_t<decltype(detail::__value_of(std::declval<_Xp>()))>>;
  if constexpr (std::is_class_v<_Up> && !std::is_same_v<_Vp, _Up>) {
    if constexpr (detail::__handed_over_v<_Up> && std::is_trivially_copyable_v<_Up>) {
      // It may come back in registers: v takes the keys before its bytes arrive.
      _Up __v = ::bytedmd::construct<_Up>(seq<_Xp &&>{std::forward<_Xp>(__x)});
      ::bytedmd::receive(__v);
      bytedmd_shadow_copy(const_cast<_Up *>(__at), std::addressof(__v), sizeof(_Up));
      return __v;
    } else {
      return ::bytedmd::construct<_Up>(seq<_Xp &&>{std::forward<_Xp>(__x)});
    }
  } else {
    return ::bytedmd::init(__at, std::forward<_Xp>(__x));
  }
}

/// `v.emplace_back(a, b)` building the element with its class's instrumented
/// constructor: the arguments' keys wait in a construction record of the
/// element's class while the library calls that constructor (as construct).
template <class _Vec, class... _Ap>
inline typename _Vec::reference emplaceObject(_Vec &__v, seq<_Ap...> &&__s) {
  using _Tp = typename _Vec::value_type;
  detail::__grow_by_one(__v, [&] {
    ::bytedmd::constructThrough<_Tp>(std::move(__s), [&](auto &&...__a) {
      __v.emplace_back(static_cast<decltype(__a) &&>(__a)...);
    });
  });
  return __v.back();
}

} // namespace bytedmd

#endif // BYTEDMD_DETAIL_OBJECT_VECTORS_HPP
