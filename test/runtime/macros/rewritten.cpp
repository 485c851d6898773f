// rewritten.cpp - code as bytedmd-instrument writes it, instantiating every
// template of bytedmd/instrument.hpp, for the test that compiles it with a
// user's macros defined (-DA=1 ... -Dz=1, -DN=40, ...). Its own names are
// longer than one letter, so only the header's names can meet a macro; it
// includes no <algorithm>, <iterator> or <string>, which libstdc++ 12 itself
// cannot compile under -Da=1, -Db=1 or -Ds=1.
#include "bytedmd/instrument.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <tuple>
#include <utility>
#include <vector>

struct Triple {
  double first_field, second_field, third_field;
};

extern const char bytedmd_instrumented__Z7elsewhered __attribute__((weak));
double elsewhere(double value);

static double square(double value) {
  static bytedmd_function bytedmd_site = {"square", {"rewritten.cpp", 1, 1, 0}};
  static bytedmd_location bytedmd_loc_0 = {"rewritten.cpp", 2, 0, 0, "value * value"};
  ::bytedmd::Frame bytedmd_frame(&bytedmd_site);
  bytedmd_frame.argument(0, value);
  bytedmd_frame.namedInputs("value", value);
  return bytedmd_frame.ret(::bytedmd::bin<BYTEDMD_OP_MUL>(
      ::bytedmd::seq{::bytedmd::ld(value), ::bytedmd::ld(value)}, &bytedmd_loc_0));
}

static Triple make_triple(double one, double two, double three) {
  static bytedmd_function bytedmd_site = {"make_triple", {"rewritten.cpp", 3, 1, 0}};
  ::bytedmd::Frame bytedmd_frame(&bytedmd_site);
  bytedmd_frame.argument(0, one);
  bytedmd_frame.argument(1, two);
  bytedmd_frame.argument(2, three);
  bytedmd_frame.inputs(three, two, one);
  return bytedmd_frame.retObject<Triple>(::bytedmd::withFields(
      Triple{::bytedmd::stash(::bytedmd::ld(one)), ::bytedmd::stash(::bytedmd::ld(two)),
             ::bytedmd::stash(::bytedmd::ld(three))},
      [&](Triple &bytedmd_o) {
        ::bytedmd::bindFields(3, bytedmd_o.first_field, bytedmd_o.second_field,
                              bytedmd_o.third_field);
      }));
}

static std::vector<double> copy_of(const std::vector<double> &source) {
  static bytedmd_function bytedmd_site = {"copy_of", {"rewritten.cpp", 4, 1, 0}};
  ::bytedmd::Frame bytedmd_frame(&bytedmd_site);
  bytedmd_frame.argument(0, source);
  std::vector<double> result = source;
  ::bytedmd::copied(result, source);
  return bytedmd_frame.retObject<std::vector<double>>(result);
}

double everything(std::vector<double> &values, const double *pointer, std::pair<double, int> pair,
                  std::tuple<double, float> tuple, BYTEDMD_UNTRACKED int count) {
  static bytedmd_function bytedmd_site = {"everything", {"rewritten.cpp", 5, 1, 0}};
  static bytedmd_location bytedmd_loc_0 = {"rewritten.cpp", 6, 0, 0, nullptr};
  ::bytedmd::Frame bytedmd_frame(&bytedmd_site);
  bytedmd_frame.outputs(values);
  bytedmd_frame.argument(2, pair);
  bytedmd_frame.argument(3, tuple);
  bytedmd_frame.argument(4, count);
  bytedmd_frame.namedInputs("tuple,pair.first,pair.second,pointer,values", tuple, pair.first,
                            pair.second, pointer, values);
  {
    static const bytedmd_location bytedmd_where = {"rewritten.cpp", 7, 1, 0};
    bytedmd_frame.diagnose(&bytedmd_where, "bytedmd: a construct");
  }
  double total = ::bytedmd::init(&total, bytedmd_frame.ldIn(pointer[0], pointer));
  int counter = ::bytedmd::init(&counter, 0);
  float narrow = ::bytedmd::init(&narrow, ::bytedmd::cvt<float>(::bytedmd::ld(total)));
  ::bytedmd::set(total, ::bytedmd::un<BYTEDMD_OP_NEG>(::bytedmd::ld(total), &bytedmd_loc_0));
  ::bytedmd::cset<BYTEDMD_OP_ADD>(total, ::bytedmd::ld(narrow), &bytedmd_loc_0);
  ::bytedmd::cset<BYTEDMD_OP_ADD>(counter, 2, &bytedmd_loc_0);
  ::bytedmd::pre<BYTEDMD_OP_ADD>(counter, &bytedmd_loc_0);
  ::bytedmd::post<BYTEDMD_OP_SUB>(counter, &bytedmd_loc_0);
  if (::bytedmd::truth(
          ::bytedmd::bin<BYTEDMD_OP_LT>(::bytedmd::seq{::bytedmd::ld(total), 0}, &bytedmd_loc_0),
          &bytedmd_loc_0))
    ::bytedmd::set(total, ::bytedmd::ld(values[::bytedmd::index(::bytedmd::ld(counter))]));
  ::bytedmd::set(total, ::bytedmd::choose(
                            ::bytedmd::truth(::bytedmd::ld(counter)),
                            [&] { return ::bytedmd::ld(total); }, [&] { return 1; }));
  ::bytedmd::set(total,
                 ::bytedmd::math<BYTEDMD_OP_SQRT>(
                     ::bytedmd::seq{::bytedmd::ld(total)},
                     [&](auto... bytedmd_v) { return std::sqrt(bytedmd_v...); }, &bytedmd_loc_0));
  ::bytedmd::set(
      total, ::bytedmd::minmax<BYTEDMD_OP_GT>(
                 ::bytedmd::seq{::bytedmd::ld(total), ::bytedmd::ld(pair.first)}, &bytedmd_loc_0));
  ::bytedmd::set(total, ::bytedmd::minmax<BYTEDMD_OP_LT>(::bytedmd::seq{1.0, 2.0}));
  ::bytedmd::invoke(::bytedmd::seq{::bytedmd::escape(::bytedmd::ld(total), &bytedmd_loc_0)},
                    [&](auto &&...bytedmd_a) -> decltype(auto) {
                      return std::printf("%g\n", static_cast<decltype(bytedmd_a) &&>(bytedmd_a)...);
                    });
  ::bytedmd::set(total,
                 ::bytedmd::call(::bytedmd::seq{::bytedmd::ld(total)},
                                 [&](auto &&...bytedmd_a) -> decltype(auto) {
                                   return square(static_cast<decltype(bytedmd_a) &&>(bytedmd_a)...);
                                 }));
  ::bytedmd::set(
      total,
      (::bytedmd::across(&bytedmd_instrumented__Z7elsewhered),
       ::bytedmd::callAcross(
           ::bytedmd::seq{::bytedmd::escapeIf(::bytedmd::ld(total))},
           [&](auto &&...bytedmd_a) -> decltype(auto) {
             return elsewhere(static_cast<decltype(bytedmd_a) &&>(bytedmd_a)...);
           },
           []() {
             static const bytedmd_location bytedmd_where = {"rewritten.cpp", 8, 1, 0, nullptr};
             return &bytedmd_where;
           }(),
           nullptr)));
  Triple triple = ::bytedmd::call(
      ::bytedmd::seq{::bytedmd::ld(total), ::bytedmd::ld(total), ::bytedmd::ld(total)},
      [&](auto &&...bytedmd_a) -> decltype(auto) {
        return make_triple(static_cast<decltype(bytedmd_a) &&>(bytedmd_a)...);
      });
  ::bytedmd::receive(triple);
  Triple other;
  ::bytedmd::forget(other);
  ::bytedmd::assignObject(other, triple);
  ::bytedmd::assignObject(other, Triple{1, 2, 3});
  ::bytedmd::swap(other, triple);
  ::bytedmd::swap(total, total);
  ::bytedmd::copyKeys(total, triple.first_field);
  std::vector<double> more =
      ::bytedmd::call(::bytedmd::seq{values}, [&](auto &&...bytedmd_a) -> decltype(auto) {
        return copy_of(static_cast<decltype(bytedmd_a) &&>(bytedmd_a)...);
      });
  ::bytedmd::pushBack(more, ::bytedmd::ld(total));
  ::bytedmd::vinsert(more, more.begin(), ::bytedmd::ld(total));
  ::bytedmd::vinsert(more, more.begin(), 2, ::bytedmd::ld(total));
  ::bytedmd::vinsertRange(more, more.begin(), values.begin(), values.end());
  ::bytedmd::vassign(values, 3, ::bytedmd::ld(total));
  ::bytedmd::vassignRange(values, more.begin(), more.end());
  ::bytedmd::vresize(more, 8);
  ::bytedmd::vresize(more, 9, ::bytedmd::ld(total));
  ::bytedmd::verase(more, more.begin());
  ::bytedmd::verase(more, more.begin(), more.begin() + 1);
  ::bytedmd::copy(values.begin(), values.end(), more.begin());
  ::bytedmd::move(values.begin(), values.end(), more.begin());
  ::bytedmd::copy_n(values.begin(), ::bytedmd::ld(counter), more.begin());
  ::bytedmd::fill(more.begin(), more.end(), ::bytedmd::ld(total));
  ::bytedmd::fill_n(more.begin(), 2, ::bytedmd::ld(total));
  double array[2] = {::bytedmd::stash(::bytedmd::ld(total)), ::bytedmd::stash(1.0)};
  ::bytedmd::bindStashed(array, 2);
  std::vector<double> listed = ::bytedmd::listed<std::vector<double>>(
      2, std::vector<double>{::bytedmd::stash(::bytedmd::ld(total)), ::bytedmd::stash(2.0)});
  std::vector<double> filled(4, ::bytedmd::stash(::bytedmd::ld(total)));
  ::bytedmd::fillStashed(filled);
  auto made_pair = ::bytedmd::make_pair(::bytedmd::seq{::bytedmd::ld(total), 1});
  auto made_tuple = ::bytedmd::make_tuple(::bytedmd::seq{::bytedmd::ld(total), 1, 2.0f});
  double *block = static_cast<double *>(::bytedmd::malloc(4 * sizeof(double)));
  block = static_cast<double *>(::bytedmd::realloc(block, 8 * sizeof(double)));
  ::bytedmd::free(block);
  ::bytedmd::free(::bytedmd::calloc(4, sizeof(double)));
  bytedmd_frame.results(made_pair);
  bytedmd_frame.results(made_tuple);
  return bytedmd_frame.ret(::bytedmd::ld(total));
}
