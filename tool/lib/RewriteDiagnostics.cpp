// RewriteDiagnostics.cpp - the message table and its channels.
#include "RewriteDiagnostics.h"

#include "clang/Basic/Diagnostic.h"

namespace bytedmd {
namespace {

enum class Channel { Both, CompileTime, RunTime };
enum class Severity { Warning, Error };

struct Entry {
  Message message;
  Channel channel;
  Severity severity;
  const char *text; ///< {0}, {1}: the arguments
};

// In enum order. Messages name the construct, what the measurement loses, and
// what to do instead.
constexpr Entry kMessages[] = {
    {Message::UnionPun, Channel::Both, Severity::Warning,
     "a union member holding tracked data is a type pun and is not modeled; the measurement is "
     "approximate"},
    {Message::MacroBody, Channel::Both, Severity::Warning,
     "expression expanded from a macro is not rewritten; its reads are not measured (write it "
     "without the macro, or pass the values as macro arguments)"},
    {Message::PunCast, Channel::Both, Severity::Warning,
     "reading tracked data through a different type (a pun) is not modeled; the measurement is "
     "approximate"},
    {Message::AggregateOfClass, Channel::Both, Severity::Warning,
     "aggregate initialisation of '{0}' from tracked values is not modeled: the fields do not "
     "keep their keys, and the measurement is approximate"},
    {Message::ClassConstructor, Channel::Both, Severity::Warning,
     "this construction of '{0}' from tracked values is not modeled (only T(args), T{args} and "
     "T v(args) pass the arguments' keys to an instrumented constructor): the object does not "
     "keep the values' keys, and the measurement is approximate"},
    {Message::ContainerMember, Channel::Both, Severity::Warning,
     "member function '{0}' of a container of tracked values is not modeled; the measurement is "
     "approximate"},
    {Message::UserMethod, Channel::Both, Severity::Warning,
     "member function '{0}' is not instrumented (methods are outside bytedmd's scope): its reads "
     "are not measured, and the measurement is approximate"},
    {Message::TwoHandedOverStructs, Channel::Both, Severity::Warning,
     "two struct values built in one call's arguments: only the last keeps its keys (name them "
     "first); the measurement is approximate"},
    {Message::MemoryFunction, Channel::Both, Severity::Warning,
     "'{0}' on tracked data between different types reads a value through another type (a "
     "pun), which is not modeled; the measurement is approximate"},
    {Message::OpaqueCallWithData, Channel::Both, Severity::Warning,
     "call to '{0}', which is not instrumented, with a pointer, reference or iterator to tracked "
     "values: its reads and copies are not measured, and the measurement is approximate"},
    {Message::BracedListOfObjects, Channel::Both, Severity::Warning,
     "a braced list of containers or structs is copied by the library without keys; build the "
     "elements in place (for example with push_back); the measurement is approximate"},
    {Message::BracedListGap, Channel::Both, Severity::Warning,
     "a braced list leaves out an element of a type whose values cannot be counted, before this "
     "one: the elements after it may take the wrong keys, and the measurement is approximate"},
    {Message::DependentAuto, Channel::Both, Severity::Warning,
     "'auto' variable of a dependent type is not tracked; write its type"},
    {Message::DependentAutoOutsideBlock, Channel::Both, Severity::Warning,
     "'auto' variable of a dependent type outside a block is not tracked; write its type"},
    {Message::BindingOfExpression, Channel::Both, Severity::Warning,
     "structured binding of a copy of a complex expression is not modeled; bind a named "
     "variable"},
    {Message::MemberFromMember, Channel::Both, Severity::Warning,
     "a struct member initialised from another object's member is not modeled; assign it after "
     "the declaration"},
    {Message::BracedMemberNotBound, Channel::Both, Severity::Warning,
     "'{0}' is a container or an object built inside a braced initialiser: its values' keys are "
     "not bound, and the measurement is approximate (build it first, then assign or push_back)"},
    {Message::ObjectConditional, Channel::Both, Severity::Warning,
     "'?:' choosing between objects of '{0}' is not modeled (the chosen object's keys are not "
     "followed); the measurement is approximate (use if/else)"},
    {Message::ReferenceCondition, Channel::Both, Severity::Warning,
     "a condition that declares the reference '{0}' is not modeled (its read of the value is "
     "not counted); the measurement is approximate (declare it before the condition)"},
    {Message::ObjectConditionTest, Channel::Both, Severity::Warning,
     "the test of the condition variable '{0}' (its conversion) cannot be rewritten in this "
     "condition (a for loop's with an increment, or one written in a macro): the read of its "
     "result is not counted, and the measurement is approximate (declare it before the "
     "condition)"},
    {Message::InitStatementNotHoisted, Channel::Both, Severity::Warning,
     "this init-statement's declaration needs statements after it, which cannot be placed "
     "before the statement (it is written in a macro)"},
    {Message::BracedTemplateCondition, Channel::Both, Severity::Warning,
     "a template's condition that declares '{0}' with braces or parentheses is not modeled (its "
     "key and its read are not followed); the measurement is approximate (write T x = e)"},
    {Message::CaptureByValue, Channel::Both, Severity::Warning,
     "'{0}' is captured by value in a mutable lambda, as an object, or by an init-capture: the "
     "closure's copy does not keep its keys (capture it by reference); the measurement is "
     "approximate"},
    {Message::InlineAssembly, Channel::Both, Severity::Warning,
     "inline assembly is not modeled; the measurement is approximate"},
    {Message::OpenMPDirective, Channel::Both, Severity::Warning,
     "the statement under '#pragma omp {0}' is left as written (OpenMP needs its form, and the "
     "model follows one thread): its reads are not measured, and the measurement is "
     "approximate"},
    {Message::ParameterNotWalked, Channel::Both, Severity::Warning,
     "the elements of parameter '{0}' are not declared as inputs (structs inside containers, or "
     "nested structs): their reads are free, and the measurement is approximate"},
    {Message::PointerParameterEscapes, Channel::Both, Severity::Warning,
     "pointer parameter '{0}' is used other than as {0}[i] or *{0} (copied, moved, passed on, or "
     "in a lambda): the elements read through it are not all inputs; the measurement is "
     "approximate"},
    {Message::SizeInLoopCondition, Channel::CompileTime, Severity::Warning,
     "parameter '{0}' is read in a loop condition and is charged as a tracked input; if it is a "
     "size, exclude it with BYTEDMD_UNTRACKED or --untracked={0}"},
    {Message::FieldInLoopCondition, Channel::CompileTime, Severity::Warning,
     "field '{0}' is read in a loop condition and is charged as a tracked input wherever its "
     "object is one; if it is a size, exclude it with BYTEDMD_UNTRACKED on its declaration or "
     "--untracked={0}"},
    {Message::HeaderFunctionLeftPlain, Channel::CompileTime, Severity::Warning,
     "'{0}' is defined in an instrumented header but declared here, in a file that "
     "--instrument-headers does not match (or as a friend); it is left as it is, so calls to it "
     "are not instrumented. Widen --instrument-headers to this file"},
    {Message::ConstexprLeftPlain, Channel::CompileTime, Severity::Warning,
     "'{0}' is constexpr: it is left as written (it may run at compile time, where bytedmd "
     "cannot), so it is not measured and its calls are not instrumented; a call with tracked "
     "values is reported where it is made and its measurement is approximate (drop constexpr to "
     "measure it)"},
    {Message::BadHeaderRegex, Channel::CompileTime, Severity::Error,
     "--instrument-headers='{0}' is not a valid regular expression: {1}"},
    {Message::CopyIncludedFromPlainFile, Channel::CompileTime, Severity::Error,
     "'{0}' is instrumented (--instrument-headers) but is included here, from a file that is "
     "not, which would bring in its plain copy; widen --instrument-headers to match this file"},
    {Message::NoHeaderDirectory, Channel::CompileTime, Severity::Error,
     "headers are instrumented but there is no directory for their rewritten copies; give -o "
     "FILE or --header-dir=DIR"},
    {Message::NoSuchFunction, Channel::CompileTime, Severity::Error,
     "no function named '{0}' is defined in this file; check the --function name (a qualified "
     "name such as ns::f is accepted)"},
    {Message::AcrossCallWithData, Channel::RunTime, Severity::Warning,
     "call to '{0}', whose file is not instrumented, with a pointer, reference or iterator to "
     "tracked values: its reads and copies are not measured, and the measurement is "
     "approximate"},
    {Message::OpaqueResult, Channel::RunTime, Severity::Warning,
     "the result of '{0}', which is not instrumented, is computed from tracked values but taken "
     "as untracked; the measurement is approximate"},
    {Message::UninstrumentedFunctionObject, Channel::RunTime, Severity::Warning,
     "the std::function called here holds a callable that is not instrumented; its result is "
     "computed from tracked values but taken as untracked; the measurement is approximate"},
    {Message::UninstrumentedOverride, Channel::RunTime, Severity::Warning,
     "the virtual call here reached an override that is not instrumented; its result is "
     "computed from tracked values but taken as untracked; the measurement is approximate"},
    {Message::UninstrumentedCallable, Channel::RunTime, Severity::Warning,
     "the callable handed to '{0}' here is not instrumented; its result is computed from "
     "tracked values but taken as untracked; the measurement is approximate"},
};

constexpr bool inEnumOrder() {
  int i = 0;
  for (const Entry &e : kMessages)
    if (static_cast<int>(e.message) != i++)
      return false;
  return true;
}
static_assert(inEnumOrder(), "kMessages lists every Message in enum order");

const Entry &entry(Message m) { return kMessages[static_cast<int>(m)]; }

} // namespace

std::string formatMessage(Message m, const std::vector<std::string> &args) {
  std::string out;
  for (const char *p = entry(m).text; *p != '\0'; ++p) {
    if (p[0] == '{' && p[1] >= '0' && p[1] <= '9' && p[2] == '}') {
      const unsigned i = unsigned(p[1] - '0');
      out += i < args.size() ? args[i] : std::string();
      p += 2;
    } else {
      out.push_back(*p);
    }
  }
  return out;
}

RewriteDiagnostics::RewriteDiagnostics(clang::DiagnosticsEngine &engine, bool deferred)
    : engine_(engine), deferred_(deferred) {
  warning_ = engine_.getCustomDiagID(clang::DiagnosticsEngine::Warning, "bytedmd: %0");
  error_ = engine_.getCustomDiagID(clang::DiagnosticsEngine::Error, "bytedmd: %0");
}

std::string RewriteDiagnostics::report(clang::SourceLocation at, Message m,
                                       const std::vector<std::string> &args) {
  const Entry &e = entry(m);
  std::string text = formatMessage(m, args);
  if (e.channel != Channel::RunTime) {
    const unsigned id = e.severity == Severity::Error ? error_ : warning_;
    if (deferred_)
      waiting_.push_back({at, {id, text}});
    else
      engine_.Report(at, id) << text;
    if (e.severity == Severity::Warning)
      ++count_;
  }
  if (e.channel == Channel::Both)
    runTime_.emplace_back(at, text);
  return text;
}

void RewriteDiagnostics::flush() {
  for (const auto &[at, message] : waiting_)
    engine_.Report(at, message.first) << message.second;
  waiting_.clear();
  deferred_ = false;
}

RewriteDiagnostics::RunTimeList RewriteDiagnostics::enterFunction() {
  RunTimeList outer = std::move(runTime_);
  runTime_.clear();
  return outer;
}

} // namespace bytedmd
