// bytedmd/detail/containers.hpp - containers: key copies between objects, and the std::vector members that move elements.
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

#include <array>
#include <cstddef>
#include <iterator>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace bytedmd {
namespace detail {

template <class T> struct IsVector : std::false_type {};
template <class T, class A> struct IsVector<std::vector<T, A>> : std::true_type {};
template <class T> struct IsStdArray : std::false_type {};
template <class T, std::size_t N> struct IsStdArray<std::array<T, N>> : std::true_type {};
template <class T> struct IsTupleLike : std::false_type {};
template <class A, class B> struct IsTupleLike<std::pair<A, B>> : std::true_type {};
template <class... A> struct IsTupleLike<std::tuple<A...>> : std::true_type {};

/// Calls f on every arithmetic element of x, in row-major order.
template <class X, class F> inline void forEachElement(X &x, F &&f) {
  using D = std::remove_cv_t<X>;
  if constexpr (std::is_arithmetic_v<D>) {
    f(x);
  } else if constexpr (std::is_array_v<D> || IsVector<D>::value || IsStdArray<D>::value) {
    for (auto &e : x)
      forEachElement(e, f);
  } else if constexpr (IsTupleLike<D>::value) {
    std::apply([&](auto &...e) { (forEachElement(e, f), ...); }, x);
  }
}

/// A class whose copy is a copy of its bytes: its keys can be copied slot by
/// slot (structs of arithmetic fields, std::pair<double, int>, ...).
template <class T>
constexpr bool isByteCopied = std::is_class_v<T> &&std::is_trivially_copyable_v<T> &&
                              !IsVector<T>::value && !IsStdArray<T>::value;

/// The key an element holds (0 for anything that is not arithmetic).
template <class E> inline bytedmd_key keyAt(const E &e) {
  if constexpr (isArithmetic<E>)
    return bytedmd_load(&e, bits(e));
  else
    return 0;
}

/// Gives an arithmetic lvalue a key (anything else is left alone).
template <class L> inline void storeKey(L &lhs, bytedmd_key k) {
  if constexpr (isArithmetic<L>)
    bytedmd_store(&lhs, k, bits(lhs));
}

/// Marks the keys x holds (its elements, or a struct's fields) as results.
template <class X> inline void markResults(const X &x) {
  using XT = std::remove_cv_t<X>;
  if constexpr (std::is_arithmetic_v<XT>) {
    const bytedmd_key k = bytedmd_shadow_load(&x, bits(x));
    bytedmd_results(&k, 1);
  } else if constexpr (IsVector<XT>::value || IsStdArray<XT>::value || std::is_array_v<XT>) {
    for (const auto &e : x)
      markResults(e);
  } else if constexpr (IsTupleLike<XT>::value) {
    std::apply([](const auto &...e) { (markResults(e), ...); }, x);
  } else if constexpr (std::is_class_v<XT>) {
    bytedmd_shadow_results(&x, sizeof(XT));
  }
}

/// The keys of v's elements, in order.
template <class Vec> inline std::vector<bytedmd_key> keysOf(const Vec &v) {
  std::vector<bytedmd_key> keys;
  keys.reserve(v.size());
  for (const auto &e : v)
    keys.push_back(keyAt(e));
  return keys;
}
/// Gives v's elements the keys in order (after the vector moved them).
template <class Vec> inline void setKeys(Vec &v, const std::vector<bytedmd_key> &keys) {
  for (std::size_t i = 0; i < v.size() && i < keys.size(); ++i)
    storeKey(v[i], keys[i]);
}

} // namespace detail

/// Copies the keys of src's elements to dst's (after a library copy).
template <class D, class S> inline void copyKeys(D &dst, const S &src) {
  using DT = std::remove_cv_t<D>;
  if constexpr (std::is_arithmetic_v<DT>) {
    bytedmd_store(&dst, bytedmd_load(&src, detail::bits(src)), detail::bits(dst));
  } else if constexpr (detail::IsVector<DT>::value || detail::IsStdArray<DT>::value ||
                       std::is_array_v<DT>) {
    auto d = std::begin(dst);
    for (auto s = std::begin(src); s != std::end(src) && d != std::end(dst); ++s, ++d)
      copyKeys(*d, *s);
  } else if constexpr (detail::IsTupleLike<DT>::value && std::is_same_v<DT, std::remove_cv_t<S>>) {
    std::apply(
        [&](auto &...d) { std::apply([&](const auto &...s) { (copyKeys(d, s), ...); }, src); },
        dst);
  } else if constexpr (detail::isByteCopied<DT> && std::is_same_v<DT, std::remove_cv_t<S>>) {
    bytedmd_shadow_copy(const_cast<DT *>(&dst), &src, sizeof(DT));
  }
}

/// A container constructed from an lvalue (`std::vector<double> b = a;`):
/// binds the copy's keys after the declaration.
template <class D, class S> inline void copied(D &dst, const S &src) { copyKeys(dst, src); }

/// Forgets the keys held in x's own bytes (a fresh local: the stack may hold
/// keys of an earlier frame). A vector's elements live on the heap.
template <class X> inline void forget(X &x) {
  if constexpr (!detail::IsVector<std::remove_cv_t<X>>::value)
    bytedmd_shadow_forget(&x, sizeof(X));
}

/// `v.push_back(x)` and `v.emplace_back(x)` on a vector of arithmetic values:
/// the new element takes x's key; a reallocation moves every key along.
template <class Vec, class X> inline void pushBack(Vec &v, X &&x) {
  using T = typename Vec::value_type;
  const bytedmd_key k = detail::key(x);
  if (v.size() < v.capacity() || !std::is_arithmetic_v<T>) {
    v.push_back(detail::val(std::forward<X>(x)));
  } else {
    // Growth frees the old elements (and so their keys) before we could copy
    // them: read the keys first. Amortised O(1) per element, as growth is.
    static thread_local std::vector<bytedmd_key> keys;
    keys.resize(v.size());
    for (std::size_t i = 0; i < v.size(); ++i)
      keys[i] = bytedmd_load(&v[i], detail::bits(v[i]));
    v.push_back(detail::val(std::forward<X>(x)));
    for (std::size_t i = 0; i + 1 < v.size(); ++i)
      bytedmd_store(&v[i], keys[i], detail::bits(v[i]));
  }
  if constexpr (std::is_arithmetic_v<T>)
    bytedmd_store(&v.back(), k, detail::bits(v.back()));
}

/// v.insert(pos, x) and v.insert(pos, n, x).
template <class Vec, class It, class X> inline auto vinsert(Vec &v, It pos, X &&x) {
  const std::size_t at = std::size_t(pos - v.cbegin());
  std::vector<bytedmd_key> keys = detail::keysOf(v);
  keys.insert(keys.begin() + std::ptrdiff_t(at), detail::key(x));
  auto r = v.insert(v.begin() + std::ptrdiff_t(at), detail::val(std::forward<X>(x)));
  detail::setKeys(v, keys);
  return r;
}
template <class Vec, class It, class N, class X> inline auto vinsert(Vec &v, It pos, N n, X &&x) {
  const std::size_t at = std::size_t(pos - v.cbegin());
  const std::size_t count = std::size_t(escape(n));
  std::vector<bytedmd_key> keys = detail::keysOf(v);
  keys.insert(keys.begin() + std::ptrdiff_t(at), count, detail::key(x));
  auto r = v.insert(v.begin() + std::ptrdiff_t(at), count, detail::val(std::forward<X>(x)));
  detail::setKeys(v, keys);
  return r;
}
/// v.insert(pos, first, last) from another range.
template <class Vec, class It, class In>
inline auto vinsertRange(Vec &v, It pos, In first, In last) {
  const std::size_t at = std::size_t(pos - v.cbegin());
  std::vector<bytedmd_key> keys = detail::keysOf(v), added;
  for (In i = first; i != last; ++i)
    added.push_back(detail::keyAt(*i));
  keys.insert(keys.begin() + std::ptrdiff_t(at), added.begin(), added.end());
  auto r = v.insert(v.begin() + std::ptrdiff_t(at), first, last);
  detail::setKeys(v, keys);
  return r;
}
/// v.assign(n, x) and v.assign(first, last).
template <class Vec, class N, class X> inline void vassign(Vec &v, N n, X &&x) {
  const std::size_t count = std::size_t(escape(n));
  const bytedmd_key k = detail::key(x);
  v.assign(count, detail::val(std::forward<X>(x)));
  detail::setKeys(v, std::vector<bytedmd_key>(count, k));
}
template <class Vec, class In> inline void vassignRange(Vec &v, In first, In last) {
  std::vector<bytedmd_key> keys;
  for (In i = first; i != last; ++i)
    keys.push_back(detail::keyAt(*i));
  v.assign(first, last);
  detail::setKeys(v, keys);
}
/// v.resize(n) and v.resize(n, x): new elements are copies of x (or untracked).
template <class Vec, class N> inline void vresize(Vec &v, N n) {
  const std::size_t count = std::size_t(escape(n));
  std::vector<bytedmd_key> keys = detail::keysOf(v);
  keys.resize(count, 0);
  v.resize(count);
  detail::setKeys(v, keys);
}
template <class Vec, class N, class X> inline void vresize(Vec &v, N n, X &&x) {
  const std::size_t count = std::size_t(escape(n));
  std::vector<bytedmd_key> keys = detail::keysOf(v);
  keys.resize(count, detail::key(x));
  v.resize(count, detail::val(std::forward<X>(x)));
  detail::setKeys(v, keys);
}
/// v.erase(pos) and v.erase(first, last): the elements after move down.
template <class Vec, class It> inline auto verase(Vec &v, It pos) {
  const std::size_t at = std::size_t(pos - v.cbegin());
  std::vector<bytedmd_key> keys = detail::keysOf(v);
  keys.erase(keys.begin() + std::ptrdiff_t(at));
  auto r = v.erase(v.begin() + std::ptrdiff_t(at));
  detail::setKeys(v, keys);
  return r;
}
template <class Vec, class It> inline auto verase(Vec &v, It first, It last) {
  const std::size_t a = std::size_t(first - v.cbegin()), b = std::size_t(last - v.cbegin());
  std::vector<bytedmd_key> keys = detail::keysOf(v);
  keys.erase(keys.begin() + std::ptrdiff_t(a), keys.begin() + std::ptrdiff_t(b));
  auto r = v.erase(v.begin() + std::ptrdiff_t(a), v.begin() + std::ptrdiff_t(b));
  detail::setKeys(v, keys);
  return r;
}

} // namespace bytedmd

#endif // BYTEDMD_DETAIL_CONTAINERS_HPP
