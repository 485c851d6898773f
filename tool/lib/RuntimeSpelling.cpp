// RuntimeSpelling.cpp - the runtime's names, as the rewritten code spells them.
#include "RuntimeSpelling.h"

namespace bytedmd {
namespace spell {

namespace {
const std::string kNamespace = "::bytedmd::";
} // namespace

const char *const kSequence = "::bytedmd::seq{";
const char *const kChooseThen = ", [&] { return ";
const char *const kChooseElse = "; }, [&] { return ";
const char *const kChooseClose = "; })";
const char *const kReturnedObject = "bytedmd_o";
const char *const kInclude =
    "#include \"bytedmd/instrument.hpp\"  // added by bytedmd-instrument\n";
const char *const kMarkersComment =
    "\n// added by bytedmd-instrument: this file's functions are instrumented\n";
const char *const kInternalLinkage = "static __attribute__((__unused__)) ";

std::string op(const std::string &name) { return "BYTEDMD_OP_" + name; }

std::string entry(const std::string &name) { return kNamespace + name; }

std::string open(const std::string &name) { return entry(name) + "("; }

std::string open(const std::string &name, const std::string &arg) {
  return entry(name) + "<" + arg + ">(";
}

std::string initialiserArgument(const std::string &type, const std::string &param, unsigned index,
                                unsigned count) {
  return open("initialiserArgument", type + (param.empty() ? "" : ", " + param)) +
         (index == 0 ? entry("InitialiserRecord") + "{}" : std::to_string(index)) + ", " +
         std::to_string(count) + ", ";
}

std::string keyVariable(unsigned index, const std::string &name) {
  return "bytedmd_kv" + std::to_string(index) + "_" + name;
}

std::string keyedOpen(const std::string &name, const std::string &arg, const std::string &key) {
  return (arg.empty() ? open(name + "Key") : open(name + "Key", arg)) + key + ", ";
}

std::string keyDeclarations(const std::vector<std::string> &keys) {
  std::string code;
  for (const std::string &key : keys)
    code += " bytedmd_key " + key + " = 0;";
  return code;
}

std::string openOverOperands(const std::string &name, const std::string &arg) {
  return open(name, arg) + kSequence;
}

std::string openOverOperands(const std::string &name) { return open(name) + kSequence; }

std::string conversion(const std::string &type) { return entry("cvt") + "<" + type + ">"; }

std::string site(unsigned index) { return ", &bytedmd_loc_" + std::to_string(index); }

std::string forwardTo(const std::string &callee) {
  return "[&](auto&&... bytedmd_a) -> decltype(auto) { return " + callee +
         "(static_cast<decltype(bytedmd_a)&&>(bytedmd_a)...); }";
}

std::string closeWithCallee(const std::string &callee) { return "}, " + forwardTo(callee) + ")"; }

namespace {
std::string methodLambda(const std::string &callee) {
  return "[&](auto&& bytedmd_o, auto&&... bytedmd_a) -> decltype(auto) { return " + callee +
         "(static_cast<decltype(bytedmd_a)&&>(bytedmd_a)...); }";
}
} // namespace

std::string closeWithMethod(const std::string &callee) { return "}, " + methodLambda(callee) + ")"; }

std::string closeThroughMethod(const std::string &callee, const std::string &where,
                               const std::string &text) {
  return "}, " + methodLambda(callee) + ", " + where + ", " + message(text) + ")";
}

const char *const kLeft = "static_cast<decltype(bytedmd_l)&&>(bytedmd_l)";
const char *const kRight = "static_cast<decltype(bytedmd_r)&&>(bytedmd_r)";

std::string closeWithOperator(const std::string &expression, unsigned operands) {
  return std::string("}, [&](auto&& bytedmd_l") + (operands == 2 ? ", auto&& bytedmd_r" : "") +
         ") -> decltype(auto) { return " + expression + "; })";
}

std::string closeWithMathCallee(const std::string &callee) {
  return "}, [&](auto... bytedmd_v) { return " + callee + "(bytedmd_v...); }";
}

std::string openAcross(const std::string &marker) {
  return "(" + open("across") + "&" + marker + "), " + openOverOperands("callAcross");
}

std::string staticLocation(const std::string &file, unsigned line, unsigned column) {
  return "[]() { static const bytedmd_location bytedmd_w = {\"" + file + "\", " +
         std::to_string(line) + ", " + std::to_string(column) +
         ", 0, nullptr}; return &bytedmd_w; }()";
}

std::string message(const std::string &text) {
  return text.empty() ? std::string("nullptr") : "\"bytedmd: " + text + "\"";
}

std::string closeAcross(const std::string &callee, const std::string &where,
                        const std::string &unmodeled, const std::string &computed) {
  return "}, " + forwardTo(callee) + ", " + where + ", " + message(unmodeled) +
         (computed.empty() ? std::string() : ", " + message(computed)) + "))";
}

const char *const kOpaqueOpen = "(::bytedmd::opaqueMark(), ::bytedmd::opaqueResult(";

std::string closeOpaque(const std::string &where, const std::string &text) {
  return ", " + where + ", " + message(text) + "))";
}

std::string statement(const std::string &name, const std::string &args) {
  return open(name) + args + ");";
}

std::string bindFieldsCall(const std::vector<std::string> &targets) {
  std::string args = std::to_string(targets.size());
  for (const std::string &t : targets)
    args += ", " + t;
  return open("bindFields") + args + ")";
}

std::string bindFields(const std::vector<std::string> &targets) {
  return bindFieldsCall(targets) + ";";
}

std::string copyKeys(const std::string &binding, const std::string &member) {
  return " " + statement("copyKeys", binding + ", " + member);
}

std::string frame(const std::string &member) { return "bytedmd_frame." + member + "("; }

std::string returnObject(const std::string &type) {
  return "bytedmd_frame.retObject<" + type + ">(";
}

std::string rangeReference(const std::string &suffix) { return "bytedmd_ref_" + suffix; }

std::string functionSite(const std::string &name, const std::string &file, unsigned line,
                         unsigned column) {
  return " static bytedmd_function bytedmd_site = {\"" + name + "\", {\"" + file + "\", " +
         std::to_string(line) + ", " + std::to_string(column) + ", 0}};";
}

namespace {
std::string locationValue(const std::string &file, unsigned line, const std::string &name) {
  return "{\"" + file + "\", " + std::to_string(line) + ", 0, 0, " +
         (name.empty() ? std::string("nullptr") : "\"" + escaped(name) + "\"") + "}";
}
} // namespace

std::string locationSite(unsigned index, const std::string &file, unsigned line,
                         const std::string &name) {
  return " static bytedmd_location bytedmd_loc_" + std::to_string(index) + " = " +
         locationValue(file, line, name) + ";";
}

std::string inlineSite(const std::string &file, unsigned line, const std::string &name) {
  return ", []() { static bytedmd_location bytedmd_w = " + locationValue(file, line, name) +
         "; return &bytedmd_w; }()";
}

std::string frameDeclaration(bool measured, bool constructor, bool sited) {
  const std::string site = sited ? "&bytedmd_site" : "nullptr";
  if (constructor)
    return " " + entry("ConstructorFrame") + " bytedmd_frame(this, " + site + ");";
  return std::string(" ") + entry("Frame") + " bytedmd_frame(" + site +
         (measured || !sited ? "" : ", false") + ");";
}

std::string frameStatement(const std::string &member, const std::string &args) {
  return " " + frame(member) + args + ");";
}

std::string namedInputs(const std::string &names, const std::string &args) {
  return frameStatement("namedInputs", "\"" + names + "\", " + args);
}

std::string pointerBase(const std::string &param) { return "bytedmd_base_" + param; }

std::string pointerBaseDeclaration(const std::string &param) {
  return " [[maybe_unused]] auto *const " + pointerBase(param) + " = " + param + ";";
}

std::string diagnose(const std::string &file, unsigned line, unsigned column,
                     const std::string &message) {
  return " { static const bytedmd_location bytedmd_where = {\"" + file + "\", " +
         std::to_string(line) + ", " + std::to_string(column) +
         ", 0}; bytedmd_frame.diagnose(&bytedmd_where, \"bytedmd: " + escaped(message) +
         "\"); }";
}

std::string marker(const std::string &mangled) { return "bytedmd_instrumented_" + mangled; }

std::string weakMarkerReference(const std::string &marker) {
  return "extern const char " + marker + " __attribute__((weak));\n";
}

std::string markerDefinition(const std::string &marker) {
  return "extern const char " + marker + ";\nconst char " + marker + " = 1;\n";
}

std::string escaped(const std::string &text) {
  std::string out;
  for (char c : text) {
    if (c == '"' || c == '\\')
      out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

std::string fieldWalker(const std::vector<WalkedMember> &members) {
  std::string body;
  for (const WalkedMember &m : members)
    body += m.base.empty()
                ? " bytedmd_f(\"" + m.field + "\", bytedmd_s." + m.field + "...);"
                : " bytedmd_f(nullptr, ::bytedmd::base<" + m.base + ">(bytedmd_s)...);";
  return " public: template <class bytedmd_F, class... bytedmd_S> static void "
         "bytedmd_fields(bytedmd_F &&bytedmd_f, bytedmd_S &...bytedmd_s) {" +
         body + " } ";
}

} // namespace spell
} // namespace bytedmd
