// bytedmd/instrument.hpp - the C++ layer that rewritten code calls.
//
// bytedmd-instrument turns every arithmetic expression of an instrumented
// function into calls of the templates below. A tracked value travels as
// V<T>{value, key}; memory holds keys in the shadow map (runtime.h). Before
// and after, for `s = s + a[i] * b[i];`:
//
//   ::bytedmd::set(s, ::bytedmd::bin<BYTEDMD_OP_ADD>(::bytedmd::seq{::bytedmd::ld(s),
//       ::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{::bytedmd::ld(a[i]),
//       ::bytedmd::ld(b[i])})}));
//
// Operands go through `seq{...}`, a braced list: its elements are evaluated
// left to right, which C++ does not promise for function arguments or
// operands, and the model needs (semantics.md, "Order").
//
// Every template also accepts untracked operands (literals, class types), so
// the same rewrite serves a template for every instantiation.
#ifndef BYTEDMD_INSTRUMENT_HPP
#define BYTEDMD_INSTRUMENT_HPP

#include "bytedmd/runtime.h"

#include <array>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <malloc.h>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace bytedmd {

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

/// Operands in source order. Build it as `seq{a, b}`: the elements of a
/// braced list are evaluated left to right, also when it calls a constructor
/// ([dcl.init.list]/4).
template <class... T> struct seq {
  seq(T... x) : items(static_cast<T>(x)...) {}
  std::tuple<T...> items;
};
template <class... T> seq(T &&...) -> seq<T &&...>;

template <class T> constexpr decltype(auto) val(T &&x) {
  if constexpr (isV<T>)
    return (std::forward<T>(x).v);
  else
    return std::forward<T>(x);
}
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

// ---- loads and stores ------------------------------------------------------

/// A load: an arithmetic lvalue becomes a V with the key its location holds.
/// Anything else passes through unchanged.
template <class T> inline decltype(auto) ld(T &&x) {
  using D = std::remove_cv_t<std::remove_reference_t<T>>;
  if constexpr (isV<T>) {
    return std::forward<T>(x);
  } else if constexpr (std::is_arithmetic_v<D> && std::is_lvalue_reference_v<T>) {
    return V<D>{x, bytedmd_load(&x, bits(x))};
  } else if constexpr (std::is_arithmetic_v<D>) {
    return V<D>{x, 0};
  } else {
    return std::forward<T>(x);
  }
}

/// `lhs = x`: a copy, free; lhs takes x's key.
template <class L, class X> inline L &set(L &lhs, X &&x) {
  lhs = val(std::forward<X>(x));
  if constexpr (isArithmetic<L>)
    bytedmd_store(&lhs, key(x), bits(lhs));
  return lhs;
}

/// `T v = x;` as `T v = init(&v, x);`: v takes x's key.
template <class T, class X> inline T init(T *at, X &&x) {
  T v = static_cast<T>(val(std::forward<X>(x)));
  if constexpr (isArithmetic<T>)
    bytedmd_store(at, key(x), bits(v));
  return v;
}

/// A value converted to T (a cast): same key.
template <class T, class X> inline auto cvt(X &&x) {
  if constexpr (isArithmetic<T> && isV<X>)
    return V<T>{static_cast<T>(x.v), x.k};
  else
    return static_cast<T>(val(std::forward<X>(x)));
}

// ---- instructions ------------------------------------------------------------

/// The source location of the instruction about to be recorded (rewritten
/// code passes one per line; hand-written code may pass none).
inline void place(bytedmd_location *at) {
  if (at != nullptr)
    bytedmd_at(at);
}

/// The operators of bytedmd/ops.def: Operator<Op>::apply computes the
/// instruction on plain values, Operator<Op>::assign its compound
/// assignment (x op= y).
template <bytedmd_op _Op> struct Operator;
#define BYTEDMD_ARITHMETIC(NAME, ir, token, ClangKind)                                             \
  template <> struct Operator<BYTEDMD_OP_##NAME> {                                                \
    template <class _Ap, class _Bp> static auto apply(_Ap &&__a, _Bp &&__b) {                     \
      return __a token __b;                                                                       \
    }                                                                                             \
    template <class _Lp, class _Xp> static void assign(_Lp &__l, _Xp &&__x) {                     \
      __l token##= static_cast<_Xp &&>(__x);                                                      \
    }                                                                                             \
  };
#define BYTEDMD_COMPARISON(NAME, ir, token, ClangKind)                                             \
  template <> struct Operator<BYTEDMD_OP_##NAME> {                                                \
    template <class _Ap, class _Bp> static auto apply(_Ap &&__a, _Bp &&__b) {                     \
      return __a token __b;                                                                       \
    }                                                                                             \
  };
#define BYTEDMD_UNARY(NAME, ir, token, ClangKind)                                                  \
  template <> struct Operator<BYTEDMD_OP_##NAME> {                                                \
    template <class _Ap> static auto apply(_Ap &&__a) { return token __a; }                       \
  };
#include "bytedmd/ops.def"

template <bytedmd_op Op, class A, class B> inline auto apply2(A &&a, B &&b) {
  return Operator<Op>::apply(a, b);
}

/// log2 of T's size in bytes, for the bytes=native variant.
template <class T> constexpr std::uint32_t sizeLog2() {
  static_assert(sizeof(T) <= 128, "bytedmd: a tracked value wider than 128 bytes");
  std::uint32_t l = 0;
  while ((std::size_t(1) << l) < sizeof(T))
    ++l;
  return l;
}
/// An instruction's op with its output's size (BYTEDMD_SIZED).
template <class T> constexpr std::uint32_t sized(bytedmd_op op) {
  return BYTEDMD_SIZED(op, sizeLog2<T>());
}

/// A binary operator: one instruction reading the tracked operands.
template <bytedmd_op Op, class A, class B>
inline auto bin(seq<A, B> &&s, bytedmd_location *at = nullptr) {
  auto &&a = std::get<0>(s.items);
  auto &&b = std::get<1>(s.items);
  auto r = apply2<Op>(val(static_cast<A>(a)), val(static_cast<B>(b)));
  if constexpr (isV<A> || isV<B>)
    return V<decltype(r)>{r, (place(at), bytedmd_binary(sized<decltype(r)>(Op), key(a), key(b)))};
  else
    return r;
}

/// A unary operator: -x, +x, ~x.
template <bytedmd_op Op, class A> inline auto un(A &&a, bytedmd_location *at = nullptr) {
  auto &&x = val(a);
  auto r = Operator<Op>::apply(x);
  if constexpr (isV<A>)
    return V<decltype(r)>{r, (place(at), bytedmd_unary(sized<decltype(r)>(Op), a.k))};
  else
    return r;
}

/// `lhs op= x`, as `lhs = lhs op x`: reads lhs, then x.
template <bytedmd_op Op, class L, class X>
inline L &cset(L &lhs, X &&x, bytedmd_location *at = nullptr) {
  if constexpr (isArithmetic<L>) {
    const bytedmd_key k = bytedmd_load(&lhs, bits(lhs));
    const auto &v = val(x);
    Operator<Op>::assign(lhs, v);
    place(at);
    bytedmd_store(&lhs, bytedmd_binary(sized<std::remove_reference_t<decltype(lhs)>>(Op), k, key(x)),
                  bits(lhs));
  } else {
    Operator<Op>::assign(lhs, val(std::forward<X>(x)));
  }
  return lhs;
}

/// ++x and --x: read x once, store the new value in x. Returns x.
template <bytedmd_op Op, class L> inline L &pre(L &x, bytedmd_location *at = nullptr) {
  if constexpr (isArithmetic<L> && !std::is_same_v<std::remove_cv_t<L>, bool>) {
    const bytedmd_key k = bytedmd_load(&x, bits(x));
    if constexpr (Op == BYTEDMD_OP_ADD)
      ++x;
    else
      --x;
    place(at);
    bytedmd_store(&x, bytedmd_unary(sized<L>(Op), k), bits(x));
  } else {
    if constexpr (Op == BYTEDMD_OP_ADD)
      ++x;
    else
      --x;
  }
  return x;
}

/// x++ and x--: as ++x, but the value is the old one, with its old key.
template <bytedmd_op Op, class L> inline auto post(L &x, bytedmd_location *at = nullptr) {
  if constexpr (isArithmetic<L> && !std::is_same_v<std::remove_cv_t<L>, bool>) {
    const V<std::remove_cv_t<L>> old{x, bytedmd_load(&x, bits(x))};
    if constexpr (Op == BYTEDMD_OP_ADD)
      ++x;
    else
      --x;
    place(at);
    bytedmd_store(&x, bytedmd_unary(sized<L>(Op), old.k), bits(x));
    return old;
  } else {
    if constexpr (Op == BYTEDMD_OP_ADD)
      return x++;
    else
      return x--;
  }
}

// ---- reads without output ----------------------------------------------------

/// A truth value (a condition, an operand of && || !): one READ.
template <class X> inline bool truth(X &&x, bytedmd_location *at = nullptr) {
  if constexpr (isV<X>)
    place(at), bytedmd_read(BYTEDMD_OP_TRUTH, x.k);
  return static_cast<bool>(val(std::forward<X>(x)));
}

/// An array subscript or pointer offset: one READ; the value is untracked.
template <class X> inline decltype(auto) index(X &&x, bytedmd_location *at = nullptr) {
  if constexpr (isV<X>) {
    place(at), bytedmd_read(BYTEDMD_OP_INDEX, x.k);
    return x.v;
  } else {
    return std::forward<X>(x);
  }
}

/// A value passed to code that is not instrumented: one READ.
template <class X> inline decltype(auto) escape(X &&x, bytedmd_location *at = nullptr) {
  if constexpr (isV<X>) {
    place(at), bytedmd_read(BYTEDMD_OP_ESCAPE, x.k);
    return x.v;
  } else {
    return std::forward<X>(x);
  }
}

/// `c ? a : b` on arithmetic values: the condition is a truth read; the
/// result is the chosen operand with its key, converted to the common type.
template <class A, class B> inline auto choose(bool c, A &&a, B &&b) {
  using R = std::common_type_t<std::decay_t<decltype(val(a()))>, std::decay_t<decltype(val(b()))>>;
  if constexpr (isV<decltype(a())> || isV<decltype(b())>) {
    if (c) {
      auto x = a();
      return V<R>{static_cast<R>(val(x)), key(x)};
    }
    auto y = b();
    return V<R>{static_cast<R>(val(y)), key(y)};
  } else {
    return c ? static_cast<R>(a()) : static_cast<R>(b());
  }
}

// ---- calls -------------------------------------------------------------------

/// A standard math function: one instruction reading its tracked arguments.
template <bytedmd_op Op, class... A, class F>
inline auto math(seq<A...> &&s, F &&f, bytedmd_location *at = nullptr) {
  return std::apply(
      [&](auto &&...a) {
        auto r = f(val(static_cast<decltype(a) &&>(a))...);
        if constexpr ((isV<A> || ...)) {
          const bytedmd_key keys[] = {key(a)...};
          place(at);
          return V<decltype(r)>{r, bytedmd_instruction(sized<decltype(r)>(Op), keys, sizeof...(A))};
        } else {
          return r;
        }
      },
      std::move(s.items));
}

/// std::max(a, b): the comparison b > a (reads b, then a), a truth read of
/// it, and the chosen operand itself. std::min is the same with b < a.
template <bytedmd_op Op, class A, class B>
inline auto minmax(seq<A, B> &&s, bytedmd_location *at = nullptr) {
  auto &&a = std::get<0>(s.items);
  auto &&b = std::get<1>(s.items);
  if constexpr (isV<A> || isV<B>) {
    using R = std::decay_t<decltype(val(a))>;
    const V<bool> c = bin<Op>(seq{static_cast<B>(b), static_cast<A>(a)}, at);
    if (truth(c, at))
      return V<R>{val(b), key(b)};
    return V<R>{val(a), key(a)};
  } else {
    using R = std::decay_t<decltype(val(a))>;
    if (apply2<Op>(b, a))
      return R(b);
    return R(a);
  }
}

/// A call of a function that is not instrumented, with its arguments
/// evaluated left to right (each already read as an escape).
template <class... A, class F> inline decltype(auto) invoke(seq<A...> &&s, F &&f) {
  return std::apply(
      [&](auto &&...a) -> decltype(auto) { return f(val(static_cast<decltype(a) &&>(a))...); },
      std::move(s.items));
}

/// A call of an instrumented function: the tracked arguments' keys travel
/// beside them (free), and so does the return value's key.
template <class... A, class F> inline decltype(auto) call(seq<A...> &&s, F &&f) {
  bytedmd_call_state *calls = bytedmd_calls();
  return std::apply(
      [&](auto &&...a) -> decltype(auto) {
        unsigned i = 0;
        calls->count = sizeof...(A) < 64 ? unsigned(sizeof...(A)) : 64u;
        (
            [&](auto &&x) {
              if (i < 64) {
                calls->keys[i] = key(x);
                calls->sources[i] = nullptr;
                if constexpr (!isV<decltype(x)> && !isArithmetic<decltype(x)> &&
                              std::is_lvalue_reference_v<decltype(x)>)
                  calls->sources[i] = &x;
              }
              ++i;
            }(a),
            ...);
        calls->pending = 1;
        calls->has_return = 0;
        using R = decltype(f(val(static_cast<decltype(a) &&>(a))...));
        if constexpr (std::is_void_v<R>) {
          f(val(static_cast<decltype(a) &&>(a))...);
          calls->pending = 0;
        } else if constexpr (isArithmetic<R> && !std::is_reference_v<R>) {
          R r = f(val(static_cast<decltype(a) &&>(a))...);
          calls->pending = 0;
          const bytedmd_key k = calls->has_return ? calls->return_key : 0;
          calls->has_return = 0;
          return V<R>{r, k};
        } else {
          struct Clear {
            bytedmd_call_state *c;
            ~Clear() {
              c->pending = 0;
              c->has_return = 0;
            }
          } clear{calls};
          return f(val(static_cast<decltype(a) &&>(a))...);
        }
      },
      std::move(s.items));
}

/// Calls across files. Whether the callee is instrumented is known at link
/// time: its file defines a marker that the caller references weakly (null
/// when the callee's file was not instrumented). The decision must be taken
/// before the arguments are evaluated, since it decides whether they escape
/// (a read each, in source order) or travel to the callee with their keys;
/// `across` records it for the arguments, and `callAcross` takes it back.
struct AcrossState {
  unsigned depth = 0;
  bool opaque[64];
};
inline thread_local AcrossState acrossState;

inline bool across(const char *marker) {
  AcrossState &s = acrossState;
  if (s.depth < 64)
    s.opaque[s.depth] = marker == nullptr;
  ++s.depth;
  return true;
}

/// An argument of a call across files: read as an escape when the callee is
/// not instrumented; passed with its key when it is.
template <class X> inline auto escapeIf(X &&x, bytedmd_location *at = nullptr) {
  if constexpr (isV<X>) {
    const AcrossState &s = acrossState;
    if (s.depth == 0 || s.depth > 64 || s.opaque[s.depth - 1])
      place(at), bytedmd_read(BYTEDMD_OP_ESCAPE, x.k);
    return V<std::decay_t<decltype(x.v)>>{x.v, x.k};
  } else {
    return std::forward<X>(x);
  }
}

/// `unmodeled` is the diagnostic for a callee that is not instrumented and
/// receives a pointer, reference or iterator to tracked values (null: none).
template <class... A, class F>
inline decltype(auto) callAcross(seq<A...> &&s, F &&f, const bytedmd_location *where,
                                 const char *unmodeled) {
  AcrossState &st = acrossState;
  const bool opaque = st.depth == 0 || st.depth > 64 || st.opaque[st.depth - 1];
  if (st.depth > 0)
    --st.depth;
  if (!opaque)
    return call(std::move(s), f);
  if (unmodeled != nullptr)
    bytedmd_diagnostic(where, unmodeled);
  // The same type as call's: an arithmetic result comes back as an untracked V.
  using R = std::invoke_result_t<F &, decltype(val(std::declval<A>()))...>;
  if constexpr (isArithmetic<R> && !std::is_reference_v<R>)
    return V<R>{invoke(std::move(s), f), 0};
  else
    return invoke(std::move(s), f);
}

// ---- containers --------------------------------------------------------------

template <class T> struct IsVector : std::false_type {};
template <class T, class A> struct IsVector<std::vector<T, A>> : std::true_type {};
template <class T> struct IsStdArray : std::false_type {};
template <class T, std::size_t N> struct IsStdArray<std::array<T, N>> : std::true_type {};

/// Calls f on every arithmetic element of x, in row-major order.
template <class T> struct IsTupleLike : std::false_type {};
template <class A, class B> struct IsTupleLike<std::pair<A, B>> : std::true_type {};
template <class... A> struct IsTupleLike<std::tuple<A...>> : std::true_type {};

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

/// Copies the keys of src's elements to dst's (after a library copy).
template <class D, class S> inline void copyKeys(D &dst, const S &src) {
  using DT = std::remove_cv_t<D>;
  if constexpr (std::is_arithmetic_v<DT>) {
    bytedmd_store(&dst, bytedmd_load(&src, bits(src)), bits(dst));
  } else if constexpr (IsVector<DT>::value || IsStdArray<DT>::value || std::is_array_v<DT>) {
    auto d = std::begin(dst);
    for (auto s = std::begin(src); s != std::end(src) && d != std::end(dst); ++s, ++d)
      copyKeys(*d, *s);
  } else if constexpr (IsTupleLike<DT>::value && std::is_same_v<DT, std::remove_cv_t<S>>) {
    std::apply(
        [&](auto &...d) { std::apply([&](const auto &...s) { (copyKeys(d, s), ...); }, src); },
        dst);
  } else if constexpr (isByteCopied<DT> && std::is_same_v<DT, std::remove_cv_t<S>>) {
    bytedmd_shadow_copy(const_cast<DT *>(&dst), &src, sizeof(DT));
  }
}

// ---- small objects returned by value ------------------------------------------
//
// A small struct or std::pair returned by value travels in registers (the
// calling convention), so no address carries its keys from the callee's
// object to the caller's. The producer (a `return` of an instrumented
// function, make_pair, a braced aggregate) leaves the keys here, slot by
// slot, tagged with the type; the place that stores the value (a declaration,
// an assignment, a parameter) takes them.

/// Types whose values pass through the handoff.
template <class T>
constexpr bool isHandedOver = (isByteCopied<std::remove_cv_t<T>> ||
                               IsTupleLike<std::remove_cv_t<T>>::value) &&
                              sizeof(T) <= 4 * 64;

template <class T> inline const char typeTag = 0;

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

/// Takes the keys of the value just stored in x, if they are waiting for
/// its type; the bits check rejects a value that was changed on the way.
template <class T> inline void receive(T &x) {
  if constexpr (isHandedOver<T>) {
    Handoff &h = handoff();
    if (h.tag != &typeTag<std::remove_cv_t<T>>)
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
  } else if constexpr (isHandedOver<D>) {
    dst = std::forward<S>(src);
    receive(dst); // a value returned by a call: its keys wait in the handoff
  } else {
    dst = std::forward<S>(src);
  }
  return dst;
}

/// A container constructed from an lvalue (`std::vector<double> b = a;`):
/// binds the copy's keys after the declaration.
template <class D, class S> inline void copied(D &dst, const S &src) { copyKeys(dst, src); }

/// `v.push_back(x)` and `v.emplace_back(x)` on a vector of arithmetic values:
/// the new element takes x's key; a reallocation moves every key along.
template <class Vec, class X> inline void pushBack(Vec &v, X &&x) {
  using T = typename Vec::value_type;
  const bytedmd_key k = key(x);
  if (v.size() < v.capacity() || !std::is_arithmetic_v<T>) {
    v.push_back(val(std::forward<X>(x)));
  } else {
    // Growth frees the old elements (and so their keys) before we could copy
    // them: read the keys first. Amortised O(1) per element, as growth is.
    static thread_local std::vector<bytedmd_key> keys;
    keys.resize(v.size());
    for (std::size_t i = 0; i < v.size(); ++i)
      keys[i] = bytedmd_load(&v[i], bits(v[i]));
    v.push_back(val(std::forward<X>(x)));
    for (std::size_t i = 0; i + 1 < v.size(); ++i)
      bytedmd_store(&v[i], keys[i], bits(v[i]));
  }
  if constexpr (std::is_arithmetic_v<T>)
    bytedmd_store(&v.back(), k, bits(v.back()));
}

/// Forgets the keys held in x's own bytes (a fresh local: the stack may hold
/// keys of an earlier frame). A vector's elements live on the heap.
template <class X> inline void forget(X &x) {
  if constexpr (!IsVector<std::remove_cv_t<X>>::value)
    bytedmd_shadow_forget(&x, sizeof(X));
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

// ---- standard algorithms: the element copies keep their keys ------------------

/// std::copy and std::move (the algorithm), forward, element by element.
template <class In, class Out> inline Out copy(In first, In last, Out out) {
  for (; first != last; ++first, ++out) {
    const bytedmd_key k = keyAt(*first);
    *out = *first;
    storeKey(*out, k);
  }
  return out;
}
template <class In, class Out> inline Out move(In first, In last, Out out) {
  return bytedmd::copy(first, last, out);
}
template <class In, class N, class Out> inline Out copy_n(In first, N n, Out out) {
  for (auto i = escape(n); i > 0; --i, ++first, ++out) {
    const bytedmd_key k = keyAt(*first);
    *out = *first;
    storeKey(*out, k);
  }
  return out;
}
/// std::fill: every element becomes a copy of value, with its key.
template <class It, class X> inline void fill(It first, It last, X &&value) {
  const bytedmd_key k = key(value);
  for (; first != last; ++first) {
    *first = val(value);
    storeKey(*first, k);
  }
}
template <class It, class N, class X> inline It fill_n(It first, N n, X &&value) {
  const bytedmd_key k = key(value);
  for (auto i = escape(n); i > 0; --i, ++first) {
    *first = val(value);
    storeKey(*first, k);
  }
  return first;
}
/// std::swap: the values trade places and keys.
template <class T> inline void swap(T &a, T &b) {
  using TT = std::remove_cv_t<T>;
  if constexpr (std::is_arithmetic_v<TT>) {
    const bytedmd_key ka = keyAt(a), kb = keyAt(b);
    std::swap(a, b);
    storeKey(a, kb);
    storeKey(b, ka);
  } else if constexpr (IsVector<TT>::value) {
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

// ---- C allocation: fresh blocks hold no keys, freed blocks forget theirs ----------

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

// ---- std::vector members that move elements -------------------------------------

/// The keys of v's elements, in order.
template <class Vec> inline std::vector<bytedmd_key> keysOf(const Vec &v) {
  std::vector<bytedmd_key> keys;
  keys.reserve(v.size());
  for (const auto &e : v)
    keys.push_back(keyAt(e));
  return keys;
}
template <class Vec> inline void setKeys(Vec &v, const std::vector<bytedmd_key> &keys) {
  for (std::size_t i = 0; i < v.size() && i < keys.size(); ++i)
    storeKey(v[i], keys[i]);
}

/// v.insert(pos, x) and v.insert(pos, n, x).
template <class Vec, class It, class X> inline auto vinsert(Vec &v, It pos, X &&x) {
  const std::size_t at = std::size_t(pos - v.cbegin());
  std::vector<bytedmd_key> keys = keysOf(v);
  keys.insert(keys.begin() + std::ptrdiff_t(at), key(x));
  auto r = v.insert(v.begin() + std::ptrdiff_t(at), val(std::forward<X>(x)));
  setKeys(v, keys);
  return r;
}
template <class Vec, class It, class N, class X> inline auto vinsert(Vec &v, It pos, N n, X &&x) {
  const std::size_t at = std::size_t(pos - v.cbegin());
  const std::size_t count = std::size_t(escape(n));
  std::vector<bytedmd_key> keys = keysOf(v);
  keys.insert(keys.begin() + std::ptrdiff_t(at), count, key(x));
  auto r = v.insert(v.begin() + std::ptrdiff_t(at), count, val(std::forward<X>(x)));
  setKeys(v, keys);
  return r;
}
/// v.insert(pos, first, last) from another range.
template <class Vec, class It, class In>
inline auto vinsertRange(Vec &v, It pos, In first, In last) {
  const std::size_t at = std::size_t(pos - v.cbegin());
  std::vector<bytedmd_key> keys = keysOf(v), added;
  for (In i = first; i != last; ++i)
    added.push_back(keyAt(*i));
  keys.insert(keys.begin() + std::ptrdiff_t(at), added.begin(), added.end());
  auto r = v.insert(v.begin() + std::ptrdiff_t(at), first, last);
  setKeys(v, keys);
  return r;
}
/// v.assign(n, x) and v.assign(first, last).
template <class Vec, class N, class X> inline void vassign(Vec &v, N n, X &&x) {
  const std::size_t count = std::size_t(escape(n));
  const bytedmd_key k = key(x);
  v.assign(count, val(std::forward<X>(x)));
  setKeys(v, std::vector<bytedmd_key>(count, k));
}
template <class Vec, class In> inline void vassignRange(Vec &v, In first, In last) {
  std::vector<bytedmd_key> keys;
  for (In i = first; i != last; ++i)
    keys.push_back(keyAt(*i));
  v.assign(first, last);
  setKeys(v, keys);
}
/// v.resize(n) and v.resize(n, x): new elements are copies of x (or untracked).
template <class Vec, class N> inline void vresize(Vec &v, N n) {
  const std::size_t count = std::size_t(escape(n));
  std::vector<bytedmd_key> keys = keysOf(v);
  keys.resize(count, 0);
  v.resize(count);
  setKeys(v, keys);
}
template <class Vec, class N, class X> inline void vresize(Vec &v, N n, X &&x) {
  const std::size_t count = std::size_t(escape(n));
  std::vector<bytedmd_key> keys = keysOf(v);
  keys.resize(count, key(x));
  v.resize(count, val(std::forward<X>(x)));
  setKeys(v, keys);
}
/// v.erase(pos) and v.erase(first, last): the elements after move down.
template <class Vec, class It> inline auto verase(Vec &v, It pos) {
  const std::size_t at = std::size_t(pos - v.cbegin());
  std::vector<bytedmd_key> keys = keysOf(v);
  keys.erase(keys.begin() + std::ptrdiff_t(at));
  auto r = v.erase(v.begin() + std::ptrdiff_t(at));
  setKeys(v, keys);
  return r;
}
template <class Vec, class It> inline auto verase(Vec &v, It first, It last) {
  const std::size_t a = std::size_t(first - v.cbegin()), b = std::size_t(last - v.cbegin());
  std::vector<bytedmd_key> keys = keysOf(v);
  keys.erase(keys.begin() + std::ptrdiff_t(a), keys.begin() + std::ptrdiff_t(b));
  auto r = v.erase(v.begin() + std::ptrdiff_t(a), v.begin() + std::ptrdiff_t(b));
  setKeys(v, keys);
  return r;
}

/// A braced list's elements: stash(x) keeps each element's key in order;
/// bindStashed(object, n) gives the n stashed keys to object's first n
/// elements (row-major) and key 0 to the rest; listed<T>(n, {...}) builds T
/// from the list and does the same.
struct Stash {
  bytedmd_key keys[256];
  unsigned size = 0;
};
inline Stash &stash() {
  static thread_local Stash s;
  return s;
}
template <class X> inline decltype(auto) stash(X &&x) {
  Stash &s = stash();
  if (s.size < 256)
    s.keys[s.size] = key(x);
  ++s.size;
  return val(std::forward<X>(x));
}
template <class T> inline void bindStashed(T &object, unsigned n) {
  Stash &s = stash();
  const unsigned first = s.size >= n ? s.size - n : 0;
  unsigned i = first;
  forEachElement(object, [&](auto &e) {
    bytedmd_store(&e, i < s.size && i < 256 ? s.keys[i] : 0, bits(e));
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
  Stash &s = stash();
  const unsigned first = s.size >= n ? s.size - n : 0;
  unsigned i = first;
  (
      [&](auto &f) {
        storeKey(f, i < s.size && i < 256 ? s.keys[i] : 0);
        ++i;
      }(fields),
      ...);
  s.size = first;
}
/// std::vector<double> v(n, x): every element takes the one stashed key.
template <class Vec> inline void fillStashed(Vec &v) {
  Stash &s = stash();
  const bytedmd_key k = s.size != 0 && s.size <= 256 ? s.keys[s.size - 1] : 0;
  if (s.size != 0)
    --s.size;
  for (auto &e : v)
    storeKey(e, k);
}
/// withFields(T{...}, bind): a prvalue built from a braced list, its members
/// bound by `bind` (a return of an aggregate).
template <class T, class F> inline T withFields(T &&object, F &&bind) {
  forget(object);
  bind(object);
  handOver(object);
  return std::move(object);
}
/// std::make_pair / std::make_tuple over operands in source order.
template <class... A> inline auto make_tuple(seq<A...> &&s) {
  return std::apply(
      [](auto &&...a) {
        auto t = std::make_tuple(val(static_cast<decltype(a) &&>(a))...);
        const bytedmd_key keys[] = {key(a)..., 0};
        std::size_t i = 0;
        std::apply([&](auto &...e) { ((storeKey(e, keys[i]), ++i), ...); }, t);
        handOver(t);
        return t;
      },
      std::move(s.items));
}
template <class A, class B> inline auto make_pair(seq<A, B> &&s) {
  auto &&a = std::get<0>(s.items);
  auto &&b = std::get<1>(s.items);
  auto p = std::make_pair(val(static_cast<A>(a)), val(static_cast<B>(b)));
  storeKey(p.first, key(a));
  storeKey(p.second, key(b));
  handOver(p);
  return p;
}

// ---- functions -----------------------------------------------------------------

/// The frame of an instrumented function: opens a measurement when it is a
/// measured function called from code that is not measuring, and closes it
/// on every exit.
class Frame {
public:
  explicit Frame(const bytedmd_function *measured)
      : opened_(measured != nullptr && bytedmd_enter(measured)) {
    bytedmd_call_state *calls = bytedmd_calls();
    fromCall_ = !opened_ && calls->pending;
    calls->pending = 0;
  }
  ~Frame() {
    for (unsigned i = 0; i < outputCount_; ++i)
      outputs_[i].mark(outputs_[i].object);
    bytedmd_leave(opened_);
  }

  /// --keep-outputs: what the measured function writes through this
  /// reference parameter stays live to the end, like a result.
  template <class X> void outputs(X &x) {
    if (!opened_ || outputCount_ == kMaxOutputs)
      return;
    static const bool named = (bytedmd_set_variant("keep-outputs"), true);
    (void)named;
    outputs_[outputCount_++] = {&x, [](const void *p) { markResults(*static_cast<const X *>(p)); }};
  }
  Frame(const Frame &) = delete;
  Frame &operator=(const Frame &) = delete;

  bool opened() const { return opened_; }

  /// Declares the parameters' elements as inputs, last parameter first.
  template <class... P> void inputs(P &...params) {
    if (!opened_)
      return;
    (declare(params), ...);
  }

  /// A load through pointer parameter p (p[i], *p): an element not yet
  /// tracked is an input of p, placed by its address.
  template <class T, class P> decltype(auto) ldIn(T &x, P p) {
    if (opened_ && !bytedmd_current(bytedmd_shadow_load(&x, bits(x))))
      for (unsigned i = 0; i < pointerCount_; ++i)
        if (pointers_[i].base == reinterpret_cast<const char *>(p)) {
          const std::uint64_t offset =
              std::uint64_t(reinterpret_cast<const char *>(&x) - pointers_[i].base);
          const bytedmd_key k =
              bytedmd_input_at_sized(pointers_[i].group, offset, sizeLog2<std::remove_cv_t<T>>());
          bytedmd_shadow_store(&x, k, bits(x));
          if (!pointers_[i].name.empty() && bytedmd_names_wanted())
            bytedmd_name_input(
                k, (pointers_[i].name + "[" + std::to_string(offset / sizeof(T)) + "]").c_str());
          break;
        }
    return ld(x);
  }

  /// inputs() with the parameters' source names, comma-separated ("y,x"),
  /// for an IR with names (BYTEDMD_IR_NAMES=1): elements are x[0], A[1][2].
  template <class... P> void namedInputs(const char *names, P &...params) {
    if (!opened_)
      return;
    if (!bytedmd_names_wanted()) {
      (declare(params), ...);
      return;
    }
    const std::string all(names);
    std::size_t start = 0;
    auto next = [&] {
      const std::size_t comma = all.find(',', start);
      std::string name =
          all.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      start = comma == std::string::npos ? all.size() : comma + 1;
      return name;
    };
    (declareNamed(params, next()), ...);
  }

  /// Binds by-value parameter number i to the key of the caller's argument
  /// (a scalar), or to its elements' keys (a container copied into p).
  template <class P> void argument(unsigned i, P &p) {
    if (!fromCall_)
      return;
    const bytedmd_call_state *calls = bytedmd_calls();
    if (i >= calls->count)
      return;
    if constexpr (isArithmetic<P>) {
      bytedmd_store(&p, calls->keys[i], bits(p));
    } else if (calls->sources[i] != nullptr) {
      copyKeys(p, *static_cast<const P *>(calls->sources[i]));
    } else {
      receive(p); // a value built by the caller's argument expression
    }
  }

  /// A construct in this function that the tool cannot model: any
  /// measurement that runs the function is approximate.
  void diagnose(const bytedmd_location *where, const char *message) {
    bytedmd_diagnostic(where, message);
  }

  /// `return x;` of an arithmetic value.
  template <class X> decltype(auto) ret(X &&x) {
    if (opened_) {
      const bytedmd_key k = key(x);
      bytedmd_results(&k, 1);
    } else {
      bytedmd_call_state *calls = bytedmd_calls();
      calls->return_key = key(x);
      calls->has_return = 1;
    }
    return val(std::forward<X>(x));
  }

  /// Marks the elements of a returned object as results.
  template <class X> void results(const X &x) {
    if (opened_)
      markResults(x);
  }
  /// `return expr;` of an object: marks its elements, keeping their keys
  /// through a copy if expr is an lvalue.
  template <class R, class X> R retObject(X &&x) {
    if constexpr (std::is_lvalue_reference_v<X> && !std::is_reference_v<R>) {
      R r(x);
      copyKeys(r, x);
      results(r);
      handOver(r);
      return r;
    } else if constexpr (isHandedOver<R>) {
      R r(std::move(x)); // came back in registers: its keys wait in the handoff
      receive(r);
      results(r);
      handOver(r);
      return r;
    } else {
      results(x);
      return std::forward<X>(x);
    }
  }

private:
  template <class X, class F> static void walkNamed(X &x, std::string &path, F &f) {
    using D = std::remove_cv_t<X>;
    if constexpr (std::is_arithmetic_v<D>) {
      f(x, path);
    } else if constexpr (std::is_array_v<D> || IsVector<D>::value || IsStdArray<D>::value) {
      std::size_t i = 0;
      for (auto &e : x) {
        const std::size_t length = path.size();
        path += "[" + std::to_string(i++) + "]";
        walkNamed(e, path, f);
        path.resize(length);
      }
    } else if constexpr (IsTupleLike<D>::value) {
      std::size_t i = 0;
      std::apply(
          [&](auto &...e) {
            (
                [&](auto &member) {
                  const std::size_t length = path.size();
                  path += "." + std::to_string(i++);
                  walkNamed(member, path, f);
                  path.resize(length);
                }(e),
                ...);
          },
          x);
    }
  }
  template <class P> void declareNamed(P &p, std::string name) {
    bytedmd_input_group();
    if constexpr (std::is_pointer_v<P>) {
      addPointer(p, std::move(name)); // its elements are declared when first read
      return;
    }
    auto f = [](auto &e, const std::string &path) {
      if (!bytedmd_current(bytedmd_shadow_load(&e, bits(e)))) {
        const bytedmd_key k =
            bytedmd_input_sized(sizeLog2<std::remove_cv_t<std::remove_reference_t<decltype(e)>>>());
        bytedmd_shadow_store(&e, k, bits(e));
        bytedmd_name_input(k, path.c_str());
      }
    };
    walkNamed(p, name, f);
  }
  template <class P> void addPointer(P p, std::string name) {
    if (pointerCount_ < kMaxPointers)
      pointers_[pointerCount_++] = {reinterpret_cast<const char *>(p),
                                    bytedmd_input_group_current(), std::move(name)};
  }
  template <class P> void declare(P &p) {
    bytedmd_input_group();
    if constexpr (std::is_pointer_v<P>) {
      addPointer(p, std::string());
      return;
    }
    forEachElement(p, [](auto &e) {
      // An element reachable from two parameters is one input.
      if (!bytedmd_current(bytedmd_shadow_load(&e, bits(e))))
        bytedmd_shadow_store(
            &e, bytedmd_input_sized(sizeLog2<std::remove_cv_t<std::remove_reference_t<decltype(e)>>>()),
            bits(e));
    });
  }

  struct PointerInput {
    const char *base;
    std::uint32_t group;
    std::string name;
  };
  static constexpr unsigned kMaxPointers = 16;
  PointerInput pointers_[kMaxPointers];
  unsigned pointerCount_ = 0;
  static constexpr unsigned kMaxOutputs = 16;
  struct Output {
    const void *object;
    void (*mark)(const void *);
  };
  Output outputs_[kMaxOutputs];
  unsigned outputCount_ = 0;
  bool opened_;
  bool fromCall_ = false;
};

} // namespace bytedmd

#endif // BYTEDMD_INSTRUMENT_HPP
