// bytedmd/detail/functional.hpp - the function objects of <functional> on tracked values.
//
// std::plus<double>()(a, b) computes a + b, and the model prices it as that
// one instruction (semantics.md, "Instructions"): its operands, converted to
// the object's argument type (a conversion is free and keeps the key), are
// read by the instruction of its operator. The comparisons (std::less<T>, ...)
// give a tracked bool. logical_and, logical_or and logical_not read their
// operands as truth values, short-circuit as && and || do, and give an
// untracked bool. The void forms (std::plus<>) take the operands as they are.
// Before and after, for a call written in the file:
//
//   double s = std::plus<double>()(a, b);
//   double s = ::bytedmd::init(&s, ::bytedmd::functorCall(std::plus<double>(),
//       ::bytedmd::seq{::bytedmd::ld(a), ::bytedmd::ld(b)}, &bytedmd_loc_0));
//
// Handed to an algorithm (algorithms.hpp), the object is adapted by
// ::bytedmd::functor: the same instruction over the algorithm's elements.
#ifndef BYTEDMD_DETAIL_FUNCTIONAL_HPP
#define BYTEDMD_DETAIL_FUNCTIONAL_HPP

#include "bytedmd/detail/algorithms.hpp"

// std::plus and the others come with <vector> (algorithms.hpp), which
// includes libstdc++'s bits/stl_function.h; <functional> itself would bring
// names (uniform_int_distribution's a(), b()) that users' one-letter macros
// break.
#include <tuple>
#include <type_traits>
#include <utility>

namespace bytedmd {
namespace detail {

enum class _Functor_kind { _None, _Instruction, _And, _Or, _Not };

/// What a function object of <functional> computes: the kind, the
/// instruction (bytedmd/ops.def) and the type its operands convert to.
template <class _Fn> struct _Std_functor {
  static constexpr _Functor_kind __kind = _Functor_kind::_None;
};
#define BYTEDMD_FUNCTOR_(_Name, _Kind, _Op)                                                        \
  template <class _Tp> struct _Std_functor<std::_Name<_Tp>> {                                      \
    static constexpr _Functor_kind __kind = _Functor_kind::_Kind;                                  \
    static constexpr bytedmd_op __op = _Op;                                                        \
    using _Arg = _Tp;                                                                              \
  };
BYTEDMD_FUNCTOR_(plus, _Instruction, BYTEDMD_OP_ADD)
BYTEDMD_FUNCTOR_(minus, _Instruction, BYTEDMD_OP_SUB)
BYTEDMD_FUNCTOR_(multiplies, _Instruction, BYTEDMD_OP_MUL)
BYTEDMD_FUNCTOR_(divides, _Instruction, BYTEDMD_OP_DIV)
BYTEDMD_FUNCTOR_(modulus, _Instruction, BYTEDMD_OP_MOD)
BYTEDMD_FUNCTOR_(negate, _Instruction, BYTEDMD_OP_NEG)
BYTEDMD_FUNCTOR_(bit_and, _Instruction, BYTEDMD_OP_AND)
BYTEDMD_FUNCTOR_(bit_or, _Instruction, BYTEDMD_OP_OR)
BYTEDMD_FUNCTOR_(bit_xor, _Instruction, BYTEDMD_OP_XOR)
BYTEDMD_FUNCTOR_(bit_not, _Instruction, BYTEDMD_OP_INVERT)
BYTEDMD_FUNCTOR_(less, _Instruction, BYTEDMD_OP_LT)
BYTEDMD_FUNCTOR_(greater, _Instruction, BYTEDMD_OP_GT)
BYTEDMD_FUNCTOR_(less_equal, _Instruction, BYTEDMD_OP_LE)
BYTEDMD_FUNCTOR_(greater_equal, _Instruction, BYTEDMD_OP_GE)
BYTEDMD_FUNCTOR_(equal_to, _Instruction, BYTEDMD_OP_EQ)
BYTEDMD_FUNCTOR_(not_equal_to, _Instruction, BYTEDMD_OP_NE)
BYTEDMD_FUNCTOR_(logical_and, _And, BYTEDMD_OP_TRUTH)
BYTEDMD_FUNCTOR_(logical_or, _Or, BYTEDMD_OP_TRUTH)
BYTEDMD_FUNCTOR_(logical_not, _Not, BYTEDMD_OP_TRUTH)
#undef BYTEDMD_FUNCTOR_

template <class _Fn>
constexpr bool __std_functor_v =
    _Std_functor<std::remove_cv_t<std::remove_reference_t<_Fn>>>::__kind != _Functor_kind::_None;

/// An operand as the object's parameter (const T&) binds it: converted to
/// T, key and all; the void forms take it as it is.
template <class _Arg, class _Xp> inline auto __functor_operand(const _Xp &__x) {
  using _Vp = std::remove_cv_t<std::remove_reference_t<decltype(__value_of(__x))>>;
  using _Tp = std::conditional_t<std::is_void_v<_Arg>, _Vp, std::remove_cv_t<_Arg>>;
  return _Tracked<_Tp>{static_cast<_Tp>(__value_of(__x)), __key_of(__x)};
}

/// The object's operator on tracked operands, `at` the instruction's site:
/// its instruction's output converted to the object's result type, or, for
/// the logical ones, the truth reads and an untracked bool.
template <class _Fn, class... _Xp> inline auto __functor_apply(bytedmd_location *__at, const _Xp &...__x) {
  using _Info = _Std_functor<_Fn>;
  using _Arg = typename _Info::_Arg;
  if constexpr (_Info::__kind == _Functor_kind::_And) {
    const auto &[__a, __b] = std::tuple{__functor_operand<_Arg>(__x)...};
    return ::bytedmd::truth(__a, __at) && ::bytedmd::truth(__b, __at);
  } else if constexpr (_Info::__kind == _Functor_kind::_Or) {
    const auto &[__a, __b] = std::tuple{__functor_operand<_Arg>(__x)...};
    return ::bytedmd::truth(__a, __at) || ::bytedmd::truth(__b, __at);
  } else if constexpr (_Info::__kind == _Functor_kind::_Not) {
    return !::bytedmd::truth(__functor_operand<_Arg>(__x)..., __at);
  } else {
    using _Rp = decltype(_Fn()(__functor_operand<_Arg>(__x).__v...));
    if constexpr (sizeof...(_Xp) == 1) {
      const auto __r = ::bytedmd::un<_Info::__op>(__functor_operand<_Arg>(__x)..., __at);
      return _Tracked<_Rp>{static_cast<_Rp>(__r.__v), __r.__k};
    } else {
      const auto __r = __bin<_Info::__op>(seq{__functor_operand<_Arg>(__x)...}, __at);
      return _Tracked<_Rp>{static_cast<_Rp>(__r.__v), __r.__k};
    }
  }
}

/// A function object of <functional> handed to an algorithm: its operands
/// are the algorithm's elements; an arithmetic result is an element with its
/// key, a comparison's a _Truth (read when it decides a branch).
template <class _Fn> class _Functor {
public:
  // The library's objects are empty: nothing of __f is needed to apply it.
  explicit _Functor(const _Fn &) {}
  template <class... _Ap> auto operator()(const _Ap &...__a) const {
    const auto __r = __functor_apply<_Fn>(nullptr, __tracked_operand(__a)...);
    if constexpr (std::is_same_v<decltype(__r), const bool>)
      return __r; // logical: already read
    else if constexpr (std::is_same_v<decltype(__r.__v), bool>)
      return _Truth{__r.__v, __r.__k};
    else
      return _Elem<decltype(__r.__v)>(__r.__v, __r.__k);
  }
};

} // namespace detail

/// std::plus<double>()(a, b) and the like, called in the file: the
/// instruction over the tracked operands (plain values: the object's own call).
template <class _Fn, class... _Ap>
inline auto functorCall(const _Fn &__f, seq<_Ap...> &&__s, bytedmd_location *__at = nullptr) {
  return std::apply(
      [&](auto &&...__x) {
        if constexpr ((detail::__tracked_v<decltype(__x)> || ...))
          return detail::__functor_apply<std::remove_cv_t<_Fn>>(__at, __x...);
        else
          return __f(detail::__value_of(__x)...);
      },
      std::move(__s.__items));
}

/// A function object of <functional> handed to an algorithm, adapted.
template <class _Fn> inline detail::_Functor<std::decay_t<_Fn>> functor(_Fn &&__f) {
  return detail::_Functor<std::decay_t<_Fn>>(static_cast<_Fn &&>(__f));
}

} // namespace bytedmd

#endif // BYTEDMD_DETAIL_FUNCTIONAL_HPP
