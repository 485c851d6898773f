// bytedmd/detail/frame.hpp - a function's frame: a measurement's start, inputs, results, end.
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
#include <tuple>
#include <type_traits>
#include <utility>

namespace bytedmd {

namespace detail {

/// A source name being built ("A[1][2]", "p.0") in a fixed buffer: no
/// allocation, and no <string>, whose operator""s a user's -Ds=1 breaks.
/// A longer name is cut short (it only labels the IR).
class _Name_path {
public:
  _Name_path() { __chars[0] = '\0'; }
  void __append(const char *__text, std::size_t __n) {
    for (std::size_t __i = 0; __i < __n && __length + 1 < sizeof(__chars); ++__i)
      __chars[__length++] = __text[__i];
    __chars[__length] = '\0';
  }
  /// Appends open, the decimal index, and close (none when '\0').
  void __append_index(char __open, std::size_t __index, char __close) {
    char __digits[24];
    std::size_t __n = 0;
    do {
      __digits[__n++] = char('0' + __index % 10);
      __index /= 10;
    } while (__index != 0);
    __append(&__open, 1);
    while (__n != 0)
      __append(&__digits[--__n], 1);
    if (__close != '\0')
      __append(&__close, 1);
  }
  std::size_t __size() const { return __length; }
  void __truncate(std::size_t __n) {
    __length = __n;
    __chars[__n] = '\0';
  }
  const char *__c_str() const { return __chars; }

private:
  char __chars[256];
  std::size_t __length = 0;
};

/// What only the frame that opened this thread's measurement needs: its
/// pointer parameters, whose elements become inputs when first read, its
/// output parameters (--keep-outputs), and whether the IR wants names. Only
/// the outermost measured call on a thread opens a measurement, so one per
/// thread serves, and every other Frame stays two bools. Plain data, so the
/// thread_local needs no initialisation guard.
struct _Opening_frame {
  struct _Pointer_input {
    const char *__base;
    std::uint32_t __group;
    const char *__name; // inside the names literal; null: no name
    std::size_t __name_length;
  };
  struct _Output {
    const void *__object;
    void (*__mark)(const void *);
  };
  static constexpr unsigned __max_pointers = 16;
  static constexpr unsigned __max_outputs = 16;
  _Pointer_input __pointers[__max_pointers];
  unsigned __pointer_count;
  _Output __outputs[__max_outputs];
  unsigned __output_count;
  bool __names; // BYTEDMD_IR_NAMES, read once when the measurement opens
};
inline thread_local _Opening_frame __opening_frame;

/// The arguments of the constructions in flight: `construct<T>(seq{...})`
/// leaves their keys here, tagged with T, for T's constructor (its member
/// initialisers run before its body, so the arguments cannot wait in the
/// call state, which any call in an initialiser would take). Plain data.
struct _Construction {
  const void *__tag;
  unsigned __count;
  bytedmd_key __keys[64];
  const void *__sources[64];
};
struct _Constructions {
  unsigned __depth;
  _Construction __stack[16];
};
inline thread_local _Constructions __constructions;

/// The construction of a C in flight, innermost; null when the constructor
/// runs for another reason (code the tool does not see built the object).
template <class _Cp> inline const _Construction *__constructing() {
  const _Constructions &__c = __constructions;
  if (__c.__depth == 0 || __c.__depth > 16)
    return nullptr;
  const _Construction &__top = __c.__stack[__c.__depth - 1];
  return __top.__tag == &__type_tag<std::remove_cv_t<_Cp>> ? &__top : nullptr;
}

/// One argument of a construction into its record: its key, and an lvalue
/// object as the source of its copy's keys (an rvalue one left them in the
/// handoff).
template <class _Xp, bool _Lvalue>
inline void __record_argument(_Construction &__c, const _Xp &__x) {
  if (__c.__count < 64) {
    __c.__keys[__c.__count] = __key_of(__x);
    __c.__sources[__c.__count] = nullptr;
    if constexpr (!__tracked_v<_Xp> && !__arithmetic_v<_Xp> && _Lvalue)
      __c.__sources[__c.__count] = std::addressof(__x);
  }
  ++__c.__count;
}

/// Opens a construction record of the type tagged __tag, a copy of __c;
/// the caller pops it when the construction is over.
inline void __open_construction(const _Construction &__c, const void *__tag) {
  _Constructions &__all = __constructions;
  if (__all.__depth < 16) {
    _Construction &__top = __all.__stack[__all.__depth];
    __top.__tag = __tag;
    __top.__count = __c.__count;
    for (unsigned __i = 0; __i < __c.__count && __i < 64; ++__i) {
      __top.__keys[__i] = __c.__keys[__i];
      __top.__sources[__i] = __c.__sources[__i];
    }
  }
  ++__all.__depth;
}

/// The arguments of a mem-initializer's construction (`: Q(a, b)`, a base,
/// a delegated constructor or a member), where no construct can be written:
/// a temporary of the mem-initializer, so it lives until Q's constructor has
/// returned. The keys wait here until the last argument is evaluated (an
/// argument may read the enclosing constructor's record, which must stay on
/// top until then); then they become Q's record, popped with this object.
struct _Initialiser_record {
  _Construction __c; // (only its first __count entries are ever read)
  _Initialiser_record *__outer = nullptr;
  bool __opened = false;
  _Initialiser_record() { __c.__count = 0; }
  _Initialiser_record(const _Initialiser_record &) = delete;
  ~_Initialiser_record() {
    if (__opened)
      --__constructions.__depth;
  }
};
/// The mem-initializer whose arguments are being evaluated, innermost.
inline thread_local _Initialiser_record *__pending_initialiser;

template <class _Cp, class _Xp>
inline void __initialiser_argument(_Initialiser_record *__r, unsigned __i, unsigned __n,
                                   const _Xp &__x) {
  if (__r == nullptr || __r->__c.__count != __i)
    return; // (not the mem-initializer the rewrite opened: nothing to record)
  __record_argument<std::remove_reference_t<_Xp>, std::is_lvalue_reference_v<_Xp>>(__r->__c, __x);
  if (__i + 1 == __n) {
    __pending_initialiser = __r->__outer;
    __open_construction(__r->__c, &__type_tag<std::remove_cv_t<_Cp>>);
    __r->__opened = true;
  }
}

} // namespace detail

using InitialiserRecord = detail::_Initialiser_record;

/// `: Q(a, b)` ->
///   `: Q{::bytedmd::initialiserArgument<Q, double>(::bytedmd::InitialiserRecord{}, 2, a),
///        ::bytedmd::initialiserArgument<Q, double>(1, 2, b)}`
/// The braces evaluate the arguments left to right; each is converted to
/// its parameter's type _Pp here, so the braces narrow nothing (one
/// argument keeps its parentheses, and void _Pp its type).
template <class _Cp, class _Pp = void, class _Xp>
inline decltype(auto) initialiserArgument(detail::_Initialiser_record &&__r, unsigned __n,
                                          _Xp &&__x) {
  if (__n > 1) {
    __r.__outer = detail::__pending_initialiser;
    detail::__pending_initialiser = &__r;
  }
  detail::__initialiser_argument<_Cp, _Xp>(&__r, 0, __n, __x);
  if constexpr (std::is_void_v<_Pp>)
    return detail::__value_of(std::forward<_Xp>(__x));
  else
    return static_cast<_Pp>(detail::__value_of(std::forward<_Xp>(__x)));
}
template <class _Cp, class _Pp = void, class _Xp>
inline decltype(auto) initialiserArgument(unsigned __i, unsigned __n, _Xp &&__x) {
  detail::__initialiser_argument<_Cp, _Xp>(detail::__pending_initialiser, __i, __n, __x);
  if constexpr (std::is_void_v<_Pp>)
    return detail::__value_of(std::forward<_Xp>(__x));
  else
    return static_cast<_Pp>(detail::__value_of(std::forward<_Xp>(__x)));
}

/// `T(a, b)` and `T v(a, b)` of a class whose constructor is instrumented:
/// the object is built in place (a prvalue), its constructor finds the
/// arguments' keys in the construction record.
template <class _Tp, bool _Braced = false, class... _Ap>
inline std::remove_cv_t<_Tp> construct(seq<_Ap...> &&__s) {
  using _Dp = std::remove_cv_t<_Tp>;
  detail::_Constructions &__all = detail::__constructions;
  if (__all.__depth < 16) {
    detail::_Construction &__c = __all.__stack[__all.__depth];
    __c.__tag = &detail::__type_tag<_Dp>;
    __c.__count = 0;
    std::apply(
        [&](auto &&...__a) {
          (detail::__record_argument<std::remove_reference_t<decltype(__a)>,
                                     std::is_lvalue_reference_v<decltype(__a)>>(__c, __a),
           ...);
        },
        __s.__items);
  }
  ++__all.__depth;
  struct _Pop {
    ~_Pop() { --detail::__constructions.__depth; }
  } __pop;
  return std::apply(
      [](auto &&...__a) -> _Dp {
        if constexpr (detail::__handed_over_v<_Dp> && std::is_trivially_copyable_v<_Dp>) {
          // A small object comes back in registers: the keys its constructor
          // gives it here go to the receiver through the handoff. (Built in
          // this frame, not in a helper's: its return would lose them too.)
          if constexpr (_Braced) {
            _Dp __object{detail::__value_of(static_cast<decltype(__a) &&>(__a))...};
            detail::__hand_over(__object);
            return __object;
          } else {
            _Dp __object(detail::__value_of(static_cast<decltype(__a) &&>(__a))...);
            detail::__hand_over(__object);
            return __object;
          }
        } else if constexpr (_Braced) {
          return _Dp{detail::__value_of(static_cast<decltype(__a) &&>(__a))...};
        } else {
          return _Dp(detail::__value_of(static_cast<decltype(__a) &&>(__a))...);
        }
      },
      std::move(__s.__items));
}

/// A by-value parameter of C's constructor read in a member initialiser
/// (before the body's frame binds it): its key from the construction record.
template <class _Cp, class _Pp>
inline decltype(auto) constructorArgument(const _Cp *, unsigned __i, _Pp &__p) {
  if constexpr (detail::__arithmetic_v<_Pp>) {
    const detail::_Construction *__c = detail::__constructing<_Cp>();
    return detail::_Tracked<std::remove_cv_t<_Pp>>{
        __p, __c != nullptr && __i < __c->__count && __i < 64 ? __c->__keys[__i] : 0};
  } else {
    return (__p);
  }
}

/// The frame of an instrumented function: opens a measurement when it is a
/// measured function called from code that is not measuring, and closes it
/// on every exit. Inside a measurement it is a scope of it instead (the
/// report's `by_function`). Lambdas have no site: they are their caller's.
class Frame {
public:
  explicit Frame(const bytedmd_function *__site, bool __measured = true)
      : __opened(__measured && __site != nullptr && bytedmd_enter(__site)) {
    bytedmd_call_state *__calls = bytedmd_calls();
    __from_call = !__opened && __calls->__pending;
    __calls->__pending = 0;
    if (__opened) {
      detail::_Opening_frame &__f = detail::__opening_frame;
      __f.__pointer_count = 0;
      __f.__output_count = 0;
      __f.__names = bytedmd_names_wanted() != 0;
    }
    __scoped = !__opened && __site != nullptr && bytedmd_scope_enter(__site) != 0;
  }
  ~Frame() {
    if (__opened) {
      const detail::_Opening_frame &__f = detail::__opening_frame;
      for (unsigned __i = 0; __i < __f.__output_count; ++__i)
        __f.__outputs[__i].__mark(__f.__outputs[__i].__object);
    }
    if (__scoped)
      bytedmd_scope_leave();
    bytedmd_leave(__opened);
  }

  /// --keep-outputs: what the measured function writes through this
  /// reference parameter stays live to the end, like a result.
  template <class _Xp> void outputs(_Xp &__x) {
    detail::_Opening_frame &__f = detail::__opening_frame;
    if (!__opened || __f.__output_count == __f.__max_outputs)
      return;
    static const bool __named = (bytedmd_set_variant("keep-outputs"), true);
    (void)__named;
    __f.__outputs[__f.__output_count++] = {
        &__x, [](const void *__p) { detail::__mark_results(*static_cast<const _Xp *>(__p)); }};
  }
  Frame(const Frame &) = delete;
  Frame &operator=(const Frame &) = delete;

  /// Declares the parameters' elements as inputs, last parameter first.
  template <class... _Pp> void inputs(_Pp &...__params) {
    if (!__opened)
      return;
    (__declare(__params), ...);
  }

  /// A load through pointer parameter p (p[i], *p): an element the
  /// measurement has not touched (read or written) is an input of p, placed
  /// by its address. One it wrote first is not (semantics.md, "Inputs").
  template <class _Tp, class _Pp> decltype(auto) ldIn(_Tp &__x, _Pp __p) {
    if (__opened && !detail::__touched(__x))
      __input_through(__x, reinterpret_cast<const char *>(__p), sizeof(*__p), __through<_Pp>());
    return ::bytedmd::ld(__x);
  }

  /// An element of pointer parameter p about to be read and written in
  /// place (x op= y, ++x): an input if this is its first access, as ldIn.
  template <class _Tp, class _Pp> _Tp &inputRef(_Tp &__x, _Pp __p) {
    if (__opened && !detail::__touched(__x))
      __input_through(__x, reinterpret_cast<const char *>(__p), sizeof(*__p), __through<_Pp>());
    return __x;
  }

  /// inputs() with the parameters' source names, comma-separated ("y,x"),
  /// for an IR with names (BYTEDMD_IR_NAMES=1): elements are x[0], A[1][2].
  template <class... _Pp> void namedInputs(const char *__names, _Pp &...__params) {
    if (!__opened)
      return;
    bytedmd_parameter_names(__names);
    if (!detail::__opening_frame.__names) {
      (__declare(__params), ...);
      return;
    }
    // The names are one string literal: each is (start, length) inside it.
    const char *__start = __names;
    auto __next = [&] {
      const char *__end = __start;
      while (*__end != '\0' && *__end != ',')
        ++__end;
      const _Name __name{__start, std::size_t(__end - __start)};
      __start = *__end == ',' ? __end + 1 : __end;
      return __name;
    };
    (__declare_named(__params, __next()), ...);
  }

  /// Binds by-value parameter number i to the key of the caller's argument
  /// (a scalar), or to its elements' keys (a container copied into p).
  template <class _Pp> void argument(unsigned __i, _Pp &__p) {
    if (!__from_call)
      return;
    const bytedmd_call_state *__calls = bytedmd_calls();
    if (__i >= __calls->__count)
      return;
    if constexpr (detail::__arithmetic_v<_Pp>) {
      detail::__store(__p, __calls->__keys[__i]);
    } else if (__calls->__sources[__i] != nullptr) {
      ::bytedmd::copyKeys(__p, *static_cast<const _Pp *>(__calls->__sources[__i]));
    } else {
      ::bytedmd::receive(__p); // a value built by the caller's argument expression
    }
  }

  /// A construct in this function that the tool cannot model: any
  /// measurement that runs the function is approximate.
  void diagnose(const bytedmd_location *__where, const char *__message) {
    bytedmd_diagnostic(__where, __message);
  }

  /// `return x;` of an arithmetic value, or, in a template instantiated
  /// with a class, of an object (its elements are results; a small one's
  /// keys go to the caller through the handoff, as retObject's do).
  template <class _Xp> decltype(auto) ret(_Xp &&__x) {
    using _Dp = std::remove_cv_t<std::remove_reference_t<_Xp>>;
    if constexpr (std::is_class_v<_Dp> && !detail::__tracked_v<_Dp>) {
      if constexpr (!std::is_lvalue_reference_v<_Xp>)
        ::bytedmd::receive(__x); // a value a construction or a call built: its keys wait
      results(__x);
      detail::__hand_over(__x);
      return std::forward<_Xp>(__x);
    }
    if (__opened) {
      const bytedmd_key __k = detail::__key_of(__x);
      bytedmd_results(&__k, 1);
    } else {
      bytedmd_call_state *__calls = bytedmd_calls();
      __calls->__return_key = detail::__key_of(__x);
      __calls->__has_return = 1;
    }
    return detail::__value_of(std::forward<_Xp>(__x));
  }

  /// Marks the elements of a returned object as results.
  template <class _Xp> void results(const _Xp &__x) {
    if (__opened)
      detail::__mark_results(__x);
  }
  /// `return expr;` of an object: marks its elements, keeping their keys
  /// through a copy if expr is an lvalue.
  template <class _Rp, class _Xp> _Rp retObject(_Xp &&__x) {
    if constexpr (std::is_lvalue_reference_v<_Xp> && !std::is_reference_v<_Rp>) {
      _Rp __r(__x);
      ::bytedmd::copyKeys(__r, __x);
      results(__r);
      detail::__hand_over(__r);
      return __r;
    } else if constexpr (detail::__handed_over_v<_Rp>) {
      // Built here (a braced list bound its keys), or came back from a call
      // in registers (its keys wait in the handoff).
      _Rp __r(std::move(__x));
      ::bytedmd::copyKeys(__r, __x);
      ::bytedmd::receive(__r);
      results(__r);
      detail::__hand_over(__r);
      return __r;
    } else {
      results(__x);
      return std::forward<_Xp>(__x);
    }
  }

private:
  /// How a pointer parameter names what is read through it (IR names).
  enum class _Through { __values, __records, __pointers };
  template <class _Pp> static constexpr _Through __through() {
    using _Ep = std::remove_cv_t<std::remove_pointer_t<_Pp>>;
    return std::is_pointer_v<_Ep> ? _Through::__pointers
           : std::is_class_v<_Ep> ? _Through::__records
                                  : _Through::__values;
  }

  /// x, read through pointer parameter `base` (to elements of `stride`
  /// bytes) and not yet tracked, becomes an input of that parameter, placed
  /// by its address (not its offset from base: the rows of a double ** may
  /// lie anywhere).
  template <class _Tp>
  static void __input_through(_Tp &__x, const char *__base, std::size_t __stride,
                              _Through __how) {
    const detail::_Opening_frame &__f = detail::__opening_frame;
    for (unsigned __i = 0; __i < __f.__pointer_count; ++__i) {
      const detail::_Opening_frame::_Pointer_input &__in = __f.__pointers[__i];
      if (__in.__base != __base)
        continue;
      const std::ptrdiff_t __delta = reinterpret_cast<const char *>(&__x) - __base;
      const bytedmd_key __k = bytedmd_input_at_sized(
          __in.__group, std::uint64_t(reinterpret_cast<std::uintptr_t>(&__x)),
          detail::__size_log2<std::remove_cv_t<_Tp>>());
      detail::__shadow_store(__x, __k);
      if (__in.__name != nullptr && __f.__names)
        __name_through(__k, __in, __delta, __how == _Through::__values ? sizeof(_Tp) : __stride,
                       __how);
      return;
    }
  }
  /// p[i] through a pointer to values (i counts x's type), p[i]+b (byte b
  /// of record i) through a pointer to records, p@+d (d bytes from p)
  /// through a pointer to pointers, whose rows are not p's.
  static void __name_through(bytedmd_key __k, const detail::_Opening_frame::_Pointer_input &__in,
                             std::ptrdiff_t __delta, std::size_t __stride, _Through __how) {
    detail::_Name_path __path;
    __path.__append(__in.__name, __in.__name_length);
    if (__how == _Through::__pointers || __delta < 0) {
      __path.__append("@", 1);
      __path.__append_index(__delta < 0 ? '-' : '+',
                            __delta < 0 ? std::size_t(-__delta) : std::size_t(__delta), '\0');
    } else {
      __path.__append_index('[', std::size_t(__delta) / __stride, ']');
      if (__how == _Through::__records && std::size_t(__delta) % __stride != 0)
        __path.__append_index('+', std::size_t(__delta) % __stride, '\0');
    }
    bytedmd_name_input(__k, __path.__c_str());
  }

  /// A parameter's source name, inside the names literal rewritten code passes.
  struct _Name {
    const char *__chars;
    std::size_t __length;
  };

  template <class _Xp, class _Fn>
  static void __walk_named(_Xp &__x, detail::_Name_path &__path, _Fn &__f) {
    using _Dp = std::remove_cv_t<_Xp>;
    if constexpr (detail::__arithmetic_v<_Dp>) {
      __f(__x, __path);
    } else if constexpr (std::is_array_v<_Dp> || detail::_Is_vector<_Dp>::value ||
                         detail::_Is_std_array<_Dp>::value) {
      std::size_t __i = 0;
      for (auto &__e : __x) {
        const std::size_t __length = __path.__size();
        __path.__append_index('[', __i++, ']');
        __walk_named(__e, __path, __f);
        __path.__truncate(__length);
      }
    } else if constexpr (detail::_Is_tuple_like<_Dp>::value) {
      std::size_t __i = 0;
      std::apply(
          [&](auto &...__e) {
            (
                [&](auto &__member) {
                  const std::size_t __length = __path.__size();
                  __path.__append_index('.', __i++, '\0');
                  __walk_named(__member, __path, __f);
                  __path.__truncate(__length);
                }(__e),
                ...);
          },
          __x);
    } else if constexpr (detail::__has_fields_v<_Dp>) {
      _Dp::bytedmd_fields(
          [&](const char *__field, auto &__member) {
            const std::size_t __length = __path.__size();
            if (__field != nullptr) {
              std::size_t __n = 0;
              while (__field[__n] != '\0')
                ++__n;
              __path.__append(".", 1);
              __path.__append(__field, __n);
            }
            __walk_named(__member, __path, __f);
            __path.__truncate(__length);
          },
          __x);
    }
  }
  template <class _Pp> void __declare_named(_Pp &__p, _Name __name) {
    bytedmd_input_group();
    if constexpr (std::is_pointer_v<_Pp>) {
      __add_pointer_input(__p, __name); // its elements are declared when first read
      return;
    }
    auto __f = [](auto &__e, const detail::_Name_path &__path) {
      if (!detail::__touched(__e)) {
        const bytedmd_key __k = bytedmd_input_sized(
            detail::__size_log2<std::remove_cv_t<std::remove_reference_t<decltype(__e)>>>());
        detail::__shadow_store(__e, __k);
        bytedmd_name_input(__k, __path.__c_str());
      }
    };
    detail::_Name_path __path;
    __path.__append(__name.__chars, __name.__length);
    __walk_named(__p, __path, __f);
  }
  template <class _Pp> static void __add_pointer_input(_Pp __p, _Name __name) {
    detail::_Opening_frame &__f = detail::__opening_frame;
    if (__f.__pointer_count < __f.__max_pointers)
      __f.__pointers[__f.__pointer_count++] = {reinterpret_cast<const char *>(__p),
                                               bytedmd_input_group_current(), __name.__chars,
                                               __name.__length};
  }
  template <class _Pp> void __declare(_Pp &__p) {
    bytedmd_input_group();
    if constexpr (std::is_pointer_v<_Pp>) {
      __add_pointer_input(__p, _Name{nullptr, 0});
      return;
    }
    detail::__for_each_element(__p, [](auto &__e) {
      // An element reachable from two parameters is one input.
      if (!detail::__touched(__e))
        detail::__shadow_store(
            __e, bytedmd_input_sized(
                     detail::__size_log2<std::remove_cv_t<std::remove_reference_t<decltype(__e)>>>()));
    });
  }

protected:
  /// A frame that takes no pending call (a constructor's).
  struct _Not_called {};
  Frame(_Not_called, const bytedmd_function *__site)
      : __opened(false), __scoped(__site != nullptr && bytedmd_scope_enter(__site) != 0) {}

private:
  // Two bools: what the opening frame needs besides is per thread
  // (detail::_Opening_frame), so every call's frame costs nothing more.
  bool __opened;
  bool __from_call = false;
  bool __scoped = false; // a scope of the measurement in flight
};

/// A constructor's frame: its arguments come from the construction record
/// (construct), never from a pending call.
class ConstructorFrame : public Frame {
public:
  template <class _Cp>
  explicit ConstructorFrame(const _Cp *, const bytedmd_function *__site = nullptr)
      : Frame(_Not_called{}, __site), __construction(detail::__constructing<_Cp>()) {}

  template <class _Pp> void argument(unsigned __i, _Pp &__p) {
    if (__construction == nullptr || __i >= __construction->__count || __i >= 64)
      return;
    if constexpr (detail::__arithmetic_v<_Pp>)
      detail::__store(__p, __construction->__keys[__i]);
    else if (__construction->__sources[__i] != nullptr)
      ::bytedmd::copyKeys(__p, *static_cast<const _Pp *>(__construction->__sources[__i]));
    else
      ::bytedmd::receive(__p);
  }

private:
  const detail::_Construction *__construction;
};

} // namespace bytedmd

#endif // BYTEDMD_DETAIL_FRAME_HPP
