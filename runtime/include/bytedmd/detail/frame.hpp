// bytedmd/detail/frame.hpp - the frame of an instrumented function: where a measurement opens, its inputs, its results.
//
// Every instrumented function starts with a Frame. In a measured function
// called from code that is not measuring, the frame opens a measurement,
// declares the parameters' elements as inputs (last parameter first), marks
// what the function returns as results, and closes the measurement on every
// exit. Elsewhere it binds by-value parameters to the keys the caller passed.
// Before and after, for `double dot(const double *x, double a) { return a * x[0]; }`:
//
//   double dot(const double *x, double a) {
//     static bytedmd_function bytedmd_site = {"dot", {"dot.cpp", 1, 8, 0}};
//     static bytedmd_location bytedmd_loc_0 = {"dot.cpp", 1, 0, 0, "a * x[0]"};
//     ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.argument(1, a);
//     bytedmd_frame.namedInputs("a,x", a, x);
//     return bytedmd_frame.ret(::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{::bytedmd::ld(a) ,
//         bytedmd_frame.ldIn(x[0], x)}, &bytedmd_loc_0)); }
#ifndef BYTEDMD_DETAIL_FRAME_HPP
#define BYTEDMD_DETAIL_FRAME_HPP

#include "bytedmd/detail/handoff.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

namespace bytedmd {

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
    outputs_[outputCount_++] = {&x, [](const void *p) { detail::markResults(*static_cast<const X *>(p)); }};
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
    if (opened_ && !bytedmd_current(bytedmd_shadow_load(&x, detail::bits(x))))
      for (unsigned i = 0; i < pointerCount_; ++i)
        if (pointers_[i].base == reinterpret_cast<const char *>(p)) {
          const std::uint64_t offset =
              std::uint64_t(reinterpret_cast<const char *>(&x) - pointers_[i].base);
          const bytedmd_key k =
              bytedmd_input_at_sized(pointers_[i].group, offset, detail::sizeLog2<std::remove_cv_t<T>>());
          bytedmd_shadow_store(&x, k, detail::bits(x));
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
    if constexpr (detail::isArithmetic<P>) {
      bytedmd_store(&p, calls->keys[i], detail::bits(p));
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
      const bytedmd_key k = detail::key(x);
      bytedmd_results(&k, 1);
    } else {
      bytedmd_call_state *calls = bytedmd_calls();
      calls->return_key = detail::key(x);
      calls->has_return = 1;
    }
    return detail::val(std::forward<X>(x));
  }

  /// Marks the elements of a returned object as results.
  template <class X> void results(const X &x) {
    if (opened_)
      detail::markResults(x);
  }
  /// `return expr;` of an object: marks its elements, keeping their keys
  /// through a copy if expr is an lvalue.
  template <class R, class X> R retObject(X &&x) {
    if constexpr (std::is_lvalue_reference_v<X> && !std::is_reference_v<R>) {
      R r(x);
      copyKeys(r, x);
      results(r);
      detail::handOver(r);
      return r;
    } else if constexpr (detail::isHandedOver<R>) {
      R r(std::move(x)); // came back in registers: its keys wait in the handoff
      receive(r);
      results(r);
      detail::handOver(r);
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
    } else if constexpr (std::is_array_v<D> || detail::IsVector<D>::value || detail::IsStdArray<D>::value) {
      std::size_t i = 0;
      for (auto &e : x) {
        const std::size_t length = path.size();
        path += "[" + std::to_string(i++) + "]";
        walkNamed(e, path, f);
        path.resize(length);
      }
    } else if constexpr (detail::IsTupleLike<D>::value) {
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
      if (!bytedmd_current(bytedmd_shadow_load(&e, detail::bits(e)))) {
        const bytedmd_key k =
            bytedmd_input_sized(detail::sizeLog2<std::remove_cv_t<std::remove_reference_t<decltype(e)>>>());
        bytedmd_shadow_store(&e, k, detail::bits(e));
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
    detail::forEachElement(p, [](auto &e) {
      // An element reachable from two parameters is one input.
      if (!bytedmd_current(bytedmd_shadow_load(&e, detail::bits(e))))
        bytedmd_shadow_store(
            &e, bytedmd_input_sized(detail::sizeLog2<std::remove_cv_t<std::remove_reference_t<decltype(e)>>>()),
            detail::bits(e));
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

#endif // BYTEDMD_DETAIL_FRAME_HPP
