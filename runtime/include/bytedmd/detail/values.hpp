// bytedmd/detail/values.hpp - tracked values, and the loads and stores that move their keys.
//
// A tracked arithmetic value travels as detail::V<T>{value, key}; memory holds
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
#include <tuple>
#include <type_traits>
#include <utility>

namespace bytedmd {
namespace detail {

/// A tracked arithmetic value: the value and its key.
template <class T> struct V {
  T v;
  bytedmd_key k;
};

template <class T> struct IsV : std::false_type {};
template <class T> struct IsV<V<T>> : std::true_type {};
template <class T> constexpr bool isV = IsV<std::decay_t<T>>::value;

template <class T>
constexpr bool isArithmetic = std::is_arithmetic_v<std::remove_cv_t<std::remove_reference_t<T>>>;

/// The plain value of an operand, tracked or not.
template <class T> constexpr decltype(auto) val(T &&x) {
  if constexpr (isV<T>)
    return (std::forward<T>(x).v);
  else
    return std::forward<T>(x);
}
/// The key of an operand; 0 for an untracked one.
template <class T> constexpr bytedmd_key key(const T &x) {
  if constexpr (isV<T>)
    return x.k;
  else
    return 0;
}

/// The bits the shadow map keeps beside a key, to notice foreign writes.
template <class T> inline std::uint64_t bits(const T &x) {
  std::uint64_t b = 0;
  std::memcpy(&b, &x, sizeof(T) < 8 ? sizeof(T) : 8);
  return b;
}

} // namespace detail

/// Operands in source order. Build it as `seq{a, b}`: the elements of a
/// braced list are evaluated left to right, also when it calls a constructor
/// ([dcl.init.list]/4).
template <class... T> struct seq {
  seq(T... x) : items(static_cast<T>(x)...) {}
  std::tuple<T...> items;
};
template <class... T> seq(T &&...) -> seq<T &&...>;

/// A load: an arithmetic lvalue becomes a V with the key its location holds.
/// Anything else passes through unchanged.
template <class T> inline decltype(auto) ld(T &&x) {
  using D = std::remove_cv_t<std::remove_reference_t<T>>;
  if constexpr (detail::isV<T>) {
    return std::forward<T>(x);
  } else if constexpr (std::is_arithmetic_v<D> && std::is_lvalue_reference_v<T>) {
    return detail::V<D>{x, bytedmd_load(&x, detail::bits(x))};
  } else if constexpr (std::is_arithmetic_v<D>) {
    return detail::V<D>{x, 0};
  } else {
    return std::forward<T>(x);
  }
}

/// `lhs = x`: a copy, free; lhs takes x's key.
template <class L, class X> inline L &set(L &lhs, X &&x) {
  lhs = detail::val(std::forward<X>(x));
  if constexpr (detail::isArithmetic<L>)
    bytedmd_store(&lhs, detail::key(x), detail::bits(lhs));
  return lhs;
}

/// `T v = x;` as `T v = init(&v, x);`: v takes x's key.
template <class T, class X> inline T init(T *at, X &&x) {
  T v = static_cast<T>(detail::val(std::forward<X>(x)));
  if constexpr (detail::isArithmetic<T>)
    bytedmd_store(at, detail::key(x), detail::bits(v));
  return v;
}

/// A value converted to T (a cast): same key.
template <class T, class X> inline auto cvt(X &&x) {
  if constexpr (detail::isArithmetic<T> && detail::isV<X>)
    return detail::V<T>{static_cast<T>(x.v), x.k};
  else
    return static_cast<T>(detail::val(std::forward<X>(x)));
}

} // namespace bytedmd

#endif // BYTEDMD_DETAIL_VALUES_HPP
