// zeroed_array.h - a per-key array of small records in a mapping of its own.
//
// The replays keep a record per value: 33 million of them for matmul
// N=256. In a std::vector, zeroing them is a pass that faults in every page
// before the replay starts (a quarter of a second here), and growing one
// copies it. In an anonymous mapping, fresh pages read as zero without a
// write and are faulted in when first touched; growing is an mremap, which
// moves page tables rather than bytes. Only the part a previous use wrote
// is cleared again.
#ifndef BYTEDMD_ZEROED_ARRAY_H
#define BYTEDMD_ZEROED_ARRAY_H

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <new>
#include <type_traits>
#include <utility>

#include <sys/mman.h>

namespace bytedmd {

template <class T> class ZeroedArray {
  static_assert(std::is_trivially_copyable_v<T>, "records are cleared with memset");

public:
  ZeroedArray() = default;
  ZeroedArray(ZeroedArray &&other) noexcept { swap(other); }
  ZeroedArray &operator=(ZeroedArray &&other) noexcept {
    ZeroedArray(std::move(other)).swap(*this);
    return *this;
  }
  ZeroedArray(const ZeroedArray &) = delete;
  ZeroedArray &operator=(const ZeroedArray &) = delete;
  ~ZeroedArray() {
    if (base_ != nullptr)
      ::munmap(base_, bytes_);
  }
  void swap(ZeroedArray &other) noexcept {
    std::swap(base_, other.base_);
    std::swap(bytes_, other.bytes_);
    std::swap(size_, other.size_);
    std::swap(written_, other.written_);
  }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T *data() { return base_; }
  const T *data() const { return base_; }
  T &operator[](std::size_t i) { return base_[i]; }
  const T &operator[](std::size_t i) const { return base_[i]; }

  /// n records, every one zero.
  void assignZero(std::size_t n) {
    clearWritten();
    reserve(n);
    size_ = written_ = n;
  }
  /// n records: the first ones kept, any new ones zero.
  void resizeZero(std::size_t n) {
    if (n < size_) {
      size_ = n; // what lies past it is still written: cleared when reused
      return;
    }
    reserve(n);
    if (written_ > size_) // stale records past the old size
      std::memset(static_cast<void *>(base_ + size_), 0,
                  (std::min(written_, n) - size_) * sizeof(T));
    size_ = n;
    if (written_ < n)
      written_ = n;
  }
  /// Frees the mapping.
  void release() { ZeroedArray().swap(*this); }

private:
  /// Zeroes what a previous use may have written (the pages stay resident,
  /// so the next use does not fault them in again).
  void clearWritten() {
    if (written_ != 0)
      std::memset(static_cast<void *>(base_), 0, written_ * sizeof(T));
    written_ = 0;
    size_ = 0;
  }
  /// Room for n records; new room reads as zero.
  void reserve(std::size_t n) {
    if (n * sizeof(T) <= bytes_)
      return;
    const std::size_t page = 4096;
    std::size_t bytes = bytes_ == 0 ? 16 * page : bytes_;
    while (bytes < n * sizeof(T))
      bytes *= 2;
    void *p = base_ == nullptr
                  ? ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                           -1, 0)
                  : ::mremap(base_, bytes_, bytes, MREMAP_MAYMOVE);
    if (p == MAP_FAILED)
      throw std::bad_alloc();
    base_ = static_cast<T *>(p);
    bytes_ = bytes;
  }

  T *base_ = nullptr;
  std::size_t bytes_ = 0;   // the mapping's length
  std::size_t size_ = 0;
  std::size_t written_ = 0; // records [0, written_) may be non-zero (the largest size since cleared)
};

} // namespace bytedmd

#endif // BYTEDMD_ZEROED_ARRAY_H
