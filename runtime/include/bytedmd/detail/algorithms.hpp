// bytedmd/detail/algorithms.hpp - the standard algorithms, executed by the standard library on tracked data.
//
// An algorithm of <algorithm> or <numeric> over tracked elements runs as
// the library wrote it (semantics.md, "Standard algorithms"): its reads,
// arithmetic and comparisons, in its own order, become instructions because
// it runs on adaptors. The iterators yield references (_Ref) that load and
// store keys with the values; the values the algorithm holds (_Elem) carry
// their keys, and their operators are instructions; a comparison yields a
// _Truth, whose use as a condition is a truth read (as `if a < b:` is in the
// reference). A callable of the file's own is called as an instrumented
// call, so its parameters take the keys. Element copies and moves are free.
// Before and after, for `double s = std::accumulate(v.begin(), v.end(), 0.0);`:
//
//   double s = ::bytedmd::init(&s, ::bytedmd::unwrap(std::accumulate(
//       ::bytedmd::iter(v.begin()), ::bytedmd::iter(v.end()),
//       ::bytedmd::elem(0.0)), &bytedmd_loc_0));
//
// A library's comparisons and arithmetic on other types (iterators, sizes)
// are untouched: only element values are tracked.
#ifndef BYTEDMD_DETAIL_ALGORITHMS_HPP
#define BYTEDMD_DETAIL_ALGORITHMS_HPP

#include "bytedmd/detail/calls.hpp"
#include "bytedmd/detail/handoff.hpp"

#include <cstddef>
#include <type_traits>
#include <utility>
#include <vector> // std::iterator_traits ([iterator.range] comes with <vector>)

namespace bytedmd {
namespace detail {

template <class _Tp> struct _Elem;
template <class _Tp> class _Ref;

/// A comparison's result in an algorithm: reading it as a condition is a
/// truth read of its key.
struct _Truth {
  bool __v;
  bytedmd_key __k;
  operator bool() const { return ::bytedmd::truth(_Tracked<bool>{__v, __k}); }
};

/// A value an algorithm holds (its accumulator, a moved-out element).
template <class _Tp> struct _Elem {
  _Tp __v;
  bytedmd_key __k;
  _Elem() : __v(), __k(0) {}
  _Elem(_Tp __x, bytedmd_key __key) : __v(__x), __k(__key) {}
  template <class _Up, std::enable_if_t<std::is_arithmetic_v<_Up>, int> = 0>
  _Elem(_Up __x) : __v(static_cast<_Tp>(__x)), __k(0) {} // a literal: untracked
  // Another element type (std::plus<int>'s result into a double
  // accumulator): a conversion, free, the key kept.
  template <class _Up, std::enable_if_t<!std::is_same_v<_Up, _Tp>, int> = 0>
  _Elem(const _Elem<_Up> &__e) : __v(static_cast<_Tp>(__e.__v)), __k(__e.__k) {}
  template <class _Up> _Elem(const _Ref<_Up> &__r) {
    const _Elem<std::remove_cv_t<_Up>> __e = __r.__get();
    __v = static_cast<_Tp>(__e.__v);
    __k = __e.__k;
  }
};

/// An element, through an adapted iterator: assignment copies the value
/// with its key (free); conversion to _Elem loads the key.
template <class _Tp> class _Ref {
  using _Value = std::remove_cv_t<_Tp>;

public:
  explicit _Ref(_Tp *__p) : __p(__p) {}
  _Ref(const _Ref &) = default;
  _Elem<_Value> __get() const { return _Elem<_Value>(*__p, __load(*__p)); }
  const _Ref &operator=(const _Elem<_Value> &__e) const {
    *__p = __e.__v;
    __store(*__p, __e.__k);
    return *this;
  }
  const _Ref &operator=(const _Ref &__r) const { return *this = __r.__get(); }
  template <class _Up> const _Ref &operator=(const _Ref<_Up> &__r) const {
    const auto __e = __r.__get();
    return *this = _Elem<_Value>(static_cast<_Value>(__e.__v), __e.__k);
  }
  template <class _Up, std::enable_if_t<std::is_arithmetic_v<_Up>, int> = 0>
  const _Ref &operator=(_Up __x) const {
    return *this = _Elem<_Value>(static_cast<_Value>(__x), 0);
  }
  friend void swap(const _Ref &__a, const _Ref &__b) {
    const _Elem<_Value> __t = __a.__get();
    __a = __b.__get();
    __b = __t;
  }

private:
  _Tp *__p;
};

template <class _Tp> struct _Is_adapted : std::false_type {};
template <class _Tp> struct _Is_adapted<_Elem<_Tp>> : std::true_type {};
template <class _Tp> struct _Is_adapted<_Ref<_Tp>> : std::true_type {};
template <class _Tp> constexpr bool __adapted_v = _Is_adapted<std::decay_t<_Tp>>::value;

/// Any operand of an element operator as a tracked value.
template <class _Tp> inline _Tracked<_Tp> __tracked_operand(const _Elem<_Tp> &__e) {
  return {__e.__v, __e.__k};
}
template <class _Tp> inline auto __tracked_operand(const _Ref<_Tp> &__r) {
  const auto __e = __r.__get();
  return _Tracked<std::remove_cv_t<_Tp>>{__e.__v, __e.__k};
}
template <class _Xp, std::enable_if_t<std::is_arithmetic_v<_Xp>, int> = 0>
inline _Tracked<_Xp> __tracked_operand(const _Xp &__x) {
  return {__x, 0};
}

} // namespace detail

// The element operators: each one instruction over the tracked operands.
#define BYTEDMD_ALGORITHM_OPERATOR_(_Token, _Op, _Result)                                          \
  template <class _Ap, class _Bp,                                                                  \
            std::enable_if_t<detail::__adapted_v<_Ap> || detail::__adapted_v<_Bp>, int> = 0>     \
  inline auto operator _Token(const _Ap &__a, const _Bp &__b) {                                   \
    const auto __r = detail::__bin<_Op>(                                                           \
        seq{detail::__tracked_operand(__a), detail::__tracked_operand(__b)}, nullptr);            \
    return _Result{__r.__v, __r.__k};                                                              \
  }
#define BYTEDMD_ALGORITHM_ARITHMETIC_(_Token, _Op)                                                 \
  BYTEDMD_ALGORITHM_OPERATOR_(_Token, _Op, detail::_Elem<decltype(__r.__v)>)
#define BYTEDMD_ALGORITHM_COMPARISON_(_Token, _Op)                                                 \
  BYTEDMD_ALGORITHM_OPERATOR_(_Token, _Op, detail::_Truth)
namespace detail {
BYTEDMD_ALGORITHM_ARITHMETIC_(+, BYTEDMD_OP_ADD)
BYTEDMD_ALGORITHM_ARITHMETIC_(-, BYTEDMD_OP_SUB)
BYTEDMD_ALGORITHM_ARITHMETIC_(*, BYTEDMD_OP_MUL)
BYTEDMD_ALGORITHM_ARITHMETIC_(/, BYTEDMD_OP_DIV)
BYTEDMD_ALGORITHM_COMPARISON_(<, BYTEDMD_OP_LT)
BYTEDMD_ALGORITHM_COMPARISON_(<=, BYTEDMD_OP_LE)
BYTEDMD_ALGORITHM_COMPARISON_(>, BYTEDMD_OP_GT)
BYTEDMD_ALGORITHM_COMPARISON_(>=, BYTEDMD_OP_GE)
BYTEDMD_ALGORITHM_COMPARISON_(==, BYTEDMD_OP_EQ)
BYTEDMD_ALGORITHM_COMPARISON_(!=, BYTEDMD_OP_NE)

template <class _Tp, class _Xp> inline _Elem<_Tp> &operator+=(_Elem<_Tp> &__a, const _Xp &__b) {
  return __a = _Elem<_Tp>(__a + __b);
}
template <class _Tp, class _Xp> inline _Elem<_Tp> &operator-=(_Elem<_Tp> &__a, const _Xp &__b) {
  return __a = _Elem<_Tp>(__a - __b);
}
template <class _Tp, class _Xp> inline _Elem<_Tp> &operator*=(_Elem<_Tp> &__a, const _Xp &__b) {
  return __a = _Elem<_Tp>(__a * __b);
}
/// ++value (std::iota's): reads the value once, and it holds the new one.
template <class _Tp> inline _Elem<_Tp> &operator++(_Elem<_Tp> &__a) {
  __step<BYTEDMD_OP_ADD>(__a.__v);
  __a.__k = __unary(__sized<_Tp>(BYTEDMD_OP_ADD), __a.__k);
  return __a;
}
template <class _Tp> inline _Elem<_Tp> &operator--(_Elem<_Tp> &__a) {
  __step<BYTEDMD_OP_SUB>(__a.__v);
  __a.__k = __unary(__sized<_Tp>(BYTEDMD_OP_SUB), __a.__k);
  return __a;
}
} // namespace detail
#undef BYTEDMD_ALGORITHM_COMPARISON_
#undef BYTEDMD_ALGORITHM_ARITHMETIC_
#undef BYTEDMD_ALGORITHM_OPERATOR_

namespace detail {

/// An iterator over arithmetic elements, adapted: it dereferences to _Ref.
template <class _It> class _Iter {
  using _Traits = std::iterator_traits<_It>;
  using _Element = std::remove_reference_t<typename _Traits::reference>;

public:
  using iterator_category = typename _Traits::iterator_category;
  using value_type = _Elem<std::remove_cv_t<_Element>>;
  using difference_type = typename _Traits::difference_type;
  using reference = _Ref<_Element>;
  using pointer = void;

  _Iter() = default;
  explicit _Iter(_It __i) : __i(__i) {}
  _It base() const { return __i; }

  reference operator*() const { return reference(&*__i); }
  reference operator[](difference_type __n) const { return reference(&__i[__n]); }
  _Iter &operator++() { return ++__i, *this; }
  _Iter operator++(int) { return _Iter(__i++); }
  _Iter &operator--() { return --__i, *this; }
  _Iter operator--(int) { return _Iter(__i--); }
  _Iter &operator+=(difference_type __n) { return __i += __n, *this; }
  _Iter &operator-=(difference_type __n) { return __i -= __n, *this; }
  friend _Iter operator+(_Iter __a, difference_type __n) { return _Iter(__a.__i + __n); }
  friend _Iter operator+(difference_type __n, _Iter __a) { return _Iter(__a.__i + __n); }
  friend _Iter operator-(_Iter __a, difference_type __n) { return _Iter(__a.__i - __n); }
  friend difference_type operator-(const _Iter &__a, const _Iter &__b) { return __a.__i - __b.__i; }
  friend bool operator==(const _Iter &__a, const _Iter &__b) { return __a.__i == __b.__i; }
  friend bool operator!=(const _Iter &__a, const _Iter &__b) { return __a.__i != __b.__i; }
  friend bool operator<(const _Iter &__a, const _Iter &__b) { return __a.__i < __b.__i; }
  friend bool operator>(const _Iter &__a, const _Iter &__b) { return __a.__i > __b.__i; }
  friend bool operator<=(const _Iter &__a, const _Iter &__b) { return __a.__i <= __b.__i; }
  friend bool operator>=(const _Iter &__a, const _Iter &__b) { return __a.__i >= __b.__i; }

private:
  _It __i;
};

/// A callable of the file's own, handed to an algorithm: called as an
/// instrumented call, its arguments' keys travel with them; an arithmetic
/// result comes back as a value with its key (a bool as a _Truth). A
/// callable that may not be instrumented (a function pointer variable, a
/// std::function) is called through: when it was not, its tracked arguments
/// escaped and its result is approximate, reported at `__where`
/// (callThrough). An object of the file's own class (_Object) is called as
/// its method operator() is, the object first; its fields' keys follow every
/// copy the algorithm makes of it.
template <class _Fn, bool _Object = false> class _Callable {
public:
  explicit _Callable(_Fn __f) : __f(std::move(__f)) {}
  _Callable(_Fn __f, const bytedmd_location *__where, const char *__computed)
      : __f(std::move(__f)), __where(__where), __computed(__computed) {}
  _Callable(const _Fn &__src, std::true_type) : __f(__src) { ::bytedmd::copyKeys(__f, __src); }
  _Callable(const _Callable &__o) : __f(__o.__f), __where(__o.__where), __computed(__o.__computed) {
    if constexpr (_Object)
      ::bytedmd::copyKeys(__f, __o.__f);
  }
  _Callable &operator=(const _Callable &__o) {
    __f = __o.__f;
    __where = __o.__where;
    __computed = __o.__computed;
    if constexpr (_Object)
      ::bytedmd::copyKeys(__f, __o.__f);
    return *this;
  }
  template <class... _Ap> decltype(auto) operator()(_Ap &&...__a) {
    return __invoke(__f, static_cast<_Ap &&>(__a)...);
  }
  template <class... _Ap> decltype(auto) operator()(_Ap &&...__a) const {
    return __invoke(__f, static_cast<_Ap &&>(__a)...);
  }

private:
  template <class _Gp, class... _Ap> decltype(auto) __invoke(_Gp &__g, _Ap &&...__a) const {
    using _Rp = decltype(::bytedmd::call(seq{__argument(static_cast<_Ap &&>(__a))...}, __g));
    if constexpr (std::is_void_v<_Rp>)
      __call(__g, seq{__argument(static_cast<_Ap &&>(__a))...});
    else
      return __result(__call(__g, seq{__argument(static_cast<_Ap &&>(__a))...}));
  }
  template <class _Gp, class... _Ap> decltype(auto) __call(_Gp &__g, seq<_Ap...> &&__s) const {
    if constexpr (_Object)
      return std::apply(
          [&](auto &&...__x) -> decltype(auto) {
            return ::bytedmd::call(seq{__g, static_cast<decltype(__x) &&>(__x)...},
                                   [](auto &&__o, auto &&...__y) -> decltype(auto) {
                                     return __o(static_cast<decltype(__y) &&>(__y)...);
                                   });
          },
          std::move(__s.__items));
    else if (__where == nullptr)
      return ::bytedmd::call(std::move(__s), __g);
    return ::bytedmd::callThrough(std::move(__s), __g, __where, __computed);
  }
  template <class _Xp> static decltype(auto) __argument(_Xp &&__x) {
    if constexpr (__adapted_v<_Xp>)
      return __tracked_operand(__x);
    else
      return static_cast<_Xp &&>(__x);
  }
  template <class _Rp> static decltype(auto) __result(_Rp &&__r) {
    if constexpr (__tracked_v<_Rp> && std::is_same_v<std::decay_t<decltype(__r.__v)>, bool>)
      return _Truth{__r.__v, __r.__k};
    else if constexpr (__tracked_v<_Rp>)
      return _Elem<std::decay_t<decltype(__r.__v)>>(__r.__v, __r.__k);
    else
      return static_cast<_Rp &&>(__r);
  }
  _Fn __f;
  const bytedmd_location *__where = nullptr; // null: the file's own, instrumented
  const char *__computed = nullptr;
};

template <class _Tp> struct _Is_iter : std::false_type {};
template <class _It> struct _Is_iter<_Iter<_It>> : std::true_type {};
template <class _Tp> struct _Is_iter_pair : std::false_type {};
template <class _It> struct _Is_iter_pair<std::pair<_Iter<_It>, _Iter<_It>>> : std::true_type {};

} // namespace detail

/// Where the instructions of the algorithm about to run are charged.
inline int at(bytedmd_location *__where) {
  detail::__place(__where);
  return 0;
}
/// An iterator argument of an algorithm, adapted.
template <class _It> inline detail::_Iter<_It> iter(_It __i) { return detail::_Iter<_It>(__i); }
/// A value argument (an initial value, a value to find), with its key.
template <class _Xp> inline auto elem(_Xp &&__x) {
  using _Tp = std::remove_cv_t<std::remove_reference_t<decltype(detail::__value_of(__x))>>;
  return detail::_Elem<_Tp>(detail::__value_of(__x), detail::__key_of(__x));
}
/// A callable argument of the file's own.
template <class _Fn> inline detail::_Callable<std::decay_t<_Fn>> callable(_Fn &&__f) {
  return detail::_Callable<std::decay_t<_Fn>>(static_cast<_Fn &&>(__f));
}
/// An object of the file's own class as a callable argument (see _Callable).
/// A temporary (`Scale{k}`, built where it is passed) takes the keys its
/// construction handed over first.
template <class _Fn> inline detail::_Callable<std::decay_t<_Fn>, true> callableObject(_Fn &&__f) {
  if constexpr (!std::is_lvalue_reference_v<_Fn>)
    ::bytedmd::receive(__f);
  return detail::_Callable<std::decay_t<_Fn>, true>(__f, std::true_type{});
}
/// A callable argument that may not be instrumented (see _Callable).
template <class _Fn>
inline detail::_Callable<std::decay_t<_Fn>>
callableThrough(_Fn &&__f, const bytedmd_location *__where, const char *__computed) {
  return detail::_Callable<std::decay_t<_Fn>>(static_cast<_Fn &&>(__f), __where, __computed);
}
/// An algorithm's result, back in the program's types: an adapted
/// iterator's base (also in a pair, minmax_element's), a value with its key.
template <class _Rp> inline decltype(auto) unwrap(_Rp &&__r) {
  using _Dp = std::decay_t<_Rp>;
  if constexpr (detail::_Is_adapted<_Dp>::value) {
    const auto __e = detail::__tracked_operand(__r);
    return __e;
  } else if constexpr (std::is_same_v<_Dp, detail::_Truth>) {
    return detail::_Tracked<bool>{__r.__v, __r.__k};
  } else if constexpr (detail::_Is_iter<_Dp>::value) {
    return __r.base();
  } else if constexpr (detail::_Is_iter_pair<_Dp>::value) {
    return std::make_pair(__r.first.base(), __r.second.base());
  } else {
    return static_cast<_Rp &&>(__r);
  }
}

} // namespace bytedmd

#endif // BYTEDMD_DETAIL_ALGORITHMS_HPP
