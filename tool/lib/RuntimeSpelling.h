// RuntimeSpelling.h - every piece of text the rewriter writes that names the
// runtime: the C++ layer's entries (bytedmd/instrument.hpp), the frame and
// its members, the static sites, the cross-file markers. Nothing else in the
// tool spells "::bytedmd::", so renaming an entry is a change in one place.
#ifndef BYTEDMD_TOOL_RUNTIME_SPELLING_H
#define BYTEDMD_TOOL_RUNTIME_SPELLING_H

#include <string>
#include <vector>

namespace bytedmd {
namespace spell {

// ---- entries of the C++ layer ----------------------------------------------

/// "BYTEDMD_OP_NAME": an instruction of bytedmd/ops.def.
std::string op(const std::string &name);
/// "::bytedmd::NAME": an entry, as a callee that replaces another.
std::string entry(const std::string &name);
/// "::bytedmd::NAME(": the opening of a call of an entry; ")" closes it.
std::string open(const std::string &name);
/// "::bytedmd::NAME<ARG>(": an entry with one template argument (an
/// instruction's op, a conversion's type).
std::string open(const std::string &name, const std::string &arg);
/// "::bytedmd::seq{": operands in source order (a braced list).
extern const char *const kSequence;
/// "::bytedmd::NAME<ARG>(::bytedmd::seq{": an instruction over operands.
std::string openOverOperands(const std::string &name, const std::string &arg);
/// "::bytedmd::NAME(::bytedmd::seq{": a call or constructor over operands.
std::string openOverOperands(const std::string &name);
/// "::bytedmd::initialiserArgument<CLASS, PARAM>(::bytedmd::InitialiserRecord{}, N, " for a
/// mem-initializer's first argument (of N), "...(I, N, " for a later one;
/// ")" closes it. PARAM "" leaves the argument's type as it is.
std::string initialiserArgument(const std::string &type, const std::string &param, unsigned index,
                                unsigned count);
/// "::bytedmd::cvt<T>": a named cast's replacement up to its '('.
std::string conversion(const std::string &type);
/// ", &bytedmd_loc_N": the static site of an instruction, as an argument.
std::string site(unsigned index);

/// "[&](auto&&... bytedmd_a) -> decltype(auto) { return CALLEE(...); }": the
/// callee of a call whose arguments the runtime evaluates first.
std::string forwardTo(const std::string &callee);
/// "}, FORWARD)": the close of call, invoke: operands, then the callee.
std::string closeWithCallee(const std::string &callee);
/// "}, [&](auto&& bytedmd_o, auto&&... bytedmd_a) -> decltype(auto) { return
/// CALLEE(...); })": the close of a method's call, the object first.
std::string closeWithMethod(const std::string &callee);
/// "}, [&](auto&& bytedmd_o, ...) { return CALLEE(...); }, WHERE, MESSAGE)": the
/// close of callThrough over a method (a virtual call).
std::string closeThroughMethod(const std::string &callee, const std::string &where,
                               const std::string &message);
/// "}, [&](auto&& bytedmd_l[, auto&& bytedmd_r]) -> decltype(auto) { return
/// EXPRESSION; })": the close of an operator's call over its one or two
/// operands; kLeft and kRight spell them, forwarded as they came.
std::string closeWithOperator(const std::string &expression, unsigned operands);
extern const char *const kLeft;
extern const char *const kRight;
/// "}, [&](auto... bytedmd_v) { return CALLEE(bytedmd_v...); }": a math
/// function's callee, over the plain values.
std::string closeWithMathCallee(const std::string &callee);
/// "(::bytedmd::across(&MARKER), ::bytedmd::callAcross(::bytedmd::seq{".
std::string openAcross(const std::string &marker);
/// The close of callAcross: the callee, where the call is, the message for
/// a callee that turns out not to be instrumented and receives pointers to
/// data, and the one for its used result computed from tracked values ("":
/// none).
std::string closeAcross(const std::string &callee, const std::string &where,
                        const std::string &unmodeled, const std::string &computed);
/// "[]() { static const bytedmd_location bytedmd_w = {...}; return &bytedmd_w; }()":
/// a site as an expression.
std::string staticLocation(const std::string &file, unsigned line, unsigned column);
/// "\"bytedmd: MESSAGE\"", or "nullptr" for "".
std::string message(const std::string &text);
/// The opening and close of a used result of code the tool does not see.
extern const char *const kOpaqueOpen;
std::string closeOpaque(const std::string &where, const std::string &message);
/// "c ? a : b" -> "::bytedmd::choose(c, [&] { return a; }, [&] { return b; })".
extern const char *const kChooseThen;
extern const char *const kChooseElse;
extern const char *const kChooseClose;

// ---- statements added after a declaration --------------------------------

/// "::bytedmd::NAME(ARGS);" - a statement of an entry.
std::string statement(const std::string &name, const std::string &args);
/// "::bytedmd::bindFields(N, a, b)": the last N stashed keys go to a, b.
std::string bindFieldsCall(const std::vector<std::string> &targets);
/// The same as a statement.
std::string bindFields(const std::vector<std::string> &targets);
/// " ::bytedmd::copyKeys(BINDING, MEMBER);"
std::string copyKeys(const std::string &binding, const std::string &member);

// ---- keyed locals ---------------------------------------------------------------

/// "bytedmd_kvN_NAME": the variable that holds the key of local NAME (the
/// N-th of its function), when the local keeps its key beside it.
std::string keyVariable(unsigned index, const std::string &name);
/// "::bytedmd::NAMEKey(KEY, " or "::bytedmd::NAMEKey<ARG>(KEY, ": the keyed
/// form of an opening open(NAME[, ARG]) made, its key variable first.
std::string keyedOpen(const std::string &name, const std::string &arg, const std::string &key);
/// " bytedmd_key KEY = 0;" for each key variable, in order.
std::string keyDeclarations(const std::vector<std::string> &keys);

// ---- the frame --------------------------------------------------------------

/// "bytedmd_frame.MEMBER(": a call of the function's frame.
std::string frame(const std::string &member);
/// "bytedmd_frame.retObject<TYPE>(".
std::string returnObject(const std::string &type);
/// The name a returned aggregate's members are bound through.
extern const char *const kReturnedObject;
/// "bytedmd_ref_NAME": the element a range-for's copy is made from.
std::string rangeReference(const std::string &suffix);

// ---- the prologue -----------------------------------------------------------

/// " static bytedmd_function bytedmd_site = {...};"
std::string functionSite(const std::string &name, const std::string &file, unsigned line,
                         unsigned column);
/// " static bytedmd_location bytedmd_loc_N = {...};" (name "" for none)
std::string locationSite(unsigned index, const std::string &file, unsigned line,
                         const std::string &name);
/// ", []() { static bytedmd_location bytedmd_w = {...}; return &bytedmd_w; }()":
/// a site where the body's statics are not yet declared (a member initialiser).
std::string inlineSite(const std::string &file, unsigned line, const std::string &name);
/// " ::bytedmd::Frame bytedmd_frame(&bytedmd_site);" (measured), (&bytedmd_site,
/// false), or (nullptr) for a lambda; a constructor's
/// " ::bytedmd::ConstructorFrame bytedmd_frame(this, &bytedmd_site);"
/// `sited`: the function has its bytedmd_site (all but lambdas), so it is a
/// scope of the measurements that call it.
std::string frameDeclaration(bool measured, bool constructor = false, bool sited = true);
/// " bytedmd_frame.MEMBER(ARGS);"
std::string frameStatement(const std::string &member, const std::string &args);
/// " bytedmd_frame.namedInputs("NAMES", ARGS);"
std::string namedInputs(const std::string &names, const std::string &args);
/// "bytedmd_base_P": the entry value of pointer parameter P, for a body
/// that steps P (its inputs are placed from the address it had on entry).
std::string pointerBase(const std::string &param);
/// " [[maybe_unused]] auto *const bytedmd_base_P = P;"
std::string pointerBaseDeclaration(const std::string &param);
/// " { static const bytedmd_location bytedmd_where = ...; bytedmd_frame.diagnose(...); }"
std::string diagnose(const std::string &file, unsigned line, unsigned column,
                     const std::string &message);

// ---- the file -----------------------------------------------------------------

/// The include the rewritten file starts with.
extern const char *const kInclude;
/// "bytedmd_instrumented_MANGLED": the marker of an instrumented function.
std::string marker(const std::string &mangled);
/// "extern const char MARKER __attribute__((weak));\n"
std::string weakMarkerReference(const std::string &marker);
/// "extern const char MARKER;\nconst char MARKER = 1;\n"
std::string markerDefinition(const std::string &marker);
/// The comment before the file's marker definitions.
extern const char *const kMarkersComment;
/// What makes a header copy's function local to the files that include it.
extern const char *const kInternalLinkage;

/// One member of a class's field walker, in walk order: a base (its type's
/// text; field empty) or a field (its name; base empty).
struct WalkedMember {
  std::string base;
  std::string field;
};
/// " public: template <...> static void bytedmd_fields(F &&f, S &...s) { ... }":
/// the walker the tool gives each class of the program's own (the runtime
/// walks inputs, copies and results through it: containers.hpp).
std::string fieldWalker(const std::vector<WalkedMember> &members);

/// A C string literal's contents: " and \ escaped.
std::string escaped(const std::string &text);

} // namespace spell
} // namespace bytedmd

#endif // BYTEDMD_TOOL_RUNTIME_SPELLING_H
