// bytedmd/detail/instructions.hpp - instructions (a READ of the operands, a STORE of the output) and reads without output.
//
// Every operator and standard math function of an instrumented function
// becomes one instruction; a truth value, a subscript or an argument passed to
// code that is not instrumented becomes a read with no output (semantics.md,
// Part B). Before and after, for `if (a > 0) s += x[i];`:
//
//   if (::bytedmd::truth(::bytedmd::bin<BYTEDMD_OP_GT>(::bytedmd::seq{::bytedmd::ld(a) , 0},
//           &bytedmd_loc_1), &bytedmd_loc_0))
//     ::bytedmd::cset<BYTEDMD_OP_ADD>(s, ::bytedmd::ld(x[::bytedmd::index(::bytedmd::ld(i),
//         &bytedmd_loc_0)]), &bytedmd_loc_2);
//
// Each takes the static location of its line, so costs can be charged per
// source line. Every template also accepts untracked operands (literals,
// class types), so one rewrite serves a template for every instantiation.
#ifndef BYTEDMD_DETAIL_INSTRUCTIONS_HPP
#define BYTEDMD_DETAIL_INSTRUCTIONS_HPP

#include "bytedmd/detail/values.hpp"

#include <cstddef>
#include <cstdint>
#include <tuple>
#include <type_traits>
#include <utility>

namespace bytedmd {
namespace detail {

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

} // namespace detail

/// A binary operator: one instruction reading the tracked operands.
template <bytedmd_op Op, class A, class B>
inline auto bin(seq<A, B> &&s, bytedmd_location *at = nullptr) {
  auto &&a = std::get<0>(s.items);
  auto &&b = std::get<1>(s.items);
  auto r = detail::apply2<Op>(detail::val(static_cast<A>(a)), detail::val(static_cast<B>(b)));
  if constexpr (detail::isV<A> || detail::isV<B>)
    return detail::V<decltype(r)>{
        r, (detail::place(at), bytedmd_binary(detail::sized<decltype(r)>(Op), detail::key(a),
                                              detail::key(b)))};
  else
    return r;
}

/// A unary operator: -x, +x, ~x.
template <bytedmd_op Op, class A> inline auto un(A &&a, bytedmd_location *at = nullptr) {
  auto &&x = detail::val(a);
  auto r = detail::Operator<Op>::apply(x);
  if constexpr (detail::isV<A>)
    return detail::V<decltype(r)>{
        r, (detail::place(at), bytedmd_unary(detail::sized<decltype(r)>(Op), a.k))};
  else
    return r;
}

/// `lhs op= x`, as `lhs = lhs op x`: reads lhs, then x.
template <bytedmd_op Op, class L, class X>
inline L &cset(L &lhs, X &&x, bytedmd_location *at = nullptr) {
  if constexpr (detail::isArithmetic<L>) {
    const bytedmd_key k = bytedmd_load(&lhs, detail::bits(lhs));
    const auto &v = detail::val(x);
    detail::Operator<Op>::assign(lhs, v);
    detail::place(at);
    bytedmd_store(&lhs,
                  bytedmd_binary(detail::sized<std::remove_reference_t<decltype(lhs)>>(Op), k,
                                 detail::key(x)),
                  detail::bits(lhs));
  } else {
    detail::Operator<Op>::assign(lhs, detail::val(std::forward<X>(x)));
  }
  return lhs;
}

/// ++x and --x: read x once, store the new value in x. Returns x.
template <bytedmd_op Op, class L> inline L &pre(L &x, bytedmd_location *at = nullptr) {
  if constexpr (detail::isArithmetic<L> && !std::is_same_v<std::remove_cv_t<L>, bool>) {
    const bytedmd_key k = bytedmd_load(&x, detail::bits(x));
    if constexpr (Op == BYTEDMD_OP_ADD)
      ++x;
    else
      --x;
    detail::place(at);
    bytedmd_store(&x, bytedmd_unary(detail::sized<L>(Op), k), detail::bits(x));
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
  if constexpr (detail::isArithmetic<L> && !std::is_same_v<std::remove_cv_t<L>, bool>) {
    const detail::V<std::remove_cv_t<L>> old{x, bytedmd_load(&x, detail::bits(x))};
    if constexpr (Op == BYTEDMD_OP_ADD)
      ++x;
    else
      --x;
    detail::place(at);
    bytedmd_store(&x, bytedmd_unary(detail::sized<L>(Op), old.k), detail::bits(x));
    return old;
  } else {
    if constexpr (Op == BYTEDMD_OP_ADD)
      return x++;
    else
      return x--;
  }
}

/// A truth value (a condition, an operand of && || !): one READ.
template <class X> inline bool truth(X &&x, bytedmd_location *at = nullptr) {
  if constexpr (detail::isV<X>)
    detail::place(at), bytedmd_read(BYTEDMD_OP_TRUTH, x.k);
  return static_cast<bool>(detail::val(std::forward<X>(x)));
}

/// An array subscript or pointer offset: one READ; the value is untracked.
template <class X> inline decltype(auto) index(X &&x, bytedmd_location *at = nullptr) {
  if constexpr (detail::isV<X>) {
    detail::place(at), bytedmd_read(BYTEDMD_OP_INDEX, x.k);
    return x.v;
  } else {
    return std::forward<X>(x);
  }
}

/// A value passed to code that is not instrumented: one READ.
template <class X> inline decltype(auto) escape(X &&x, bytedmd_location *at = nullptr) {
  if constexpr (detail::isV<X>) {
    detail::place(at), bytedmd_read(BYTEDMD_OP_ESCAPE, x.k);
    return x.v;
  } else {
    return std::forward<X>(x);
  }
}

/// `c ? a : b` on arithmetic values: the condition is a truth read; the
/// result is the chosen operand with its key, converted to the common type.
template <class A, class B> inline auto choose(bool c, A &&a, B &&b) {
  using R = std::common_type_t<std::decay_t<decltype(detail::val(a()))>,
                               std::decay_t<decltype(detail::val(b()))>>;
  if constexpr (detail::isV<decltype(a())> || detail::isV<decltype(b())>) {
    if (c) {
      auto x = a();
      return detail::V<R>{static_cast<R>(detail::val(x)), detail::key(x)};
    }
    auto y = b();
    return detail::V<R>{static_cast<R>(detail::val(y)), detail::key(y)};
  } else {
    return c ? static_cast<R>(a()) : static_cast<R>(b());
  }
}

/// A standard math function: one instruction reading its tracked arguments.
template <bytedmd_op Op, class... A, class F>
inline auto math(seq<A...> &&s, F &&f, bytedmd_location *at = nullptr) {
  return std::apply(
      [&](auto &&...a) {
        auto r = f(detail::val(static_cast<decltype(a) &&>(a))...);
        if constexpr ((detail::isV<A> || ...)) {
          const bytedmd_key keys[] = {detail::key(a)...};
          detail::place(at);
          return detail::V<decltype(r)>{
              r, bytedmd_instruction(detail::sized<decltype(r)>(Op), keys, sizeof...(A))};
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
  using R = std::decay_t<decltype(detail::val(a))>;
  if constexpr (detail::isV<A> || detail::isV<B>) {
    const detail::V<bool> c = bin<Op>(seq{static_cast<B>(b), static_cast<A>(a)}, at);
    if (truth(c, at))
      return detail::V<R>{detail::val(b), detail::key(b)};
    return detail::V<R>{detail::val(a), detail::key(a)};
  } else {
    if (detail::apply2<Op>(b, a))
      return R(b);
    return R(a);
  }
}

} // namespace bytedmd

#endif // BYTEDMD_DETAIL_INSTRUCTIONS_HPP
