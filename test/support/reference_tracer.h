// reference_tracer.h - an oracle for the golden programs, independent of the
// rewriter: the reference tracer's way (every arithmetic value a tracked
// object whose operators record events, as the Python tracer's do) over a
// naive O(n) stack replay written from semantics.md Part A.
//
// A test writes the program once more with these types, step by step as the
// rules say it runs, and compares bytedmd's trace and cost with the oracle's:
//
//   Tracer t;                        // parameters in the runtime's order, last first:
//   auto x = t.lazy(3);              //   a pointer parameter: inputs by first read
//   t.param(); Num a = t.input(2);   //   a scalar
//   Num s = x.read(0) * a;           // one instruction reading both
//   t.result(s);
//   Outcome o = t.replay();          // o.trace, o.cost
#ifndef BYTEDMD_TEST_REFERENCE_TRACER_H
#define BYTEDMD_TEST_REFERENCE_TRACER_H

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <vector>

namespace bytedmd::reference {

class Tracer;

/// A value: its number and its key (0: untracked, a literal).
struct Num {
  double v = 0;
  int k = 0;
  Tracer *t = nullptr;
};

struct Outcome {
  std::vector<std::uint32_t> trace;
  std::uint64_t cost = 0;
};

class Tracer {
public:
  /// Starts the next parameter's inputs (the runtime declares the last
  /// parameter first): inputs are placed by parameter, then as declared.
  void param() {
    ++group_;
    position_ = 0;
  }
  /// An eager input of the current parameter (a scalar, an element).
  Num input(double v) {
    inputs_.push_back({group_, position_++, ++keys_});
    return {v, keys_, this};
  }
  /// One instruction: a read of the tracked operands, then its output.
  Num op(std::initializer_list<Num> operands, double v) {
    std::vector<int> read;
    for (const Num &n : operands)
      if (n.k != 0)
        read.push_back(n.k);
    if (read.empty())
      return {v, 0, this};
    events_.push_back({true, read});
    events_.push_back({false, {++keys_}});
    return {v, keys_, this};
  }
  /// A read with no output (a condition, an index).
  void read(const Num &n) {
    if (n.k != 0)
      events_.push_back({true, {n.k}});
  }
  void result(const Num &n) {
    if (n.k != 0)
      results_.push_back(n.k);
  }

  /// The next parameter's memory, whose elements become inputs when first
  /// read (a pointer or C array parameter), placed by their index.
  class Memory {
  public:
    Memory(Tracer *t, std::uint64_t group, std::size_t size) : t_(t), group_(group), cells_(size) {}
    /// A load: a first access that is a read declares the element an input.
    Num read(std::size_t i) {
      Cell &c = cells_.at(i);
      if (!c.touched) {
        c.touched = true;
        t_->inputs_.push_back({group_, i, ++t_->keys_});
        c.k = t_->keys_;
      }
      return {c.v, c.k, t_};
    }
    void write(std::size_t i, const Num &n) {
      Cell &c = cells_.at(i);
      c.touched = true;
      c.v = n.v;
      c.k = n.k;
    }
    void set(std::size_t i, double v) { cells_.at(i).v = v; } ///< the caller's data
    double value(std::size_t i) const { return cells_.at(i).v; }

  private:
    struct Cell {
      double v = 0;
      int k = 0;
      bool touched = false;
    };
    Tracer *t_;
    std::uint64_t group_;
    std::vector<Cell> cells_;
  };
  Memory lazy(std::size_t size) {
    param();
    return Memory(this, group_, size);
  }

  Outcome replay() const {
    std::vector<Input> inputs = inputs_;
    std::stable_sort(inputs.begin(), inputs.end(), [](const Input &a, const Input &b) {
      return a.group != b.group ? a.group < b.group : a.position < b.position;
    });
    std::vector<Event> events;
    for (const Input &in : inputs)
      events.push_back({false, {in.key}});
    events.insert(events.end(), events_.begin(), events_.end());
    return replay(events);
  }

private:
  struct Event {
    bool read;
    std::vector<int> keys;
  };
  struct Input {
    std::uint64_t group, position;
    int key;
  };

  /// semantics.md Part A, on a plain vector: depths before any move, then
  /// the distinct operands to the top in order, then the dead leave.
  Outcome replay(const std::vector<Event> &events) const {
    std::vector<std::size_t> last(std::size_t(keys_) + 1, 0);
    for (std::size_t e = 0; e < events.size(); ++e)
      for (int k : events[e].keys)
        last[std::size_t(k)] = e;
    for (int k : results_)
      last[std::size_t(k)] = events.size();
    Outcome out;
    std::vector<int> stack; // back() is the top
    for (std::size_t e = 0; e < events.size(); ++e) {
      const Event &ev = events[e];
      if (ev.read) {
        for (int k : ev.keys) {
          const auto d = std::uint32_t(stack.end() - std::find(stack.begin(), stack.end(), k));
          out.trace.push_back(d);
          std::uint64_t c = 0;
          while (c * c < d)
            ++c;
          out.cost += c;
        }
        std::vector<int> distinct;
        for (int k : ev.keys)
          if (std::find(distinct.begin(), distinct.end(), k) == distinct.end())
            distinct.push_back(k);
        for (int k : distinct) {
          stack.erase(std::find(stack.begin(), stack.end(), k));
          stack.push_back(k);
        }
      } else {
        stack.push_back(ev.keys[0]);
      }
      stack.erase(std::remove_if(stack.begin(), stack.end(),
                                 [&](int k) { return last[std::size_t(k)] <= e; }),
                  stack.end());
    }
    return out;
  }

  std::vector<Input> inputs_;
  std::vector<Event> events_;
  std::vector<int> results_;
  int keys_ = 0;
  std::uint64_t group_ = 0, position_ = 0;
};

// ---- operators: one instruction each ------------------------------------------

inline Tracer *tracerOf(const Num &a, const Num &b) { return a.t != nullptr ? a.t : b.t; }
inline Num lit(double v) { return {v, 0, nullptr}; }
inline Num operator+(const Num &a, const Num &b) { return tracerOf(a, b)->op({a, b}, a.v + b.v); }
inline Num operator-(const Num &a, const Num &b) { return tracerOf(a, b)->op({a, b}, a.v - b.v); }
inline Num operator*(const Num &a, const Num &b) { return tracerOf(a, b)->op({a, b}, a.v * b.v); }
inline Num operator/(const Num &a, const Num &b) { return tracerOf(a, b)->op({a, b}, a.v / b.v); }
/// A comparison whose result is a tracked bool.
inline Num ge(const Num &a, const Num &b) { return tracerOf(a, b)->op({a, b}, a.v >= b.v); }
inline Num eq(const Num &a, const Num &b) { return tracerOf(a, b)->op({a, b}, a.v == b.v); }
inline Num sqrt(const Num &a) { return a.t->op({a}, std::sqrt(a.v)); }
/// A truth read (an if, ?:, &&): the condition's key is read.
inline bool truth(const Num &c) {
  if (c.t != nullptr)
    c.t->read(c);
  return c.v != 0;
}

} // namespace bytedmd::reference

#endif // BYTEDMD_TEST_REFERENCE_TRACER_H
