// bytedmd/detail/handoff.hpp - keys of objects that have no address to carry them: small objects returned in registers, and braced lists.
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
#include <tuple>
#include <type_traits>
#include <utility>

namespace bytedmd {
namespace detail {

/// Types whose values pass through the handoff.
template <class T>
constexpr bool isHandedOver = (isByteCopied<std::remove_cv_t<T>> ||
                               IsTupleLike<std::remove_cv_t<T>>::value) &&
                              sizeof(T) <= 4 * 64;

/// One address per type: the handoff's tag.
template <class T> inline const char typeTag = 0;

/// The keys of one small object on its way from producer to receiver.
struct Handoff {
  const void *tag = nullptr; // the type of the value waiting, or none
  unsigned slots = 0;
  bytedmd_key keys[64];
  std::uint64_t bits[64];
};
inline Handoff &handoff() {
  static thread_local Handoff h;
  return h;
}

/// Leaves x's keys for the caller's side.
template <class T> inline void handOver(const T &x) {
  if constexpr (isHandedOver<T>) {
    Handoff &h = handoff();
    h.tag = &typeTag<std::remove_cv_t<T>>;
    h.slots = unsigned((sizeof(T) + 3) / 4);
    const char *base = reinterpret_cast<const char *>(&x);
    for (unsigned i = 0; i < h.slots; ++i) {
      std::uint64_t b = 0;
      std::memcpy(&b, base + 4 * i, sizeof(T) - 4 * i < 8 ? sizeof(T) - 4 * i : 8);
      h.bits[i] = b;
      h.keys[i] = bytedmd_load(base + 4 * i, b);
    }
  }
}

/// The keys of a braced list's elements, in order, until the object they
/// initialise exists.
struct Stash {
  bytedmd_key keys[256];
  unsigned size = 0;
};
inline Stash &stash() {
  static thread_local Stash s;
  return s;
}

} // namespace detail

/// Takes the keys of the value just stored in x, if they are waiting for
/// its type; the bits check rejects a value that was changed on the way.
template <class T> inline void receive(T &x) {
  if constexpr (detail::isHandedOver<T>) {
    detail::Handoff &h = detail::handoff();
    if (h.tag != &detail::typeTag<std::remove_cv_t<T>>)
      return;
    h.tag = nullptr;
    char *base = reinterpret_cast<char *>(&x);
    for (unsigned i = 0; i < h.slots; ++i) {
      std::uint64_t b = 0;
      std::memcpy(&b, base + 4 * i, sizeof(T) - 4 * i < 8 ? sizeof(T) - 4 * i : 8);
      bytedmd_store(base + 4 * i, b == h.bits[i] ? h.keys[i] : 0, b);
    }
  }
}

/// `dst = src`: a copy from an lvalue keeps the elements' keys; a move takes
/// the source's buffer (and so its keys) or its bytes.
template <class D, class S> inline D &assignObject(D &dst, S &&src) {
  if constexpr (std::is_lvalue_reference_v<S>) {
    dst = src;
    copyKeys(dst, src);
  } else if constexpr (detail::isHandedOver<D>) {
    dst = std::forward<S>(src);
    receive(dst); // a value returned by a call: its keys wait in the handoff
  } else {
    dst = std::forward<S>(src);
  }
  return dst;
}

/// A braced list's elements: stash(x) keeps each element's key in order;
/// bindStashed(object, n) gives the n stashed keys to object's first n
/// elements (row-major) and key 0 to the rest; listed<T>(n, {...}) builds T
/// from the list and does the same.
template <class X> inline decltype(auto) stash(X &&x) {
  detail::Stash &s = detail::stash();
  if (s.size < 256)
    s.keys[s.size] = detail::key(x);
  ++s.size;
  return detail::val(std::forward<X>(x));
}
template <class T> inline void bindStashed(T &object, unsigned n) {
  detail::Stash &s = detail::stash();
  const unsigned first = s.size >= n ? s.size - n : 0;
  unsigned i = first;
  detail::forEachElement(object, [&](auto &e) {
    bytedmd_store(&e, i < s.size && i < 256 ? s.keys[i] : 0, detail::bits(e));
    ++i;
  });
  s.size = first;
}
template <class T> inline T listed(unsigned n, T &&object) {
  bindStashed(object, n);
  return std::move(object);
}

/// bindFields(n, p.x, p.y, ...): the last n stashed keys, in order, go to the
/// named members (an aggregate or a std::pair built from tracked values).
template <class... F> inline void bindFields(unsigned n, F &...fields) {
  detail::Stash &s = detail::stash();
  const unsigned first = s.size >= n ? s.size - n : 0;
  unsigned i = first;
  (
      [&](auto &f) {
        detail::storeKey(f, i < s.size && i < 256 ? s.keys[i] : 0);
        ++i;
      }(fields),
      ...);
  s.size = first;
}
/// std::vector<double> v(n, x): every element takes the one stashed key.
template <class Vec> inline void fillStashed(Vec &v) {
  detail::Stash &s = detail::stash();
  const bytedmd_key k = s.size != 0 && s.size <= 256 ? s.keys[s.size - 1] : 0;
  if (s.size != 0)
    --s.size;
  for (auto &e : v)
    detail::storeKey(e, k);
}
/// withFields(T{...}, bind): a prvalue built from a braced list, its members
/// bound by `bind` (a return of an aggregate).
template <class T, class F> inline T withFields(T &&object, F &&bind) {
  forget(object);
  bind(object);
  detail::handOver(object);
  return std::move(object);
}
/// std::make_pair / std::make_tuple over operands in source order.
template <class... A> inline auto make_tuple(seq<A...> &&s) {
  return std::apply(
      [](auto &&...a) {
        auto t = std::make_tuple(detail::val(static_cast<decltype(a) &&>(a))...);
        const bytedmd_key keys[] = {detail::key(a)..., 0};
        std::size_t i = 0;
        std::apply([&](auto &...e) { ((detail::storeKey(e, keys[i]), ++i), ...); }, t);
        detail::handOver(t);
        return t;
      },
      std::move(s.items));
}
template <class A, class B> inline auto make_pair(seq<A, B> &&s) {
  auto &&a = std::get<0>(s.items);
  auto &&b = std::get<1>(s.items);
  auto p = std::make_pair(detail::val(static_cast<A>(a)), detail::val(static_cast<B>(b)));
  detail::storeKey(p.first, detail::key(a));
  detail::storeKey(p.second, detail::key(b));
  detail::handOver(p);
  return p;
}

} // namespace bytedmd

#endif // BYTEDMD_DETAIL_HANDOFF_HPP
