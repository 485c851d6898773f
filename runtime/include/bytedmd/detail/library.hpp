// bytedmd/detail/library.hpp - the standard library's element copies, and C allocation, with their keys.
//
// std::copy, std::fill and std::swap copy values the tool cannot see inside
// the library: the rewrite calls these instead, which copy each element and
// its key (free under the model). A block from malloc may hold keys of an
// earlier block at the same address: it starts with none. Before and after,
// for `std::copy(x.begin(), x.end(), b.begin()); double *p = (double *)malloc(64);`:
//
//   ::bytedmd::copy(x.begin(), x.end(), b.begin());
//   double *p = (double *)::bytedmd::malloc(64);
#ifndef BYTEDMD_DETAIL_LIBRARY_HPP
#define BYTEDMD_DETAIL_LIBRARY_HPP

#include "bytedmd/detail/containers.hpp"

#include <cstddef>
#include <cstdlib>
#include <malloc.h>
#include <type_traits>
#include <utility>

namespace bytedmd {

/// std::copy and std::move (the algorithm), forward, element by element.
template <class In, class Out> inline Out copy(In first, In last, Out out) {
  for (; first != last; ++first, ++out) {
    const bytedmd_key k = detail::keyAt(*first);
    *out = *first;
    detail::storeKey(*out, k);
  }
  return out;
}
template <class In, class Out> inline Out move(In first, In last, Out out) {
  return bytedmd::copy(first, last, out);
}
template <class In, class N, class Out> inline Out copy_n(In first, N n, Out out) {
  for (auto i = escape(n); i > 0; --i, ++first, ++out) {
    const bytedmd_key k = detail::keyAt(*first);
    *out = *first;
    detail::storeKey(*out, k);
  }
  return out;
}
/// std::fill: every element becomes a copy of value, with its key.
template <class It, class X> inline void fill(It first, It last, X &&value) {
  const bytedmd_key k = detail::key(value);
  for (; first != last; ++first) {
    *first = detail::val(value);
    detail::storeKey(*first, k);
  }
}
template <class It, class N, class X> inline It fill_n(It first, N n, X &&value) {
  const bytedmd_key k = detail::key(value);
  for (auto i = escape(n); i > 0; --i, ++first) {
    *first = detail::val(value);
    detail::storeKey(*first, k);
  }
  return first;
}
/// std::swap: the values trade places and keys.
template <class T> inline void swap(T &a, T &b) {
  using TT = std::remove_cv_t<T>;
  if constexpr (std::is_arithmetic_v<TT>) {
    const bytedmd_key ka = detail::keyAt(a), kb = detail::keyAt(b);
    std::swap(a, b);
    detail::storeKey(a, kb);
    detail::storeKey(b, ka);
  } else if constexpr (detail::IsVector<TT>::value) {
    a.swap(b); // the buffers trade owners: keys stay with their elements
  } else {
    TT t(a);
    copyKeys(t, a);
    a = b;
    copyKeys(a, b);
    b = t;
    copyKeys(b, t);
    forget(t);
  }
}

// C allocation: fresh blocks hold no keys, freed blocks forget theirs.

inline void *malloc(std::size_t n) {
  void *p = std::malloc(n);
  if (p != nullptr)
    bytedmd_shadow_forget(p, malloc_usable_size(p));
  return p;
}
inline void *calloc(std::size_t count, std::size_t size) {
  void *p = std::calloc(count, size);
  if (p != nullptr)
    bytedmd_shadow_forget(p, malloc_usable_size(p));
  return p;
}
inline void free(void *p) {
  if (p != nullptr)
    bytedmd_shadow_forget(p, malloc_usable_size(p));
  std::free(p);
}
/// realloc keeps the values, so the keys move with them when the block does.
inline void *realloc(void *p, std::size_t n) {
  const std::size_t old = p != nullptr ? malloc_usable_size(p) : 0;
  void *q = std::realloc(p, n);
  if (q != nullptr && q != p && p != nullptr) {
    bytedmd_shadow_copy(q, p, old < n ? old : n);
    bytedmd_shadow_forget(p, old);
  }
  return q;
}

} // namespace bytedmd

#endif // BYTEDMD_DETAIL_LIBRARY_HPP
