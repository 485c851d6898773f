// RewriteDiagnostics.h - every message bytedmd-instrument gives, in one table
// (RewriteDiagnostics.cpp), with the channel each one travels on:
//
//   compile time   a Clang diagnostic, "file:line:col: warning: bytedmd: ...";
//   run time       the measurement that runs the construct is marked
//                  approximate and the report carries the message;
//   both           a construct the model cannot follow: warned about when the
//                  file is instrumented, and reported by every measurement
//                  that runs it (the function's frame declares it).
#ifndef BYTEDMD_TOOL_REWRITE_DIAGNOSTICS_H
#define BYTEDMD_TOOL_REWRITE_DIAGNOSTICS_H

#include "clang/Basic/SourceLocation.h"

#include <string>
#include <utility>
#include <vector>

namespace clang {
class DiagnosticsEngine;
} // namespace clang

namespace bytedmd {

enum class Message {
  // Constructs the model cannot follow (both channels).
  UnionPun,
  MacroBody,
  PunCast,
  AggregateOfClass,
  ClassConstructor,
  ContainerMember,
  UserMethod,
  TwoHandedOverStructs,
  MemoryFunction,
  OpaqueCallWithData,
  BracedListOfObjects,
  BracedListGap,
  DependentAuto,
  DependentAutoOutsideBlock,
  BindingOfExpression,
  MemberFromMember,
  BracedMemberNotBound,
  ObjectConditional,
  ReferenceCondition,
  ObjectConditionTest,
  InitStatementNotHoisted,
  BracedTemplateCondition,
  CaptureByValue,
  InlineAssembly,
  OpenMPDirective,
  ParameterNotWalked,
  PointerParameterEscapes,
  // Compile time only.
  SizeInLoopCondition,
  FieldInLoopCondition,
  HeaderFunctionLeftPlain,
  ConstexprLeftPlain,
  BadHeaderRegex,
  CopyIncludedFromPlainFile,
  NoHeaderDirectory,
  NoSuchFunction,
  // Run time only (known when the call runs).
  AcrossCallWithData,
  OpaqueResult,
  UninstrumentedFunctionObject,
  UninstrumentedOverride,
  UninstrumentedCallable,
};

/// The text of a message, its {0}, {1}, ... filled in order.
std::string formatMessage(Message m, const std::vector<std::string> &args = {});

/// Reports messages for one translation unit and keeps what each function's
/// frame must declare at run time.
class RewriteDiagnostics {
public:
  /// With `deferred`, compile-time reports wait for flush() (the rewrite may
  /// be redone on the file with its macros expanded, which reports afresh).
  explicit RewriteDiagnostics(clang::DiagnosticsEngine &engine, bool deferred = false);

  /// Reports m at `at` on its channels; returns the message text.
  std::string report(clang::SourceLocation at, Message m, const std::vector<std::string> &args = {});

  /// Reports what was deferred.
  void flush();

  /// Warnings reported so far.
  unsigned count() const { return count_; }

  /// The run-time messages of the function being rewritten, in report order.
  using RunTimeList = std::vector<std::pair<clang::SourceLocation, std::string>>;
  const RunTimeList &runTime() const { return runTime_; }
  /// Starts a nested function (a lambda's body): returns the outer list.
  RunTimeList enterFunction();
  void leaveFunction(RunTimeList outer) { runTime_ = std::move(outer); }

private:
  clang::DiagnosticsEngine &engine_;
  unsigned warning_, error_;
  unsigned count_ = 0;
  bool deferred_;
  std::vector<std::pair<clang::SourceLocation, std::pair<unsigned, std::string>>> waiting_;
  RunTimeList runTime_;
};

} // namespace bytedmd

#endif // BYTEDMD_TOOL_REWRITE_DIAGNOSTICS_H
