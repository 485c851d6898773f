// ir.h - the IR text of a replay, in the seed document's format:
//
//   STORE v1
//     READ v3@4  cost=2
//   OP    mul(v3@4, v1@6)  cost=5
//   # total cost = 26
//
// Values are numbered in the order the replay stores them. A read with no
// output prints its READ lines only.
#ifndef BYTEDMD_IR_H
#define BYTEDMD_IR_H

#include "event_log.h"

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace bytedmd {

/// A replay sink that writes IR text to a stdio stream as the replay runs.
class IrWriter {
public:
  IrWriter(std::FILE *out, Word values, std::uint64_t bytesPerElement);
  ~IrWriter() { flush(); }
  IrWriter(const IrWriter &) = delete;
  IrWriter &operator=(const IrWriter &) = delete;

  void store(Word key);
  void read(Word key, std::uint32_t depth);
  void instruction(unsigned op, const Word *keys, const std::uint32_t *depths, unsigned n);
  void location(Word) {}
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
  std::vector<std::uint32_t> number_; // local key -> IR value number
  std::uint32_t stored_ = 0;
  std::string buffer_;
  bool ok_ = true;
};

} // namespace bytedmd

#endif // BYTEDMD_IR_H
