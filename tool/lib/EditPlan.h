// EditPlan.h - the text edits of one translation unit, planned in order and
// applied at the end (as clang-change-namespace collects Replacements and its
// main applies them): no traversal writes text, and a test can read the plan.
//
// The edits are clang::Rewriter operations, replayed in the order they were
// planned. Nested wrappers rely on that order: the traversal is outer-first,
// so an opening planned later at the same place goes after the earlier ones
// (insert after), a closing goes before them (insert before):
//
//   a * b   ->  plan: insert-after  @a   "::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{"
//                     replace       @*   ","
//                     insert-before @b+1 "}, &bytedmd_loc_0)"
//                     insert-after  @a   "::bytedmd::ld("   ...
#ifndef BYTEDMD_TOOL_EDIT_PLAN_H
#define BYTEDMD_TOOL_EDIT_PLAN_H

#include "clang/Basic/SourceLocation.h"

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace clang {
class Rewriter;
class SourceManager;
} // namespace clang

namespace bytedmd {

class EditPlan {
public:
  enum class Kind {
    InsertBefore,     ///< before the text inserted at the same place so far
    InsertAfter,      ///< after the text inserted at the same place so far
    InsertAfterToken, ///< after the token at `at` (clang::Rewriter's measure)
    Replace,          ///< `length` characters of the original text at `at`
    ReplaceRange,     ///< a character range (clang::Rewriter measures it)
  };
  struct Edit {
    Kind kind;
    clang::SourceLocation at;
    unsigned length; ///< Replace only
    std::string text;
    clang::CharSourceRange range; ///< ReplaceRange only
  };

  void insert(clang::SourceLocation at, std::string text, bool afterEarlier) {
    edits_.push_back(
        {afterEarlier ? Kind::InsertAfter : Kind::InsertBefore, at, 0, std::move(text), {}});
  }
  void insertAfterToken(clang::SourceLocation at, std::string text) {
    edits_.push_back({Kind::InsertAfterToken, at, 0, std::move(text), {}});
  }
  void replace(clang::SourceLocation at, unsigned length, std::string text) {
    edits_.push_back({Kind::Replace, at, length, std::move(text), {}});
  }
  void replace(clang::CharSourceRange range, std::string text) {
    edits_.push_back({Kind::ReplaceRange, range.getBegin(), 0, std::move(text), range});
  }

  const std::vector<Edit> &edits() const { return edits_; }
  /// Gives edit `index` other text, once a later decision asks for it (a
  /// local found keyed when its whole function has been planned).
  void respell(std::size_t index, std::string text) { edits_[index].text = std::move(text); }

  /// Applies every edit, in plan order.
  void apply(clang::Rewriter &rewriter) const;

  /// One line per edit: "input.cc:2:10 insert-after \"::bytedmd::ld(\"".
  std::string print(const clang::SourceManager &sm) const;

private:
  std::vector<Edit> edits_;
};

} // namespace bytedmd

#endif // BYTEDMD_TOOL_EDIT_PLAN_H
