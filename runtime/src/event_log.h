// event_log.h - the compact event stream of one measurement.
//
// A measurement's events are one flat array of 32-bit words, so recording is
// a few stores into a buffer and the log costs at most 16 bytes per event:
//
//   operand word   0kkk...k            a local key (1 .. 2^31-1)
//   READ header    1 00 .. z o p..p m..m  m operands follow (1..4095); p = op;
//                                      o = 1: the instruction stores one output,
//                                      2^z bytes wide (z: 3 bits, 21..23)
//   LOCATION       1 01 0 id           the events that follow belong to site id
//   SCOPE          1 01 1 id           a function frame or region id opens
//                                      (id 0: the innermost one closes)
//   STORE          1 10 n              n new values (no read); rarely used
//   INPUT          1 11 z              one input, 2^z bytes wide, was allocated
//                                      here: it takes the next local key but its
//                                      STORE happens in the prologue (`inputs`)
//
// Local keys are numbered 1, 2, ... in allocation order; an output's key is
// implicit (the next one), so it is never written. Sizes matter only to the
// bytes=native variant; a value recorded without one is one byte wide.
#ifndef BYTEDMD_EVENT_LOG_H
#define BYTEDMD_EVENT_LOG_H

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <vector>

namespace bytedmd {

using Word = std::uint32_t;

namespace word {
constexpr Word kHeader = 1u << 31;
constexpr Word kKindMask = 3u << 29;
constexpr Word kRead = kHeader | (0u << 29);
constexpr Word kLocation = kHeader | (1u << 29);
constexpr Word kStore = kHeader | (2u << 29);
constexpr Word kInput = kHeader | (3u << 29);
constexpr Word kPayloadMask = (1u << 29) - 1;
/// A LOCATION word with this payload bit opens or closes a scope (a frame of
/// an instrumented function, or a region): attribution only.
constexpr Word kScopeBit = 1u << 28;
constexpr Word kMaxScopeId = kScopeBit - 1;

constexpr unsigned kMaxOperands = 4095;
constexpr Word kOutputBit = 1u << 20;
constexpr Word kMaxLocalKey = (1u << 31) - 1;
/// A streaming measurement never keeps a log to replay, so its operand
/// words need no tag bit: its keys run up to the shadow's marks (shadow.cpp).
constexpr Word kMaxStreamedKey = 0xfffffffdu;

constexpr unsigned kSizeShift = 21;
constexpr Word kSizeMask = 7;

constexpr Word read(unsigned op, unsigned operands, bool output, unsigned sizeLog2 = 0) {
  return kRead | (output ? kOutputBit : 0) | (Word(sizeLog2 & kSizeMask) << kSizeShift) |
         (Word(op & 0xff) << 12) | Word(operands);
}

constexpr bool isOperand(Word w) { return (w & kHeader) == 0; }
constexpr Word kind(Word w) { return w & (kHeader | kKindMask); }
constexpr unsigned operands(Word w) { return w & 0xfff; }
constexpr unsigned op(Word w) { return (w >> 12) & 0xff; }
constexpr bool hasOutput(Word w) { return (w & kOutputBit) != 0; }
constexpr Word payload(Word w) { return w & kPayloadMask; }
constexpr bool isScope(Word w) { return (w & kScopeBit) != 0; }
constexpr Word scope(Word id) { return kLocation | kScopeBit | id; }
/// The log2 size of a READ header's output, or of an INPUT's value.
constexpr unsigned sizeLog2(Word w) {
  return kind(w) == kInput ? unsigned(w & kSizeMask) : unsigned((w >> kSizeShift) & kSizeMask);
}
} // namespace word

/// A borrowed view of one measurement's events: what the replay consumes.
struct EventLogView {
  const Word *words = nullptr; ///< the body, in program order
  std::size_t size = 0;
  const Word *inputs = nullptr;  ///< input keys, in stack-initialisation order
  std::size_t inputCount = 0;    ///< (first = deepest; the last ends on top)
  const Word *results = nullptr; ///< keys live until the end
  std::size_t resultCount = 0;
  Word values = 0; ///< keys 1..values were allocated
  /// Parallel to inputs: the parameter each belongs to, numbered as declared
  /// (the last parameter first, so groups ascend along inputs). Null: each
  /// input is a parameter of its own. Only the two-stack variant reads it.
  const std::uint32_t *inputGroups = nullptr;
  /// Parallel to inputs: each input's parameter, for attribution's
  /// `by_input` (null: inputGroups, or else all inputs are one parameter).
  const std::uint32_t *inputParameters = nullptr;
};

/// An owning event log, used to build logs in tests, tools and benchmarks.
/// The recorder has its own buffer; this is the convenient form.
class EventLog {
public:
  /// Allocates one input value; its STORE goes to the prologue, in the order
  /// inputs are declared.
  Word input(unsigned sizeLog2 = 0) {
    words_.push_back(word::kInput | (sizeLog2 & word::kSizeMask));
    inputs_.push_back(++values_);
    groups_.push_back(group_);
    return values_;
  }
  /// The inputs that follow belong to the next parameter (declared last
  /// parameter first, as the runtime does); without it each input is one.
  void param() {
    ++group_;
    grouped_ = true;
  }
  /// A READ batch; returns the output's key, or 0 when output is false.
  Word read(std::initializer_list<Word> keys, bool output = true, unsigned op = 0,
            unsigned sizeLog2 = 0) {
    return read(keys.begin(), keys.size(), output, op, sizeLog2);
  }
  Word read(const Word *keys, std::size_t n, bool output = true, unsigned op = 0,
            unsigned sizeLog2 = 0) {
    words_.push_back(word::read(op, unsigned(n), output, sizeLog2));
    words_.insert(words_.end(), keys, keys + n);
    return output ? ++values_ : 0;
  }
  /// A STORE that follows no read.
  Word store() {
    words_.push_back(word::kStore | 1);
    return ++values_;
  }
  void location(Word id) { words_.push_back(word::kLocation | id); }
  /// A scope opens (id != 0) or the innermost closes (id 0).
  void scope(Word id) { words_.push_back(word::scope(id)); }
  void result(Word key) { results_.push_back(key); }

  EventLogView view() const {
    return {words_.data(),   words_.size(),   inputs_.data(),
            inputs_.size(),  results_.data(), results_.size(),
            values_,         grouped_ ? groups_.data() : nullptr};
  }

private:
  std::vector<Word> words_, inputs_, results_;
  std::vector<std::uint32_t> groups_;
  std::uint32_t group_ = 0;
  bool grouped_ = false;
  Word values_ = 0;
};

} // namespace bytedmd

#endif // BYTEDMD_EVENT_LOG_H
