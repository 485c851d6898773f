// ir.cpp - IR text, seed format.
#include "ir.h"

#include "bytedmd/runtime.h"
#include "cost.h"

namespace bytedmd {

IrWriter::IrWriter(std::FILE *out, Word values, std::uint64_t bytesPerElement)
    : out_(out), bytesPerElement_(bytesPerElement), number_(std::size_t(values) + 1, 0) {
  buffer_.reserve(1u << 17);
}

void IrWriter::append(std::uint64_t n) {
  char digits[24];
  int len = 0;
  do {
    digits[len++] = char('0' + n % 10);
    n /= 10;
  } while (n != 0);
  while (len > 0)
    buffer_.push_back(digits[--len]);
}

void IrWriter::store(Word key) {
  number_[key] = ++stored_;
  if (!labels_.empty())
    labels_[key] = sourceName(inputNames_, siteNames_, key, site_);
  buffer_ += "STORE ";
  label(key);
  buffer_.push_back('\n');
  flushIfFull();
}

void IrWriter::label(Word key) {
  if (!labels_.empty() && !labels_[key].empty()) {
    buffer_ += labels_[key];
    return;
  }
  buffer_.push_back('v');
  append(number_[key]);
}

void IrWriter::batch() {
  for (Word k : promoted_)
    waiting_[k] = false;
  promoted_.clear();
}

void IrWriter::argument(Word key, std::uint32_t depth) {
  number_[key] = ++stored_;
  if (!labels_.empty())
    labels_[key] = sourceName(inputNames_, siteNames_, key, site_);
  if (waiting_.empty())
    waiting_.assign(number_.size(), false);
  waiting_[key] = true;
  buffer_ += "ARG   ";
  label(key);
  buffer_ += "@arg";
  append(depth);
  buffer_.push_back('\n');
  flushIfFull();
}

void IrWriter::depthOf(Word key, std::uint32_t depth) {
  buffer_.push_back('@');
  if (!waiting_.empty() && waiting_[key]) {
    buffer_ += "arg";
    promoted_.push_back(key);
  }
  append(depth);
}

void IrWriter::read(Word key, std::uint32_t depth) {
  buffer_ += "  READ ";
  label(key);
  depthOf(key, depth);
  buffer_ += "  cost=";
  append(readCost(depth, bytesPerElement_));
  buffer_.push_back('\n');
  flushIfFull();
}

void IrWriter::instruction(unsigned op, const Word *keys, const std::uint32_t *depths, unsigned n) {
  buffer_ += "OP    ";
  buffer_ += bytedmd_op_name(bytedmd_op(op));
  buffer_.push_back('(');
  std::uint64_t cost = 0;
  for (unsigned j = 0; j < n; ++j) {
    if (j != 0)
      buffer_ += ", ";
    label(keys[j]);
    depthOf(keys[j], depths[j]);
    cost += readCost(depths[j], bytesPerElement_);
  }
  buffer_ += ")  cost=";
  append(cost);
  buffer_.push_back('\n');
  flushIfFull();
}

void IrWriter::total(std::uint64_t cost) {
  buffer_ += "# total cost = ";
  append(cost);
  buffer_.push_back('\n');
  flush();
}

void IrWriter::flush() {
  if (buffer_.empty())
    return;
  if (std::fwrite(buffer_.data(), 1, buffer_.size(), out_) != buffer_.size())
    ok_ = false;
  buffer_.clear();
}

} // namespace bytedmd
