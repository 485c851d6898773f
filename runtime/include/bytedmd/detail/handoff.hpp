// bytedmd/detail/handoff.hpp - keys without an address: returns in registers, braced lists.
//
// A small struct or std::pair returned by value travels in registers (the
// calling convention), so no address carries its keys from the callee's
// object to the caller's. The producer (a `return` of an instrumented
// function, make_pair, a braced aggregate) leaves the keys in this thread's
// handoff, slot by slot, tagged with the type; the place that stores the
// value (a declaration, an assignment, a parameter) takes them. The elements
// of a braced list are stashed in order, and bound once the object exists.
// Before and after, for `Triple t = make(c, b, a); double u[2] = {a, b};`:
//
//   Triple t = ::bytedmd::call(::bytedmd::seq{::bytedmd::ld(c), ::bytedmd::ld(b),
//       ::bytedmd::ld(a)}, [&](auto&&... bytedmd_a) -> decltype(auto) { return make(...); });
//   ::bytedmd::receive(t);
//   double u[2] = {::bytedmd::stash(::bytedmd::ld(a)), ::bytedmd::stash(::bytedmd::ld(b))};
//   ::bytedmd::bindStashed(u, 2);
#ifndef BYTEDMD_DETAIL_HANDOFF_HPP
#define BYTEDMD_DETAIL_HANDOFF_HPP

#include "bytedmd/detail/containers.hpp"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <tuple>
#include <type_traits>
#include <utility>

namespace bytedmd {
namespace detail {

/// Types whose values pass through the handoff.
template <class _Tp>
constexpr bool __handed_over_v =
    (__byte_copied_v<std::remove_cv_t<_Tp>> || _Is_tuple_like<std::remove_cv_t<_Tp>>::value ||
     (_Is_std_array<std::remove_cv_t<_Tp>>::value && std::is_trivially_copyable_v<_Tp>)) &&
    sizeof(_Tp) <= 4 * 64;

/// One address per type: the handoff's tag.
template <class _Tp> inline const char __type_tag = 0;

/// The keys of one small object on its way from producer to receiver.
struct _Handoff {
  const void *__tag = nullptr; // the type of the value waiting, or none
  unsigned __slots = 0;
  bytedmd_key __keys[64];
  std::uint64_t __bits[64];
};
inline _Handoff &__handoff() {
  static thread_local _Handoff __h;
  return __h;
}

/// Leaves x's keys for the caller's side.
template <class _Tp> inline void __hand_over(const _Tp &__x) {
  if constexpr (__handed_over_v<_Tp>) {
    _Handoff &__h = __handoff();
    __h.__tag = &__type_tag<std::remove_cv_t<_Tp>>;
    __h.__slots = unsigned((sizeof(_Tp) + 3) / 4);
    const char *__base = reinterpret_cast<const char *>(&__x);
    for (unsigned __i = 0; __i < __h.__slots; ++__i) {
      std::uint64_t __b = 0;
      std::memcpy(&__b, __base + 4 * __i, sizeof(_Tp) - 4 * __i < 8 ? sizeof(_Tp) - 4 * __i : 8);
      __h.__bits[__i] = __b;
      __h.__keys[__i] = bytedmd_load(__base + 4 * __i, __b);
    }
  }
}

/// The keys of a braced list's elements, in order, until the object they
/// initialise exists.
struct _Stash {
  bytedmd_key __keys[256];
  unsigned __size = 0;
};
inline _Stash &__stash() {
  static thread_local _Stash __s;
  return __s;
}

} // namespace detail

namespace detail {
/// The keys waiting for _Tp go to the object at __at, which holds (or is
/// about to hold) the bytes of __value; the bits check rejects a value that
/// was changed on the way.
template <class _Tp> inline void __receive_at(const void *__at, const _Tp &__value) {
  if constexpr (__handed_over_v<_Tp>) {
    _Handoff &__h = __handoff();
    if (__h.__tag != &__type_tag<std::remove_cv_t<_Tp>>)
      return;
    __h.__tag = nullptr;
    const char *__base = reinterpret_cast<const char *>(&__value);
    const char *__dst = static_cast<const char *>(__at);
    for (unsigned __i = 0; __i < __h.__slots; ++__i) {
      std::uint64_t __b = 0;
      std::memcpy(&__b, __base + 4 * __i, sizeof(_Tp) - 4 * __i < 8 ? sizeof(_Tp) - 4 * __i : 8);
      bytedmd_store(__dst + 4 * __i, __b == __h.__bits[__i] ? __h.__keys[__i] : 0, __b);
    }
  }
}
} // namespace detail

/// Takes the keys of the value just stored in x, if they are waiting for
/// its type.
template <class _Tp> inline void receive(_Tp &__x) {
  detail::__receive_at(std::addressof(__x), __x); // a const object too
}

/// `f(g(x))` with f taking `const T &`: the temporary g returned takes the
/// keys waiting for it in the handoff, and is passed on.
template <class _Tp> inline _Tp &&received(_Tp &&__x) {
  ::bytedmd::receive(__x);
  return static_cast<_Tp &&>(__x);
}

/// `make(a).v`, `S1(a).v`: the temporary takes its keys, and is an lvalue
/// (until the end of the full expression) so that its member's load finds
/// them (a load of an rvalue is untracked).
template <class _Tp> inline _Tp &receivedObject(_Tp &&__x) {
  ::bytedmd::receive(__x);
  return __x;
}

/// `auto [u, v] = f();`: the hidden object's keys wait in the handoff. It is
/// found from its first binding: a std::tuple keeps its elements in an order
/// of its own, so the binding's offset comes from a probe object.
template <class _Tp, class _Ep> inline void receiveBound(_Ep &__first) {
  if constexpr (detail::__handed_over_v<_Tp>) {
    std::ptrdiff_t __offset = 0;
    if constexpr (detail::_Is_tuple_like<_Tp>::value || detail::_Is_std_array<_Tp>::value) {
      if constexpr (!std::is_default_constructible_v<_Tp>) {
        return;
      } else {
        static const _Tp __probe{};
        __offset = reinterpret_cast<const char *>(&std::get<0>(__probe)) -
                   reinterpret_cast<const char *>(&__probe);
      }
    }
    char *__object = const_cast<char *>(reinterpret_cast<const char *>(&__first)) - __offset;
    ::bytedmd::receive(*reinterpret_cast<_Tp *>(__object));
  }
}

/// `dst = src`: a copy from an lvalue keeps the elements' keys; a move takes
/// the source's buffer (and so its keys) or its bytes.
template <class _Dp, class _Sp> inline _Dp &assignObject(_Dp &__dst, _Sp &&__src) {
  if constexpr (std::is_lvalue_reference_v<_Sp>) {
    __dst = __src;
    ::bytedmd::copyKeys(__dst, __src);
  } else if constexpr (detail::__handed_over_v<_Dp>) {
    __dst = std::forward<_Sp>(__src);
    ::bytedmd::receive(__dst); // a value returned by a call: its keys wait in the handoff
  } else {
    __dst = std::forward<_Sp>(__src);
  }
  return __dst;
}

/// `std::tie(t, u) = p`: t and u are copies of p's members, keys and all (a
/// pair or tuple an instrumented call returned takes its keys from the
/// handoff first).
template <class... _Rp, class _Sp>
inline std::tuple<_Rp &...> assignTied(std::tuple<_Rp &...> __tied, _Sp &&__src) {
  if constexpr (!std::is_lvalue_reference_v<_Sp>)
    ::bytedmd::receive(__src);
  __tied = static_cast<_Sp &&>(__src);
  std::apply(
      [&](auto &...__d) {
        std::apply([&](const auto &...__s) { (::bytedmd::copyKeys(__d, __s), ...); }, __src);
      },
      __tied);
  return __tied;
}

/// A braced list's elements: stash(x) keeps each element's key in order;
/// bindStashed(object, n) gives the n stashed keys to object's first n
/// elements (row-major) and key 0 to the rest; listed<T>(n, {...}) builds T
/// from the list and does the same.
template <class _Xp> inline decltype(auto) stash(_Xp &&__x) {
  detail::_Stash &__s = detail::__stash();
  if (__s.__size < 256)
    __s.__keys[__s.__size] = detail::__key_of(__x);
  ++__s.__size;
  return detail::__value_of(std::forward<_Xp>(__x));
}
/// stash(x) after `gap` elements the list leaves out (value-initialised,
/// untracked): their places take key 0.
template <class _Xp> inline decltype(auto) stashAfter(unsigned __gap, _Xp &&__x) {
  detail::_Stash &__s = detail::__stash();
  for (unsigned __i = 0; __i < __gap; ++__i, ++__s.__size)
    if (__s.__size < 256)
      __s.__keys[__s.__size] = 0;
  return ::bytedmd::stash(std::forward<_Xp>(__x));
}
template <class _Tp> inline void bindStashed(_Tp &__object, unsigned __n) {
  detail::_Stash &__s = detail::__stash();
  const unsigned __first = __s.__size >= __n ? __s.__size - __n : 0;
  unsigned __i = __first;
  detail::__for_each_element(__object, [&](auto &__e) {
    detail::__store(__e, __i < __s.__size && __i < 256 ? __s.__keys[__i] : 0);
    ++__i;
  });
  __s.__size = __first;
}
/// (listed is the return of a braced list: `return {a * b, a + b};`. The
/// returned copy of a small object travels in registers, so its keys go
/// through the handoff, to retObject.)
template <class _Tp> inline _Tp listed(unsigned __n, _Tp &&__object) {
  ::bytedmd::bindStashed(__object, __n);
  detail::__hand_over(__object);
  return std::move(__object);
}

/// bindFields(n, p.x, p.y, ...): the last n stashed keys, in order, go to the
/// named members (an aggregate or a std::pair built from tracked values).
template <class... _Fn> inline void bindFields(unsigned __n, _Fn &...__fields) {
  detail::_Stash &__s = detail::__stash();
  const unsigned __first = __s.__size >= __n ? __s.__size - __n : 0;
  unsigned __i = __first;
  (
      [&](auto &__f) {
        detail::__store_key(__f, __i < __s.__size && __i < 256 ? __s.__keys[__i] : 0);
        ++__i;
      }(__fields),
      ...);
  __s.__size = __first;
}
/// std::vector<double> v(n, x): every element takes the one stashed key.
template <class _Vec> inline void fillStashed(_Vec &__v) {
  detail::_Stash &__s = detail::__stash();
  const bytedmd_key __k = __s.__size != 0 && __s.__size <= 256 ? __s.__keys[__s.__size - 1] : 0;
  if (__s.__size != 0)
    --__s.__size;
  for (auto &__e : __v)
    detail::__store_key(__e, __k);
}
/// withFields(T{...}, bind): a prvalue built from a braced list, its members
/// bound by `bind` (a return of an aggregate).
template <class _Tp, class _Fn> inline _Tp withFields(_Tp &&__object, _Fn &&__bind) {
  ::bytedmd::written(__object); // the braced list initialised all of it
  __bind(__object);
  detail::__hand_over(__object);
  return std::move(__object);
}
/// `std::pair<double, double>(a, b)` or `{a, b}` where a pair or tuple is
/// wanted: T built from the operands' values, each member taking its
/// operand's key, and handed over (it may travel in registers).
template <class _Tp, class... _Ap> inline _Tp tupleOf(seq<_Ap...> &&__s) {
  return std::apply(
      [](auto &&...__a) {
        _Tp __t(detail::__value_of(static_cast<decltype(__a) &&>(__a))...);
        const bytedmd_key __keys[] = {detail::__key_of(__a)..., 0};
        std::size_t __i = 0;
        std::apply([&](auto &...__e) { ((detail::__store_key(__e, __keys[__i]), ++__i), ...); },
                   __t);
        detail::__hand_over(__t);
        return __t;
      },
      std::move(__s.__items));
}
/// std::make_pair / std::make_tuple over operands in source order.
template <class... _Ap> inline auto make_tuple(seq<_Ap...> &&__s) {
  using _Tp = decltype(std::make_tuple(detail::__value_of(std::declval<_Ap>())...));
  return ::bytedmd::tupleOf<_Tp>(std::move(__s));
}
template <class _Ap, class _Bp> inline auto make_pair(seq<_Ap, _Bp> &&__s) {
  auto &&__a = std::get<0>(__s.__items);
  auto &&__b = std::get<1>(__s.__items);
  auto __p = std::make_pair(detail::__value_of(static_cast<_Ap>(__a)),
                            detail::__value_of(static_cast<_Bp>(__b)));
  detail::__store_key(__p.first, detail::__key_of(__a));
  detail::__store_key(__p.second, detail::__key_of(__b));
  detail::__hand_over(__p);
  return __p;
}

} // namespace bytedmd

#endif // BYTEDMD_DETAIL_HANDOFF_HPP
