// log_prefault_test.cpp - the event log's pages faulted in ahead of the
// recorder: which limit the recorder sees, and that the window after it is
// made resident without changing a word.
#include "log_prefault.h"

#include <gtest/gtest.h>

#include <sys/mman.h>
#include <unistd.h>

#include <vector>

namespace bytedmd {
namespace {

/// A fresh anonymous mapping of `words` words: no page resident yet.
struct Mapping {
  explicit Mapping(std::size_t words) : words(words) {
    void *p = ::mmap(nullptr, words * sizeof(Word), PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    base = p == MAP_FAILED ? nullptr : static_cast<Word *>(p);
  }
  ~Mapping() {
    if (base != nullptr)
      ::munmap(base, words * sizeof(Word));
  }
  /// How many pages of [begin, end) are resident.
  std::size_t resident(const Word *begin, const Word *end) const {
    const std::size_t page = std::size_t(::sysconf(_SC_PAGESIZE));
    const std::size_t bytes = std::size_t(end - begin) * sizeof(Word);
    std::vector<unsigned char> in((bytes + page - 1) / page);
    if (::mincore(const_cast<Word *>(begin), bytes, in.data()) != 0)
      return ~std::size_t(0);
    std::size_t n = 0;
    for (unsigned char c : in)
      n += c & 1;
    return n;
  }
  std::size_t words;
  Word *base;
};

const std::size_t kPageWords = std::size_t(::sysconf(_SC_PAGESIZE)) / sizeof(Word);

TEST(LogPrefault, TheRecorderSeesAWindowAndTheNextOneIsFaultedIn) {
  const std::size_t window = 4 * kPageWords;
  Mapping m(10 * window);
  ASSERT_NE(m.base, nullptr);
  m.base[window + 5] = 77; // beyond the limit: the helper must not change it
  LogPrefault prefault(window);
  Word *limit = prefault.advance(m.base, m.base, m.base + m.words, 1);
  EXPECT_EQ(limit, m.base + window);
  prefault.wait();
  EXPECT_EQ(m.resident(limit, limit + window), 4u);
  EXPECT_EQ(m.resident(limit + window, m.base + m.words), 0u);
  EXPECT_EQ(m.base[window + 5], 77u);
  for (std::size_t i = window + 6; i < 2 * window; ++i)
    ASSERT_EQ(m.base[i], 0u) << i;
}

TEST(LogPrefault, ALargeNeedWidensTheWindowAndTheEndIsNeverPassed) {
  const std::size_t window = 4 * kPageWords;
  Mapping m(10 * window);
  ASSERT_NE(m.base, nullptr);
  LogPrefault prefault(window);
  Word *const end = m.base + m.words;
  EXPECT_EQ(prefault.advance(m.base, m.base, end, 3 * window), m.base + 3 * window);
  // Less than a window left before the end, then exactly one: the end.
  EXPECT_EQ(prefault.advance(m.base, end - window / 2, end, 1), end);
  EXPECT_EQ(prefault.advance(m.base, end - window, end, 1), end);
  // The last whole window but one: the limit, and the rest faulted in.
  Word *limit = prefault.advance(m.base, end - window - kPageWords, end, 1);
  EXPECT_EQ(limit, end - kPageWords);
  prefault.wait();
  EXPECT_EQ(m.resident(limit, end), 1u);
}

TEST(LogPrefault, ASmallBufferGetsNoWindow) {
  const std::size_t window = 4 * kPageWords;
  Mapping m(2 * window - 1);
  ASSERT_NE(m.base, nullptr);
  LogPrefault prefault(window);
  EXPECT_EQ(prefault.advance(m.base, m.base, m.base + m.words, 1), m.base + m.words);
  EXPECT_EQ(m.resident(m.base, m.base + m.words), 0u);
}

} // namespace
} // namespace bytedmd
