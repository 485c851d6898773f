// bytedmd/detail/library.hpp - standard-library element copies and C allocation, with keys.
//
// std::copy, std::fill, std::swap, memcpy and memmove copy values the tool
// cannot see inside the library: the rewrite calls these instead, which copy
// each element and its key (free under the model). A block from malloc may hold keys of an
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
template <class _In, class _Out> inline _Out copy(_In __first, _In __last, _Out __out) {
  for (; __first != __last; ++__first, ++__out) {
    const bytedmd_key __k = detail::__key_at(*__first);
    *__out = *__first;
    detail::__store_key(*__out, __k);
  }
  return __out;
}
template <class _In, class _Out> inline _Out move(_In __first, _In __last, _Out __out) {
  return ::bytedmd::copy(__first, __last, __out);
}
template <class _In, class _Np, class _Out> inline _Out copy_n(_In __first, _Np __n, _Out __out) {
  for (auto __i = ::bytedmd::escape(__n); __i > 0; --__i, ++__first, ++__out) {
    const bytedmd_key __k = detail::__key_at(*__first);
    *__out = *__first;
    detail::__store_key(*__out, __k);
  }
  return __out;
}
/// std::fill: every element becomes a copy of value, with its key.
template <class _It, class _Xp> inline void fill(_It __first, _It __last, _Xp &&__value) {
  const bytedmd_key __k = detail::__key_of(__value);
  for (; __first != __last; ++__first) {
    *__first = detail::__value_of(__value);
    detail::__store_key(*__first, __k);
  }
}
template <class _It, class _Np, class _Xp> inline _It fill_n(_It __first, _Np __n, _Xp &&__value) {
  const bytedmd_key __k = detail::__key_of(__value);
  for (auto __i = ::bytedmd::escape(__n); __i > 0; --__i, ++__first) {
    *__first = detail::__value_of(__value);
    detail::__store_key(*__first, __k);
  }
  return __first;
}
/// std::swap: the values trade places and keys.
template <class _Tp> inline void swap(_Tp &__a, _Tp &__b) {
  using _Tt = std::remove_cv_t<_Tp>;
  if constexpr (detail::__arithmetic_v<_Tt>) {
    const bytedmd_key __ka = detail::__key_at(__a), __kb = detail::__key_at(__b);
    std::swap(__a, __b);
    detail::__store_key(__a, __kb);
    detail::__store_key(__b, __ka);
  } else if constexpr (detail::_Is_vector<_Tt>::value) {
    __a.swap(__b); // the buffers trade owners: keys stay with their elements
  } else {
    _Tt __t(__a);
    ::bytedmd::copyKeys(__t, __a);
    __a = __b;
    ::bytedmd::copyKeys(__a, __b);
    __b = __t;
    ::bytedmd::copyKeys(__b, __t);
    bytedmd_shadow_forget(&__t, sizeof(__t)); // the temporary is gone
  }
}

// C allocation: a block allocated during a measurement is memory it created
// (calloc's zeros are written, untracked; malloc's bytes are not written at
// all); freed blocks forget their keys.

/// memcpy and memmove of tracked data: the bytes move, and their keys with
/// them (as an element-wise copy would); memset writes untracked values.
inline void *memmove(void *__to, const void *__from, std::size_t __n) {
  const char *__s = static_cast<const char *>(__from);
  char *__d = static_cast<char *>(__to);
  // Word by word, in the direction that survives an overlap.
  if (__d <= __s || __d >= __s + __n) {
    for (std::size_t __off = 0; __off < __n; __off += 4)
      bytedmd_shadow_copy(__d + __off, __s + __off, __n - __off < 4 ? __n - __off : 4);
  } else {
    for (std::size_t __off = (__n - 1) / 4 * 4 + 4; __off != 0;) {
      __off -= 4;
      bytedmd_shadow_copy(__d + __off, __s + __off, __n - __off < 4 ? __n - __off : 4);
    }
  }
  return __builtin_memmove(__to, __from, __n);
}
inline void *memcpy(void *__to, const void *__from, std::size_t __n) {
  return ::bytedmd::memmove(__to, __from, __n);
}
inline void *memset(void *__to, int __value, std::size_t __n) {
  void *__r = __builtin_memset(__to, __value, __n);
  bytedmd_shadow_created(__to, __n, BYTEDMD_CREATED_WRITTEN);
  return __r;
}

inline void *malloc(std::size_t __n) {
  void *__p = std::malloc(__n);
  if (__p != nullptr)
    bytedmd_shadow_created(__p, malloc_usable_size(__p), BYTEDMD_CREATED_FRESH);
  return __p;
}
inline void *calloc(std::size_t __count, std::size_t __size) {
  void *__p = std::calloc(__count, __size);
  if (__p != nullptr)
    bytedmd_shadow_created(__p, malloc_usable_size(__p), BYTEDMD_CREATED_ZEROED);
  return __p;
}
inline void *aligned_alloc(std::size_t __alignment, std::size_t __n) {
  void *__p = std::aligned_alloc(__alignment, __n);
  if (__p != nullptr)
    bytedmd_shadow_created(__p, malloc_usable_size(__p), BYTEDMD_CREATED_FRESH);
  return __p;
}
inline int posix_memalign(void **__out, std::size_t __alignment, std::size_t __n) {
  const int __status = ::posix_memalign(__out, __alignment, __n);
  if (__status == 0 && *__out != nullptr)
    bytedmd_shadow_created(*__out, malloc_usable_size(*__out), BYTEDMD_CREATED_FRESH);
  return __status;
}
inline void free(void *__p) {
  if (__p != nullptr)
    bytedmd_shadow_forget(__p, malloc_usable_size(__p));
  std::free(__p);
}
/// `new T[n]()`, `new P{}`: a block the compiler initialised with untracked
/// values (the runtime's operator new returned the block's start).
template <class _Tp> inline _Tp *initialisedBlock(_Tp *__p) {
  if (__p != nullptr)
    bytedmd_shadow_created(__p, malloc_usable_size(const_cast<std::remove_cv_t<_Tp> *>(__p)),
                           BYTEDMD_CREATED_WRITTEN);
  return __p;
}

/// realloc keeps the values, so the keys move with them when the block does.
inline void *realloc(void *__p, std::size_t __n) {
  const std::size_t __old = __p != nullptr ? malloc_usable_size(__p) : 0;
  void *__q = std::realloc(__p, __n);
  if (__q != nullptr && __q != __p) {
    bytedmd_shadow_created(__q, malloc_usable_size(__q), BYTEDMD_CREATED_FRESH);
    if (__p != nullptr) {
      bytedmd_shadow_copy(__q, __p, __old < __n ? __old : __n);
      bytedmd_shadow_forget(__p, __old);
    }
  } else if (__q != nullptr && __n > __old) {
    bytedmd_shadow_created(static_cast<char *>(__q) + __old, __n - __old,
                           BYTEDMD_CREATED_FRESH); // grew in place
  }
  return __q;
}

} // namespace bytedmd

#endif // BYTEDMD_DETAIL_LIBRARY_HPP
