// ir.h - the IR text of a replay, in the seed document's format:
//
//   STORE v1
//     READ v3@4  cost=2
//   OP    mul(v3@4, v1@6)  cost=5
//   # total cost = 26
//
// Values are numbered in the order the replay stores them. A read with no
// output prints its READ lines only. In the two-stack variant, inputs are
// numbered first, as they wait on the argument stack ("ARG   v1@arg1"),
// and a read priced there prints "@argD" in place of the LRU depth.
#ifndef BYTEDMD_IR_H
#define BYTEDMD_IR_H

#include "event_log.h"

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace bytedmd {

/// The source name of a stored value: its input's name, else what the
/// instruction at `site` computes, else "" (the value stays vN).
inline const char *sourceName(const std::vector<std::string> *inputNames,
                              const std::vector<const char *> *siteNames, Word key, Word site) {
  if (inputNames && key < inputNames->size() && !(*inputNames)[key].empty())
    return (*inputNames)[key].c_str();
  if (siteNames && site < siteNames->size() && (*siteNames)[site])
    return (*siteNames)[site];
  return "";
}

/// A replay sink that writes IR text to a stdio stream as the replay runs.
class IrWriter {
public:
  IrWriter(std::FILE *out, Word values, std::uint64_t bytesPerElement);

  /// Source names: inputs by local key (empty: none), and what each source
  /// location's instruction computes (by location id; null: none). Values
  /// without a name keep the seed's vN.
  void useNames(const std::vector<std::string> *inputNames,
                const std::vector<const char *> *siteNames) {
    inputNames_ = inputNames;
    siteNames_ = siteNames;
    labels_.assign(number_.size(), std::string());
  }
  ~IrWriter() { flush(); }
  IrWriter(const IrWriter &) = delete;
  IrWriter &operator=(const IrWriter &) = delete;

  /// A READ batch begins: inputs first read by the previous one have left
  /// the argument stack (two-stack).
  void batch();
  void store(Word key);
  /// two-stack: "ARG   v1@arg1": an input waiting on the argument stack.
  /// Its reads print @argD until the batch that first read it is over.
  void argument(Word key, std::uint32_t depth);
  void read(Word key, std::uint32_t depth);
  void instruction(unsigned op, const Word *keys, const std::uint32_t *depths, unsigned n);
  void location(Word id) { site_ = id; }
  /// The closing "# total cost = N" line.
  void total(std::uint64_t cost);
  /// False once a write to the stream has failed.
  bool ok() const { return ok_; }

private:
  void append(std::uint64_t n);
  void flushIfFull() {
    if (buffer_.size() >= (1u << 16))
      flush();
  }
  void flush();

  std::FILE *out_;
  std::uint64_t bytesPerElement_;
  void label(Word key);

  std::vector<std::uint32_t> number_; // local key -> IR value number
  const std::vector<std::string> *inputNames_ = nullptr;
  const std::vector<const char *> *siteNames_ = nullptr;
  std::vector<std::string> labels_; // local key -> name, when names are used
  Word site_ = 0;
  std::uint32_t stored_ = 0;
  std::string buffer_;
  bool ok_ = true;
  std::vector<bool> waiting_;    // two-stack: on the argument stack
  std::vector<Word> promoted_;   // read by the current batch while waiting
  void depthOf(Word key, std::uint32_t depth); // "@D", or "@argD" while waiting
};

} // namespace bytedmd

#endif // BYTEDMD_IR_H
