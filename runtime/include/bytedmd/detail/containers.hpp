// bytedmd/detail/containers.hpp - key copies between objects; std::vector members that move.
//
// A copy keeps its values' keys (semantics.md, "Copies are free"), but a
// library copy of a container (a copy constructor, v.insert, a reallocation)
// moves bytes the tool does not see: the keys are copied beside it, element
// by element. Before and after, for `std::vector<double> b = a; b.push_back(x);`:
//
//   std::vector<double> b = a; ::bytedmd::copied(b, a);
//   ::bytedmd::pushBack(b, ::bytedmd::ld(x));
//
// Elements are visited in row-major order: arrays, std::array, std::vector,
// std::pair and std::tuple, nested.
#ifndef BYTEDMD_DETAIL_CONTAINERS_HPP
#define BYTEDMD_DETAIL_CONTAINERS_HPP

#include "bytedmd/detail/instructions.hpp"

// std::begin and std::end come with <array> and <vector> ([iterator.range]);
// <iterator> itself breaks under a user's -Ds=1 (it pulls in operator""s).
#include <array>
#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace bytedmd {
namespace detail {

template <class _Tp> struct _Is_vector : std::false_type {};
template <class _Tp, class _Ap> struct _Is_vector<std::vector<_Tp, _Ap>> : std::true_type {};
template <class _Tp> struct _Is_std_array : std::false_type {};
template <class _Tp, std::size_t _Np>
struct _Is_std_array<std::array<_Tp, _Np>> : std::true_type {};
template <class _Tp> struct _Is_tuple_like : std::false_type {};
template <class _Ap, class _Bp> struct _Is_tuple_like<std::pair<_Ap, _Bp>> : std::true_type {};
template <class... _Ap> struct _Is_tuple_like<std::tuple<_Ap...>> : std::true_type {};


/// Calls f on every arithmetic element of x, in row-major order.
template <class _Xp, class _Fn> inline void __for_each_element(_Xp &__x, _Fn &&__f) {
  using _Dp = std::remove_cv_t<_Xp>;
  if constexpr (__arithmetic_v<_Dp>) {
    __f(__x);
  } else if constexpr (std::is_array_v<_Dp> || _Is_vector<_Dp>::value ||
                       _Is_std_array<_Dp>::value) {
    for (auto &__e : __x)
      __for_each_element(__e, __f);
  } else if constexpr (_Is_tuple_like<_Dp>::value) {
    std::apply([&](auto &...__e) { (__for_each_element(__e, __f), ...); }, __x);
  } else if constexpr (__has_fields_v<_Dp>) {
    _Dp::bytedmd_fields([&](const char *, auto &__e) { __for_each_element(__e, __f); }, __x);
  }
}

/// A class whose copy is a copy of its bytes: its keys can be copied slot by
/// slot (structs of arithmetic fields, std::pair<double, int>, ...).
template <class _Tp>
constexpr bool __byte_copied_v = std::is_class_v<_Tp> &&std::is_trivially_copyable_v<_Tp> &&
                                 !_Is_vector<_Tp>::value && !_Is_std_array<_Tp>::value;

/// The key an element holds (0 for anything that is not arithmetic).
template <class _Ep> inline bytedmd_key __key_at(const _Ep &__e) {
  if constexpr (__arithmetic_v<_Ep>)
    return __load(__e);
  else
    return 0;
}

/// Gives an arithmetic lvalue a key (anything else is left alone).
template <class _Lp> inline void __store_key(_Lp &__lhs, bytedmd_key __k) {
  if constexpr (__arithmetic_v<_Lp>)
    __store(__lhs, __k);
}

/// Marks the keys x holds (its elements, or a struct's fields) as results.
template <class _Xp> inline void __mark_results(const _Xp &__x) {
  using _Xt = std::remove_cv_t<_Xp>;
  if constexpr (__arithmetic_v<_Xt>) {
    const bytedmd_key __k = __shadow_load(__x);
    bytedmd_results(&__k, 1);
  } else if constexpr (_Is_vector<_Xt>::value || _Is_std_array<_Xt>::value ||
                       std::is_array_v<_Xt>) {
    for (const auto &__e : __x)
      __mark_results(__e);
  } else if constexpr (_Is_tuple_like<_Xt>::value) {
    std::apply([](const auto &...__e) { (__mark_results(__e), ...); }, __x);
  } else if constexpr (__has_fields_v<_Xt>) {
    _Xt::bytedmd_fields([](const char *, const auto &__e) { __mark_results(__e); }, __x);
  } else if constexpr (std::is_class_v<_Xt>) {
    bytedmd_shadow_results(&__x, sizeof(_Xt));
  }
}

/// The keys of v's elements, in order.
template <class _Vec> inline std::vector<bytedmd_key> __keys_of(const _Vec &__v) {
  std::vector<bytedmd_key> __keys;
  __keys.reserve(__v.size());
  for (const auto &__e : __v)
    __keys.push_back(__key_at(__e));
  return __keys;
}
/// Gives v's elements the keys in order (after the vector moved them).
template <class _Vec> inline void __set_keys(_Vec &__v, const std::vector<bytedmd_key> &__keys) {
  for (std::size_t __i = 0; __i < __v.size() && __i < __keys.size(); ++__i)
    __store_key(__v[__i], __keys[__i]);
}

} // namespace detail

/// Copies the keys of src's elements to dst's (after a library copy).
template <class _Dp, class _Sp> inline void copyKeys(_Dp &__dst, const _Sp &__src) {
  using _Dt = std::remove_cv_t<_Dp>;
  if constexpr (detail::__arithmetic_v<_Dt>) {
    detail::__store(__dst, detail::__load(__src));
  } else if constexpr (detail::_Is_vector<_Dt>::value || detail::_Is_std_array<_Dt>::value ||
                       std::is_array_v<_Dt>) {
    auto __d = std::begin(__dst);
    for (auto __s = std::begin(__src); __s != std::end(__src) && __d != std::end(__dst);
         ++__s, ++__d)
      ::bytedmd::copyKeys(*__d, *__s);
  } else if constexpr (detail::_Is_tuple_like<_Dt>::value &&
                       std::is_same_v<_Dt, std::remove_cv_t<_Sp>>) {
    std::apply(
        [&](auto &...__d) {
          std::apply([&](const auto &...__s) { (::bytedmd::copyKeys(__d, __s), ...); }, __src);
        },
        __dst);
  } else if constexpr (detail::__byte_copied_v<_Dt> && std::is_same_v<_Dt, std::remove_cv_t<_Sp>>) {
    bytedmd_shadow_copy(const_cast<_Dt *>(&__dst), &__src, sizeof(_Dt));
  } else if constexpr (detail::__has_fields_v<_Dt> && std::is_same_v<_Dt, std::remove_cv_t<_Sp>>) {
    _Dt::bytedmd_fields(
        [](const char *, auto &__d, const auto &__s) { ::bytedmd::copyKeys(__d, __s); }, __dst,
        __src);
  }
}

/// A base subobject of s, as const as s is (for the tool's field walkers).
template <class _Bp, class _Sp> inline auto &base(_Sp &__s) {
  if constexpr (std::is_const_v<_Sp>)
    return static_cast<const _Bp &>(__s);
  else
    return static_cast<_Bp &>(__s);
}

/// A container constructed from an lvalue (`std::vector<double> b = a;`):
/// binds the copy's keys after the declaration.
template <class _Dp, class _Sp> inline void copied(_Dp &__dst, const _Sp &__src) {
  ::bytedmd::copyKeys(__dst, __src);
}

/// A local struct or array declared without an initialiser: its bytes are
/// memory the measurement created (the stack may still hold keys of an
/// earlier frame, which must never come back). A vector's elements live on
/// the heap.
template <class _Xp> inline void forget(_Xp &__x) {
  if constexpr (!detail::_Is_vector<std::remove_cv_t<_Xp>>::value)
    bytedmd_shadow_created(&__x, sizeof(_Xp), BYTEDMD_CREATED_FRESH);
}

/// An object whose initialiser wrote every element with untracked values
/// (`P p{}`, `std::vector<double> v(n)`): its elements are written, with no
/// key, until rewritten code gives them one. Elements the C++ layer can walk
/// are written one by one, with their bits; a struct as a whole.
template <class _Xp> inline void written(_Xp &__x) {
  using _Xt = std::remove_cv_t<_Xp>;
  if constexpr (detail::__arithmetic_v<_Xt>) {
    detail::__store(__x, 0);
  } else if constexpr (detail::_Is_vector<_Xt>::value || detail::_Is_std_array<_Xt>::value ||
                       std::is_array_v<_Xt>) {
    for (auto &__e : __x)
      ::bytedmd::written(__e);
  } else if constexpr (detail::__has_fields_v<_Xt> && !std::is_trivially_copyable_v<_Xt>) {
    _Xt::bytedmd_fields([](const char *, auto &__e) { ::bytedmd::written(__e); }, __x);
  } else if constexpr (std::is_class_v<_Xt>) {
    bytedmd_shadow_created(&__x, sizeof(_Xp), BYTEDMD_CREATED_WRITTEN);
  }
}

/// `std::vector<T>(n)`: n value-initialised elements, written untracked.
template <class _Vp, class _Np> inline _Vp countConstruct(_Np __n) {
  _Vp __v(__n);
  ::bytedmd::written(__v);
  return __v;
}

/// `std::vector<T>(n, x)` and `std::vector<T> v(n, x)` (as
/// `v(fillConstruct<decltype(v)>(n, x))`): every element is a copy of x,
/// with x's keys.
template <class _Vp, class _Np, class _Xp> inline _Vp fillConstruct(_Np __n, _Xp &&__x) {
  _Vp __v(__n, detail::__value_of(__x));
  for (auto &__e : __v) {
    if constexpr (detail::__arithmetic_v<decltype(__e)>)
      detail::__store(__e, detail::__key_of(__x));
    else
      ::bytedmd::copyKeys(__e, detail::__value_of(__x));
  }
  return __v;
}

/// `std::vector<T> v(first, last)` (as `v = rangeConstruct<decltype(v)>(first,
/// last)`) and the temporary `std::vector<T>(first, last)`: every element is
/// a copy of the range's, with its key. A single-pass range carries none.
template <class _Vp, class _It> inline _Vp rangeConstruct(_It __first, _It __last) {
  _Vp __v(__first, __last);
  using _Category = typename std::iterator_traits<_It>::iterator_category;
  if constexpr (std::is_base_of_v<std::forward_iterator_tag, _Category>) {
    auto __d = __v.begin();
    for (_It __s = __first; __s != __last && __d != __v.end(); ++__s, ++__d)
      ::bytedmd::copyKeys(*__d, *__s);
  }
  return __v;
}

/// `v.push_back(x)` and `v.emplace_back(x)` on a vector of arithmetic values:
/// the new element takes x's key; a reallocation moves every key along.
template <class _Vec, class _Xp> inline void pushBack(_Vec &__v, _Xp &&__x) {
  using _Tp = typename _Vec::value_type;
  const bytedmd_key __k = detail::__key_of(__x);
  if (__v.size() < __v.capacity() || !detail::__arithmetic_v<_Tp>) {
    __v.push_back(detail::__value_of(std::forward<_Xp>(__x)));
  } else {
    // Growth frees the old elements (and so their keys) before we could copy
    // them: read the keys first. Amortised O(1) per element, as growth is.
    static thread_local std::vector<bytedmd_key> __keys;
    __keys.resize(__v.size());
    for (std::size_t __i = 0; __i < __v.size(); ++__i)
      __keys[__i] = detail::__load(__v[__i]);
    __v.push_back(detail::__value_of(std::forward<_Xp>(__x)));
    for (std::size_t __i = 0; __i + 1 < __v.size(); ++__i)
      detail::__store(__v[__i], __keys[__i]);
  }
  if constexpr (detail::__arithmetic_v<_Tp>)
    detail::__store(__v.back(), __k);
}

/// v.insert(pos, x) and v.insert(pos, n, x).
template <class _Vec, class _It, class _Xp> inline auto vinsert(_Vec &__v, _It __pos, _Xp &&__x) {
  const std::size_t __at = std::size_t(__pos - __v.cbegin());
  std::vector<bytedmd_key> __keys = detail::__keys_of(__v);
  __keys.insert(__keys.begin() + std::ptrdiff_t(__at), detail::__key_of(__x));
  auto __r =
      __v.insert(__v.begin() + std::ptrdiff_t(__at), detail::__value_of(std::forward<_Xp>(__x)));
  detail::__set_keys(__v, __keys);
  return __r;
}
template <class _Vec, class _It, class _Np, class _Xp>
inline auto vinsert(_Vec &__v, _It __pos, _Np __n, _Xp &&__x) {
  const std::size_t __at = std::size_t(__pos - __v.cbegin());
  const std::size_t __count = std::size_t(::bytedmd::escape(__n));
  std::vector<bytedmd_key> __keys = detail::__keys_of(__v);
  __keys.insert(__keys.begin() + std::ptrdiff_t(__at), __count, detail::__key_of(__x));
  auto __r = __v.insert(__v.begin() + std::ptrdiff_t(__at), __count,
                        detail::__value_of(std::forward<_Xp>(__x)));
  detail::__set_keys(__v, __keys);
  return __r;
}
/// v.insert(pos, first, last) from another range.
template <class _Vec, class _It, class _In>
inline auto vinsertRange(_Vec &__v, _It __pos, _In __first, _In __last) {
  const std::size_t __at = std::size_t(__pos - __v.cbegin());
  std::vector<bytedmd_key> __keys = detail::__keys_of(__v), __added;
  for (_In __i = __first; __i != __last; ++__i)
    __added.push_back(detail::__key_at(*__i));
  __keys.insert(__keys.begin() + std::ptrdiff_t(__at), __added.begin(), __added.end());
  auto __r = __v.insert(__v.begin() + std::ptrdiff_t(__at), __first, __last);
  detail::__set_keys(__v, __keys);
  return __r;
}
/// v.assign(n, x) and v.assign(first, last).
template <class _Vec, class _Np, class _Xp> inline void vassign(_Vec &__v, _Np __n, _Xp &&__x) {
  const std::size_t __count = std::size_t(::bytedmd::escape(__n));
  const bytedmd_key __k = detail::__key_of(__x);
  __v.assign(__count, detail::__value_of(std::forward<_Xp>(__x)));
  detail::__set_keys(__v, std::vector<bytedmd_key>(__count, __k));
}
template <class _Vec, class _In> inline void vassignRange(_Vec &__v, _In __first, _In __last) {
  std::vector<bytedmd_key> __keys;
  for (_In __i = __first; __i != __last; ++__i)
    __keys.push_back(detail::__key_at(*__i));
  __v.assign(__first, __last);
  detail::__set_keys(__v, __keys);
}
/// v.resize(n) and v.resize(n, x): new elements are copies of x (or untracked).
template <class _Vec, class _Np> inline void vresize(_Vec &__v, _Np __n) {
  const std::size_t __count = std::size_t(::bytedmd::escape(__n));
  std::vector<bytedmd_key> __keys = detail::__keys_of(__v);
  __keys.resize(__count, 0);
  __v.resize(__count);
  detail::__set_keys(__v, __keys);
}
template <class _Vec, class _Np, class _Xp> inline void vresize(_Vec &__v, _Np __n, _Xp &&__x) {
  const std::size_t __count = std::size_t(::bytedmd::escape(__n));
  std::vector<bytedmd_key> __keys = detail::__keys_of(__v);
  __keys.resize(__count, detail::__key_of(__x));
  __v.resize(__count, detail::__value_of(std::forward<_Xp>(__x)));
  detail::__set_keys(__v, __keys);
}
/// v.erase(pos) and v.erase(first, last): the elements after move down.
template <class _Vec, class _It> inline auto verase(_Vec &__v, _It __pos) {
  const std::size_t __at = std::size_t(__pos - __v.cbegin());
  std::vector<bytedmd_key> __keys = detail::__keys_of(__v);
  __keys.erase(__keys.begin() + std::ptrdiff_t(__at));
  auto __r = __v.erase(__v.begin() + std::ptrdiff_t(__at));
  detail::__set_keys(__v, __keys);
  return __r;
}
template <class _Vec, class _It> inline auto verase(_Vec &__v, _It __first, _It __last) {
  const std::size_t __a = std::size_t(__first - __v.cbegin()),
                    __b = std::size_t(__last - __v.cbegin());
  std::vector<bytedmd_key> __keys = detail::__keys_of(__v);
  __keys.erase(__keys.begin() + std::ptrdiff_t(__a), __keys.begin() + std::ptrdiff_t(__b));
  auto __r = __v.erase(__v.begin() + std::ptrdiff_t(__a), __v.begin() + std::ptrdiff_t(__b));
  detail::__set_keys(__v, __keys);
  return __r;
}

} // namespace bytedmd

#endif // BYTEDMD_DETAIL_CONTAINERS_HPP
