// FunctionRewriter.cpp - how each statement and expression kind becomes
// runtime calls (see FunctionRewriter.h and runtime/include/bytedmd/instrument.hpp).
//
// Edits are insertions and token replacements in one clang::Rewriter. The
// traversal is outer-first: an opening inserted later at the same place goes
// after the earlier ones (InsertText after), a closing goes before them
// (InsertText before), so nested wrappers nest properly.
#include "FunctionRewriter.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Mangle.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/Stmt.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "clang/Rewrite/Core/Rewriter.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>

using namespace clang;

namespace bytedmd {
namespace {

/// How the parent consumes an expression's value.
enum class Use {
  Value,   ///< an operand of a modeled operation: V<T> or a plain value
  Truth,   ///< a condition or an operand of && || !: a READ
  Index,   ///< a subscript or offset: a READ
  Escape,  ///< passed by value to code that is not instrumented: a READ
  EscapeIf, ///< passed by value across files: a READ unless the callee is instrumented
  Discard, ///< the value is unused
  Plain,   ///< a context that is not modeled (pointers, objects, constructors)
  LValue,  ///< an lvalue that stays one (assigned, bound to a reference)
};

bool isArith(QualType T) {
  if (T.isNull())
    return false;
  T = T.getNonReferenceType().getCanonicalType();
  return T->isArithmeticType() && !T->isEnumeralType();
}

bool isDependentOrArith(const Expr *E) { return E->isTypeDependent() || isArith(E->getType()); }

/// std::vector / std::array (nested) of arithmetic values, or a C array.
bool holdsArith(QualType T) {
  T = T.getNonReferenceType().getCanonicalType();
  if (isArith(T))
    return true;
  if (const auto *A = dyn_cast<ConstantArrayType>(T.getTypePtr()))
    return holdsArith(A->getElementType());
  if (const auto *R = T->getAsCXXRecordDecl()) {
    if (!R->isInStdNamespace())
      return false;
    const auto *S = dyn_cast<ClassTemplateSpecializationDecl>(R);
    if (S == nullptr)
      return false;
    const StringRef name = S->getName();
    if ((name == "vector" || name == "array") && S->getTemplateArgs().size() >= 1 &&
        S->getTemplateArgs()[0].getKind() == TemplateArgument::Type)
      return holdsArith(S->getTemplateArgs()[0].getAsType());
  }
  return false;
}

/// std::pair and std::tuple: copied member by member.
bool isStdTuple(const CXXRecordDecl *R) {
  return R && R->isInStdNamespace() && R->getIdentifier() &&
         (R->getName() == "pair" || R->getName() == "tuple");
}

bool tracksKeys(QualType T);

/// A class whose values are plain data: a struct that is trivially copyable
/// with a field that holds keys, or a std::pair / std::tuple of such.
bool isValueRecord(QualType T) {
  T = T.getNonReferenceType().getCanonicalType();
  const auto *R = T->getAsCXXRecordDecl();
  if (R == nullptr || !R->hasDefinition() || R->isLambda() || R->isUnion())
    return false;
  if (isStdTuple(R)) {
    const auto *S = dyn_cast<ClassTemplateSpecializationDecl>(R);
    if (S == nullptr)
      return false;
    for (const TemplateArgument &A : S->getTemplateArgs().asArray()) {
      if (A.getKind() == TemplateArgument::Pack) {
        for (const TemplateArgument &P : A.pack_elements())
          if (P.getKind() == TemplateArgument::Type && tracksKeys(P.getAsType()))
            return true;
      } else if (A.getKind() == TemplateArgument::Type && tracksKeys(A.getAsType())) {
        return true;
      }
    }
    return false;
  }
  if (R->isInStdNamespace() || !R->isTriviallyCopyable())
    return false;
  for (const FieldDecl *F : R->fields())
    if (tracksKeys(F->getType()))
      return true;
  for (const CXXBaseSpecifier &B : R->bases())
    if (tracksKeys(B.getType()))
      return true;
  return false;
}

/// Data whose copies bytedmd follows: arithmetic values, containers and
/// arrays of them, and value records (and containers of those).
bool tracksKeys(QualType T) {
  T = T.getNonReferenceType().getCanonicalType();
  if (holdsArith(T) || isValueRecord(T))
    return true;
  if (const auto *A = dyn_cast<ConstantArrayType>(T.getTypePtr()))
    return tracksKeys(A->getElementType());
  const auto *S = dyn_cast_or_null<ClassTemplateSpecializationDecl>(T->getAsCXXRecordDecl());
  return S && S->isInStdNamespace() && (S->getName() == "vector" || S->getName() == "array") &&
         S->getTemplateArgs()[0].getKind() == TemplateArgument::Type &&
         tracksKeys(S->getTemplateArgs()[0].getAsType());
}

/// What Frame::inputs can walk element by element: arithmetic values, and
/// arrays, std::array, std::vector, std::pair and std::tuple of such.
bool enumerable(QualType T) {
  T = T.getNonReferenceType().getCanonicalType();
  if (isArith(T))
    return true;
  if (const auto *A = dyn_cast<ConstantArrayType>(T.getTypePtr()))
    return enumerable(A->getElementType());
  const auto *S = dyn_cast_or_null<ClassTemplateSpecializationDecl>(T->getAsCXXRecordDecl());
  if (S == nullptr || !S->isInStdNamespace())
    return false;
  const StringRef name = S->getName();
  if (name != "vector" && name != "array" && name != "pair" && name != "tuple")
    return false;
  bool any = false;
  for (const TemplateArgument &A : S->getTemplateArgs().asArray()) {
    if (A.getKind() == TemplateArgument::Pack) {
      for (const TemplateArgument &P : A.pack_elements())
        if (P.getKind() == TemplateArgument::Type) {
          if (!enumerable(P.getAsType()))
            return false;
          any = true;
        }
    } else if (A.getKind() == TemplateArgument::Type) {
      if (!enumerable(A.getAsType()) && (name == "pair" || name == "tuple" || !any))
        return false;
      any = true;
      if (name == "vector" || name == "array")
        break; // the allocator or the size follow
    }
  }
  return any;
}

bool isVectorOfArith(QualType T) {
  T = T.getNonReferenceType().getCanonicalType();
  const auto *R = T->getAsCXXRecordDecl();
  const auto *S = dyn_cast_or_null<ClassTemplateSpecializationDecl>(R);
  return S && S->isInStdNamespace() && S->getName() == "vector" &&
         S->getTemplateArgs()[0].getKind() == TemplateArgument::Type &&
         isArith(S->getTemplateArgs()[0].getAsType());
}

/// The instruction of a binary or compound-assignment operator
/// (bytedmd/ops.def), or none.
std::optional<std::string> binaryOp(BinaryOperatorKind K) {
  switch (K) {
#define BYTEDMD_ARITHMETIC(NAME, ir, token, ClangKind)                                             \
  case BO_##ClangKind:                                                                             \
  case BO_##ClangKind##Assign:                                                                     \
    return "BYTEDMD_OP_" #NAME;
#define BYTEDMD_COMPARISON(NAME, ir, token, ClangKind)                                             \
  case BO_##ClangKind:                                                                             \
    return "BYTEDMD_OP_" #NAME;
#include "bytedmd/ops.def"
  default:
    return std::nullopt;
  }
}

/// The instruction of -x, +x, ~x (bytedmd/ops.def), or none.
std::optional<std::string> unaryOp(UnaryOperatorKind K) {
  switch (K) {
#define BYTEDMD_UNARY(NAME, ir, token, ClangKind)                                                  \
  case UO_##ClangKind:                                                                             \
    return "BYTEDMD_OP_" #NAME;
#include "bytedmd/ops.def"
  default:
    return std::nullopt;
  }
}

/// The standard math functions the model prices as one instruction.
std::optional<std::string> mathOp(StringRef name) {
  static const llvm::StringMap<const char *> ops = {
#define BYTEDMD_MATH(NAME, ir) {#ir, #NAME},
#define BYTEDMD_MATH_ALIAS(function, NAME) {#function, #NAME},
#include "bytedmd/ops.def"
  };
  // The C names with an f or l suffix are the same functions.
  auto it = ops.find(name);
  if (it == ops.end() && (name.ends_with("f") || name.ends_with("l")))
    it = ops.find(name.drop_back());
  if (it == ops.end())
    return std::nullopt;
  return std::string("BYTEDMD_OP_") + it->second;
}

/// A file name as the user would write it: relative to the working
/// directory when it is inside it (Clang tools make paths absolute).
std::string displayName(StringRef path) {
  llvm::SmallString<256> cwd;
  if (!llvm::sys::fs::current_path(cwd)) {
    cwd.push_back('/');
    if (path.starts_with(cwd))
      return path.drop_front(cwd.size()).str();
  }
  return path.str();
}

bool inStdOrGlobal(const FunctionDecl *F) {
  const DeclContext *C = F->getDeclContext()->getRedeclContext();
  while (C->isInlineNamespace())
    C = C->getParent();
  if (C->isTranslationUnit())
    return true;
  if (const auto *N = dyn_cast<NamespaceDecl>(C))
    return N->getName() == "std" && N->getParent()->getRedeclContext()->isTranslationUnit();
  return false;
}

/// The braced list that initialises a container, through the wrappers
/// Clang puts around it (`return {a, b};`, `std::vector<double> v = {a, b};`).
const InitListExpr *containerList(const Expr *E) {
  E = E->IgnoreImplicit();
  if (const auto *L = dyn_cast<InitListExpr>(E))
    return L;
  if (const auto *F = dyn_cast<CXXFunctionalCastExpr>(E))
    return containerList(F->getSubExpr());
  if (const auto *C = dyn_cast<CXXConstructExpr>(E)) {
    if (C->getNumArgs() >= 1)
      if (const auto *S = dyn_cast<CXXStdInitializerListExpr>(C->getArg(0)->IgnoreImplicit()))
        return dyn_cast<InitListExpr>(S->getSubExpr()->IgnoreImplicit());
  }
  if (const auto *S = dyn_cast<CXXStdInitializerListExpr>(E))
    return dyn_cast<InitListExpr>(S->getSubExpr()->IgnoreImplicit());
  return nullptr;
}

/// What a reference parameter binds: a temporary bound to it is the prvalue
/// inside, under the no-op casts Clang adds.
const Expr *referenceSource(const Expr *arg) {
  while (true) {
    if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(arg))
      arg = M->getSubExpr();
    else if (const auto *C = dyn_cast<ImplicitCastExpr>(arg); C && C->getCastKind() == CK_NoOp)
      arg = C->getSubExpr();
    else
      return arg;
  }
}

/// The braced list of an aggregate struct (`P p{a, b}`, `return P{a, b};`).
const InitListExpr *recordList(const Expr *E) {
  E = E->IgnoreImplicit();
  if (const auto *F = dyn_cast<CXXFunctionalCastExpr>(E))
    E = F->getSubExpr()->IgnoreImplicit();
  const auto *L = dyn_cast<InitListExpr>(E);
  if (L && L->getType()->isRecordType() && isValueRecord(L->getType()) &&
      !isStdTuple(L->getType()->getAsCXXRecordDecl()))
    return L->isSemanticForm() ? L : L->getSemanticForm();
  return nullptr;
}

bool isVectorType(QualType T) {
  const auto *S = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.getNonReferenceType().getCanonicalType()->getAsCXXRecordDecl());
  return S && S->isInStdNamespace() && S->getName() == "vector";
}

class Rewrite {
public:
  Rewrite(ASTContext &context, Rewriter &rewriter, const RewritePolicy &policy)
      : ctx_(context), sm_(context.getSourceManager()), r_(rewriter), policy_(policy) {
    warning_ = ctx_.getDiagnostics().getCustomDiagID(DiagnosticsEngine::Warning, "bytedmd: %0");
  }

  unsigned function(const FunctionDecl *F);
  unsigned warnings() const { return warnings_; }

private:
  // ---- source edits --------------------------------------------------------
  /// A location in a rewritten file where an edit can go: file locations, and
  /// macro arguments spelled in the file.
  SourceLocation editable(SourceLocation L) const {
    if (L.isInvalid())
      return {};
    if (L.isMacroID()) {
      SourceLocation edge;
      if (sm_.isMacroArgExpansion(L)) {
        L = sm_.getSpellingLoc(L);
      } else if (Lexer::isAtStartOfMacroExpansion(L, sm_, ctx_.getLangOpts(), &edge) ||
                 Lexer::isAtEndOfMacroExpansion(L, sm_, ctx_.getLangOpts(), &edge)) {
        // A whole macro invocation (SCALE, f(x)) can be wrapped from outside.
        L = edge;
      } else {
        return {};
      }
      if (L.isMacroID())
        return {};
    }
    if (!policy_.isRewrittenFile)
      return sm_.isWrittenInMainFile(L) ? L : SourceLocation();
    return L.isFileID() && policy_.isRewrittenFile(sm_.getFileID(L)) ? L : SourceLocation();
  }
  bool canEdit(const Expr *E) const {
    return editable(E->getBeginLoc()).isValid() && editable(E->getEndLoc()).isValid();
  }
  void open(SourceLocation at, StringRef text) { r_.InsertText(editable(at), text, true); }
  void close(SourceLocation lastToken, StringRef text) {
    SourceLocation end =
        Lexer::getLocForEndOfToken(editable(lastToken), 0, sm_, ctx_.getLangOpts());
    r_.InsertText(end, text, false);
  }
  void wrap(const Expr *E, StringRef before, StringRef after) {
    open(E->getBeginLoc(), before);
    close(E->getEndLoc(), after);
  }
  void replaceToken(SourceLocation at, StringRef text) {
    at = editable(at);
    r_.ReplaceText(at, Lexer::MeasureTokenLength(at, sm_, ctx_.getLangOpts()), text);
  }
  /// Replaces the original text from `first` through the token at `last`.
  /// (Rewriter::ReplaceText(SourceRange) measures the range in rewritten text,
  /// which counts our own insertions; this measures the original.)
  void replace(SourceLocation first, SourceLocation last, StringRef text) {
    first = editable(first);
    last = editable(last);
    const unsigned begin = sm_.getFileOffset(first);
    const unsigned end =
        sm_.getFileOffset(last) + Lexer::MeasureTokenLength(last, sm_, ctx_.getLangOpts());
    r_.ReplaceText(first, end - begin, text);
  }
  /// The token after the one at `last` (the '(' after a callee, say).
  SourceLocation tokenAfter(SourceLocation last) const {
    const std::optional<Token> next = Lexer::findNextToken(editable(last), sm_, ctx_.getLangOpts());
    return next ? next->getLocation() : SourceLocation();
  }
  /// The location just past a statement, its ';' or '}' included.
  SourceLocation afterStmt(const Stmt *S) const {
    if (const auto *C = dyn_cast<CompoundStmt>(S))
      return Lexer::getLocForEndOfToken(editable(C->getRBracLoc()), 0, sm_, ctx_.getLangOpts());
    if (const auto *I = dyn_cast<IfStmt>(S))
      return afterStmt(I->getElse() ? I->getElse() : I->getThen());
    if (const auto *F = dyn_cast<ForStmt>(S))
      return afterStmt(F->getBody());
    if (const auto *W = dyn_cast<WhileStmt>(S))
      return afterStmt(W->getBody());
    if (const auto *R = dyn_cast<CXXForRangeStmt>(S))
      return afterStmt(R->getBody());
    if (isa<DeclStmt>(S))
      return Lexer::getLocForEndOfToken(editable(S->getEndLoc()), 0, sm_, ctx_.getLangOpts());
    return Lexer::findLocationAfterToken(editable(S->getEndLoc()), tok::semi, sm_,
                                         ctx_.getLangOpts(), false);
  }
  /// ", &bytedmd_loc_<line>": the static location of an instruction's line,
  /// declared in the enclosing function's prologue.
  /// Its name, for the IR, is what the instruction computes: the variable
  /// it is stored in, or the expression's text, shortened.
  std::string here(SourceLocation at, const Expr *computes = nullptr) {
    const SourceLocation file = editable(at);
    if (file.isInvalid())
      return "";
    const unsigned line = sm_.getPresumedLineNumber(file);
    std::string name;
    if (computes != nullptr) {
      auto named = outputNames_.find(computes);
      name =
          named != outputNames_.end() ? named->second : shorten(text(computes->getSourceRange()));
    }
    auto [it, fresh] = sites_.try_emplace({line, name}, unsigned(sites_.size()));
    (void)fresh;
    return ", &bytedmd_loc_" + std::to_string(it->second);
  }
  /// Source text on one line, at most 40 characters.
  static std::string shorten(const std::string &code) {
    std::string out;
    for (char c : code) {
      if (std::isspace(static_cast<unsigned char>(c))) {
        if (!out.empty() && out.back() != ' ')
          out.push_back(' ');
      } else {
        out.push_back(c);
      }
    }
    if (out.size() > 40)
      out = out.substr(0, 37) + "...";
    return out;
  }
  std::string text(SourceRange range) const {
    return Lexer::getSourceText(CharSourceRange::getTokenRange(range), sm_, ctx_.getLangOpts())
        .str();
  }
  std::string typeName(QualType T) const {
    PrintingPolicy p(ctx_.getLangOpts());
    p.SuppressTagKeyword = true;
    p.FullyQualifiedName = true;
    return T.getUnqualifiedType().getAsString(p);
  }

  // ---- diagnostics ---------------------------------------------------------
  void warn(SourceLocation at, const std::string &message);

  // ---- statements and expressions -----------------------------------------
  void stmt(const Stmt *S);
  void expr(const Expr *E, Use use);
  void lvalue(const Expr *E);
  void applyUse(const Expr *E, Use use);
  void binary(const BinaryOperator *B, Use use);
  void unary(const UnaryOperator *U, Use use);
  void call(const CallExpr *C, Use use);
  void conditional(const ConditionalOperator *C, Use use);
  void varDecl(const VarDecl *D, const DeclStmt *S);
  void returnStmt(const ReturnStmt *S);
  void rangeFor(const CXXForRangeStmt *S);
  void condition(const Expr *cond, bool loop);
  void lambda(const LambdaExpr *L);
  void prologue(const FunctionDecl *F, const Stmt *body, bool measured);
  void bindings(const DecompositionDecl *D, const DeclStmt *S);
  /// " ::bytedmd::copyKeys(x, from.first); ..." for each binding of D.
  std::string bindingCopies(const DecompositionDecl *D, const std::string &from);
  /// The members an aggregate's braced list initialises, as source text
  /// (base.x, base.inner.y, base.arr[1]); their initialisers are stashed.
  void fieldTargets(const InitListExpr *L, const std::string &base,
                    std::vector<std::string> &targets);
  void fieldTarget(const Expr *init, QualType type, const std::string &target,
                   std::vector<std::string> &targets);
  void stashArgument(const Expr *arg);
  /// Stashes the keys of a braced list's elements; returns how many.
  unsigned listElements(const InitListExpr *L);
  void loadArgument(const Expr *arg);

  ASTContext &ctx_;
  SourceManager &sm_;
  Rewriter &r_;
  const RewritePolicy &policy_;
  unsigned warning_ = 0;
  unsigned warnings_ = 0;
  const FunctionDecl *current_ = nullptr;
  /// The instruction sites of the outermost function being rewritten:
  /// (line, name) -> index of its static bytedmd_location.
  std::map<std::pair<unsigned, std::string>, unsigned> sites_;
  /// Pointer parameters of the measured function read only as p[i] or *p:
  /// their elements become inputs when first read.
  std::set<const ParmVarDecl *> pointerParams_;
  const ParmVarDecl *throughPointerParam(const Expr *E) const {
    E = E->IgnoreParens();
    const Expr *base = nullptr;
    if (const auto *A = dyn_cast<ArraySubscriptExpr>(E))
      base = A->getBase();
    else if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_Deref) {
      base = U->getSubExpr()->IgnoreParenImpCasts();
      if (const auto *B = dyn_cast<BinaryOperator>(base); B && B->isAdditiveOp())
        base = B->getLHS()->getType()->isPointerType() ? B->getLHS() : B->getRHS();
    }
    if (base == nullptr)
      return nullptr;
    const auto *D = dyn_cast<DeclRefExpr>(base->IgnoreParenImpCasts());
    const auto *P = D ? dyn_cast<ParmVarDecl>(D->getDecl()) : nullptr;
    return P && pointerParams_.count(P) ? P : nullptr;
  }
  void findPointerParams(const FunctionDecl *F);
  /// Instructions whose output goes straight into a named place (`s = a * b`).
  std::map<const Expr *, std::string> outputNames_;
  /// Diagnostics of the current function, reported at run time by its frame.
  std::vector<std::pair<SourceLocation, std::string>> runtimeDiagnostics_;
};

void Rewrite::warn(SourceLocation at, const std::string &message) {
  ctx_.getDiagnostics().Report(at, warning_) << message;
  ++warnings_;
  runtimeDiagnostics_.emplace_back(at, message);
}

void Rewrite::applyUse(const Expr *E, Use use) {
  if (!isDependentOrArith(E))
    return;
  switch (use) {
  case Use::Truth:
    wrap(E, "::bytedmd::truth(", here(E->getExprLoc()) + ")");
    break;
  case Use::Index:
    wrap(E, "::bytedmd::index(", here(E->getExprLoc()) + ")");
    break;
  case Use::Escape:
    wrap(E, "::bytedmd::escape(", here(E->getExprLoc()) + ")");
    break;
  case Use::EscapeIf:
    wrap(E, "::bytedmd::escapeIf(", here(E->getExprLoc()) + ")");
    break;
  case Use::Plain:
    // A context that is not modeled (a constructor argument, say) takes the
    // value as code that is not instrumented would: a read.
    if (E->isPRValue())
      wrap(E, "::bytedmd::escape(", here(E->getExprLoc()) + ")");
    break;
  default:
    break;
  }
}

void Rewrite::lvalue(const Expr *E) {
  E = E->IgnoreParens();
  if (const auto *A = dyn_cast<ArraySubscriptExpr>(E)) {
    expr(A->getBase(), Use::Plain);
    expr(A->getIdx(), Use::Index);
  } else if (const auto *M = dyn_cast<MemberExpr>(E)) {
    if (const auto *U = M->getBase()->getType()->getPointeeOrArrayElementType()->getAsRecordDecl();
        U && U->isUnion() && isArith(M->getType()))
      warn(M->getMemberLoc(), "a union member holding tracked data is a type pun and is not "
                              "modeled; the measurement is approximate");
    if (M->isArrow())
      expr(M->getBase(), Use::Plain);
    else
      lvalue(M->getBase());
  } else if (isa<DeclRefExpr>(E)) {
    // a name: nothing to do
  } else {
    expr(E, Use::LValue);
  }
}

void Rewrite::expr(const Expr *E, Use use) {
  if (E == nullptr)
    return;
  if (!canEdit(E)) {
    if (isDependentOrArith(E) && (E->isValueDependent() || !E->isEvaluatable(ctx_)))
      warn(E->getExprLoc(), "expression expanded from a macro is not rewritten; its reads are "
                            "not measured (write it without the macro, or pass the values as "
                            "macro arguments)");
    return;
  }
  if (const auto *P = dyn_cast<ParenExpr>(E))
    return expr(P->getSubExpr(), use);
  // In a template, a dependent name has no lvalue-to-rvalue cast yet: load it
  // here when its value is consumed (ld passes non-arithmetic types through).
  const auto *deref = dyn_cast<UnaryOperator>(E);
  if (E->isTypeDependent() && use != Use::Discard && use != Use::LValue && use != Use::Plain &&
      ((E->isGLValue() &&
        isa<DeclRefExpr, MemberExpr, ArraySubscriptExpr, CXXDependentScopeMemberExpr>(E)) ||
       (deref && deref->getOpcode() == UO_Deref))) {
    applyUse(E, use);
    wrap(E, "::bytedmd::ld(", ")");
    if (deref)
      return expr(deref->getSubExpr(), Use::Plain); // *it: the iterator itself is not read
    return lvalue(E);
  }
  if (const auto *F = dyn_cast<FullExpr>(E))
    return expr(F->getSubExpr(), use);
  if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
    return expr(M->getSubExpr(), use);
  if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
    return expr(B->getSubExpr(), use);
  if (const auto *C = dyn_cast<ImplicitCastExpr>(E)) {
    switch (C->getCastKind()) {
    case CK_LValueToRValue:
      if (const ParmVarDecl *P = throughPointerParam(C->getSubExpr()); P && isArith(C->getType())) {
        // p[i] or *p on a pointer parameter: a first read declares the input.
        applyUse(C, use);
        wrap(C->getSubExpr(), "bytedmd_frame.ldIn(", ", " + P->getNameAsString() + ")");
        return lvalue(C->getSubExpr());
      }
      if (const auto *D = dyn_cast<DeclRefExpr>(C->getSubExpr()->IgnoreParens()))
        if (const auto *V = dyn_cast<VarDecl>(D->getDecl());
            V && V->isUsableInConstantExpressions(ctx_))
          return; // a named constant is a literal: untracked
      if (isArith(C->getType())) {
        applyUse(C, use);
        wrap(C->getSubExpr(), "::bytedmd::ld(", ")");
      }
      return lvalue(C->getSubExpr());
    case CK_ArrayToPointerDecay:
    case CK_FunctionToPointerDecay:
    case CK_NoOp:
      if (!isArith(C->getType()))
        return lvalue(C->getSubExpr());
      return expr(C->getSubExpr(), use);
    default:
      return expr(C->getSubExpr(), use);
    }
  }
  if (isa<IntegerLiteral, FloatingLiteral, CXXBoolLiteralExpr, CharacterLiteral, StringLiteral,
          CXXNullPtrLiteralExpr, UnaryExprOrTypeTraitExpr, CXXDefaultArgExpr, CXXDefaultInitExpr,
          SizeOfPackExpr, DeclRefExpr>(E))
    return; // DeclRefExpr: a name as an lvalue (its load is the cast above)
  if (const auto *B = dyn_cast<BinaryOperator>(E))
    return binary(B, use);
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    return unary(U, use);
  if (const auto *C = dyn_cast<CallExpr>(E))
    return call(C, use);
  if (const auto *C = dyn_cast<ConditionalOperator>(E))
    return conditional(C, use);
  if (const auto *A = dyn_cast<ArraySubscriptExpr>(E))
    return lvalue(A);
  if (const auto *M = dyn_cast<MemberExpr>(E))
    return lvalue(M);
  if (const auto *L = dyn_cast<LambdaExpr>(E))
    return lambda(L);
  if (const auto *C = dyn_cast<ExplicitCastExpr>(E)) {
    const Expr *sub = C->getSubExpr();
    if (isArith(C->getType()) && isDependentOrArith(sub) && C->getCastKind() != CK_LValueToRValue) {
      const std::string type = text(C->getTypeInfoAsWritten()->getTypeLoc().getSourceRange());
      if (const auto *CS = dyn_cast<CStyleCastExpr>(C)) {
        replace(editable(CS->getLParenLoc()), editable(CS->getRParenLoc()),
                "::bytedmd::cvt<" + type + ">(");
        applyUse(C, use);
        close(C->getEndLoc(), ")");
      } else if (const auto *F = dyn_cast<CXXFunctionalCastExpr>(C);
                 F && F->getLParenLoc().isValid()) {
        applyUse(C, use);
        replace(editable(F->getBeginLoc()), editable(F->getLParenLoc()),
                "::bytedmd::cvt<" + type + ">(");
      } else if (const auto *N = dyn_cast<CXXNamedCastExpr>(C)) {
        applyUse(C, use);
        // static_cast<T>( ... ) -> ::bytedmd::cvt<T>( ... )
        replace(editable(N->getBeginLoc()), editable(N->getAngleBrackets().getEnd()),
                "::bytedmd::cvt<" + type + ">");
      } else {
        return expr(sub, use);
      }
      return expr(sub, Use::Value);
    }
    if (isa<CXXReinterpretCastExpr>(C) || C->getCastKind() == CK_BitCast ||
        C->getCastKind() == CK_LValueBitCast) {
      const QualType to = C->getType()->isPointerType() ? C->getType()->getPointeeType()
                                                        : C->getType().getNonReferenceType();
      const QualType from =
          sub->getType()->isPointerType() ? sub->getType()->getPointeeType() : sub->getType();
      // void* <-> T* is allocation or generic storage, not a reinterpretation.
      if (!to->isVoidType() && !from->isVoidType() && !ctx_.hasSameUnqualifiedType(to, from) &&
          (tracksKeys(to) || tracksKeys(from)))
        warn(C->getBeginLoc(), "reading tracked data through a different type (a pun) is not "
                               "modeled; the measurement is approximate");
    }
    // (void)x discards; other casts to non-arithmetic types hand x over.
    return expr(sub, C->getType()->isVoidType() ? Use::Discard
                     : isArith(C->getType())    ? use
                                                : Use::Plain);
  }
  if (const auto *I = dyn_cast<InitListExpr>(E)) {
    if (I->getType()->isRecordType() && !tracksKeys(I->getType()))
      for (const Expr *init : I->inits())
        if (isArith(init->getType())) {
          warn(I->getBeginLoc(), "aggregate initialisation of '" + typeName(I->getType()) +
                                     "' from tracked values is not modeled: the fields do not "
                                     "keep their keys, and the measurement is approximate");
          break;
        }
    for (const Expr *init : I->inits())
      expr(init, Use::Plain);
    return;
  }
  if (const auto *C = dyn_cast<CXXConstructExpr>(E)) {
    const CXXRecordDecl *R = C->getConstructor()->getParent();
    if (!R->isInStdNamespace() && !sm_.isInSystemHeader(R->getLocation()) && !R->isLambda() &&
        C->getConstructor()->isUserProvided())
      for (const Expr *arg : C->arguments())
        if (isArith(arg->getType()) || holdsArith(arg->getType())) {
          warn(C->getBeginLoc(), "constructor of '" + typeName(C->getType()) +
                                     "' is not instrumented (classes are outside bytedmd's "
                                     "scope): the object does not keep the values' keys, and "
                                     "the measurement is approximate");
          break;
        }
    for (const Expr *arg : C->arguments())
      expr(arg, Use::Plain);
    return;
  }
  // Anything else: rewrite the children in a neutral context.
  for (const Stmt *child : E->children())
    if (const auto *CE = dyn_cast_or_null<Expr>(child))
      expr(CE, Use::Plain);
}

void Rewrite::binary(const BinaryOperator *B, Use use) {
  const BinaryOperatorKind K = B->getOpcode();
  const Expr *L = B->getLHS(), *R = B->getRHS();
  if (K == BO_LAnd || K == BO_LOr) {
    expr(L, Use::Truth);
    expr(R, Use::Truth);
    return;
  }
  if (K == BO_Comma) {
    expr(L, Use::Discard);
    expr(R, use);
    return;
  }
  if (K == BO_Assign) {
    if (isDependentOrArith(L)) {
      open(B->getBeginLoc(), "::bytedmd::set(");
      replaceToken(B->getOperatorLoc(), ",");
      close(B->getEndLoc(), ")");
      outputNames_[R->IgnoreParenImpCasts()] = shorten(text(L->getSourceRange())); // `s = ...`
      lvalue(L);
      expr(R, Use::Value);
    } else {
      lvalue(L);
      expr(R, Use::Plain);
    }
    return;
  }
  if (B->isCompoundAssignmentOp()) {
    if (isDependentOrArith(L)) {
      open(B->getBeginLoc(), "::bytedmd::cset<" + *binaryOp(K) + ">(");
      replaceToken(B->getOperatorLoc(), ",");
      close(B->getEndLoc(), here(B->getOperatorLoc(), L) + ")"); // x op= y makes a new x
      lvalue(L);
      expr(R, Use::Value);
    } else { // pointer += n
      lvalue(L);
      expr(R, Use::Index);
    }
    return;
  }
  const auto op = binaryOp(K);
  const bool pointerArithmetic = L->getType()->isPointerType() || R->getType()->isPointerType() ||
                                 L->getType()->isArrayType() || R->getType()->isArrayType();
  if (pointerArithmetic) {
    const bool offset = K == BO_Add || K == BO_Sub;
    expr(L, offset && !L->getType()->isPointerType() ? Use::Index : Use::Plain);
    expr(R, offset && !R->getType()->isPointerType() ? Use::Index : Use::Plain);
    return;
  }
  if (!op || !(isDependentOrArith(L) && isDependentOrArith(R))) {
    expr(L, Use::Plain);
    expr(R, Use::Plain);
    return;
  }
  applyUse(B, use);
  open(B->getBeginLoc(), "::bytedmd::bin<" + *op + ">(::bytedmd::seq{");
  replaceToken(B->getOperatorLoc(), ",");
  close(B->getEndLoc(), "}" + here(B->getOperatorLoc(), B) + ")");
  expr(L, Use::Value);
  expr(R, Use::Value);
}

void Rewrite::unary(const UnaryOperator *U, Use use) {
  const Expr *sub = U->getSubExpr();
  switch (U->getOpcode()) {
  case UO_Minus:
  case UO_Plus:
  case UO_Not: {
    if (!isDependentOrArith(sub))
      return expr(sub, Use::Plain);
    applyUse(U, use);
    replaceToken(U->getOperatorLoc(), "::bytedmd::un<" + *unaryOp(U->getOpcode()) + ">(");
    close(U->getEndLoc(), here(U->getOperatorLoc(), U) + ")");
    return expr(sub, Use::Value);
  }
  case UO_LNot:
    return expr(sub, Use::Truth);
  case UO_PreInc:
  case UO_PreDec:
    if (!isDependentOrArith(sub))
      return lvalue(sub);
    replaceToken(U->getOperatorLoc(), U->getOpcode() == UO_PreInc
                                          ? "::bytedmd::pre<BYTEDMD_OP_ADD>("
                                          : "::bytedmd::pre<BYTEDMD_OP_SUB>(");
    close(U->getEndLoc(), here(U->getOperatorLoc(), sub) + ")");
    return lvalue(sub);
  case UO_PostInc:
  case UO_PostDec:
    if (!isDependentOrArith(sub))
      return lvalue(sub);
    applyUse(U, use);
    open(U->getBeginLoc(), U->getOpcode() == UO_PostInc ? "::bytedmd::post<BYTEDMD_OP_ADD>("
                                                        : "::bytedmd::post<BYTEDMD_OP_SUB>(");
    replaceToken(U->getOperatorLoc(), here(U->getOperatorLoc(), sub) + ")");
    return lvalue(sub);
  case UO_AddrOf:
    return lvalue(sub);
  case UO_Deref:
    return expr(sub, Use::Plain);
  default:
    return expr(sub, Use::Plain);
  }
}

void Rewrite::conditional(const ConditionalOperator *C, Use use) {
  if (C->isPRValue() && isDependentOrArith(C)) {
    // c ? a : b  ->  choose(truth(c), [&] { return a; }, [&] { return b; })
    applyUse(C, use);
    open(C->getBeginLoc(), "::bytedmd::choose(");
    replaceToken(C->getQuestionLoc(), ", [&] { return ");
    replaceToken(C->getColonLoc(), "; }, [&] { return ");
    close(C->getEndLoc(), "; })");
    expr(C->getCond(), Use::Truth);
    expr(C->getTrueExpr(), Use::Value);
    expr(C->getFalseExpr(), Use::Value);
    return;
  }
  expr(C->getCond(), Use::Truth);
  if (C->isGLValue()) {
    lvalue(C->getTrueExpr());
    lvalue(C->getFalseExpr());
  } else {
    expr(C->getTrueExpr(), Use::Plain);
    expr(C->getFalseExpr(), Use::Plain);
  }
}

void Rewrite::call(const CallExpr *C, Use use) {
  const FunctionDecl *F = C->getDirectCallee();
  // v[i] on containers, and other overloaded operators.
  if (const auto *O = dyn_cast<CXXOperatorCallExpr>(C)) {
    const OverloadedOperatorKind K = O->getOperator();
    if (K == OO_Subscript && O->getNumArgs() == 2) {
      lvalue(O->getArg(0));
      expr(O->getArg(1), Use::Index);
      return;
    }
    if (K == OO_Equal && O->getNumArgs() == 2 && tracksKeys(O->getArg(0)->getType()) &&
        !isArith(O->getArg(0)->getType()) &&
        (O->getArg(1)->isLValue() || isValueRecord(O->getArg(0)->getType()))) {
      open(O->getBeginLoc(), "::bytedmd::assignObject(");
      replaceToken(O->getOperatorLoc(), ",");
      close(O->getEndLoc(), ")");
      lvalue(O->getArg(0));
      lvalue(O->getArg(1));
      return;
    }
    if (K == OO_Call && F && policy_.isInstrumented(F) && isa<CXXMethodDecl>(F) &&
        cast<CXXMethodDecl>(F)->getParent()->isLambda()) {
      // a lambda of this file: handled as a call below, callee = the object
    } else {
      for (const Expr *arg : O->arguments())
        expr(arg, Use::Plain);
      return;
    }
  }
  const Expr *calleeExpr = C->getCallee()->IgnoreImplicit();
  if (const auto *M = dyn_cast<CXXMemberCallExpr>(C)) {
    const auto *ME = dyn_cast<MemberExpr>(M->getCallee()->IgnoreParens());
    const CXXMethodDecl *method = M->getMethodDecl();
    const StringRef name = method ? method->getName() : "";
    const Expr *object = M->getImplicitObjectArgument();
    if (ME && method && (name == "push_back" || name == "emplace_back") && C->getNumArgs() == 1 &&
        isVectorOfArith(object->getType())) {
      // v.push_back(x) -> ::bytedmd::pushBack(v, x)
      open(C->getBeginLoc(), "::bytedmd::pushBack(");
      replace(ME->getOperatorLoc(), tokenAfter(ME->getMemberLoc()), ", ");
      lvalue(object);
      loadArgument(C->getArg(0));
      return;
    }
    if (ME && method && isVectorOfArith(object->getType()) && C->getNumArgs() > 0) {
      // v.insert(pos, x) -> ::bytedmd::vinsert(v, pos, x), and the like: the
      // runtime moves the keys as the members move the elements.
      auto integral = [](const Expr *E) { return E->getType()->isIntegralOrEnumerationType(); };
      std::string helper;
      const unsigned n = C->getNumArgs();
      const bool list = llvm::any_of(C->arguments(), [](const Expr *A) {
        return isa<CXXStdInitializerListExpr>(A->IgnoreImplicit());
      });
      if (list)
        helper.clear();
      else if ((name == "insert" || name == "emplace") && n == 2)
        helper = "vinsert";
      else if (name == "insert" && n == 3)
        helper = integral(C->getArg(1)) ? "vinsert" : "vinsertRange";
      else if (name == "assign" && n == 2)
        helper = integral(C->getArg(0)) ? "vassign" : "vassignRange";
      else if (name == "resize" && (n == 1 || n == 2))
        helper = "vresize";
      else if (name == "erase" && (n == 1 || n == 2))
        helper = "verase";
      if (!helper.empty()) {
        applyUse(C, use);
        open(C->getBeginLoc(), "::bytedmd::" + helper + "(");
        replace(ME->getOperatorLoc(), tokenAfter(ME->getMemberLoc()), ", ");
        lvalue(object);
        for (const Expr *arg : C->arguments())
          if (isArith(arg->getType()) && arg->isGLValue())
            loadArgument(arg);
          else
            expr(arg, isDependentOrArith(arg) ? Use::Value : Use::Plain);
        return;
      }
    }
    if (ME) {
      if (ME->isArrow())
        expr(object, Use::Plain);
      else
        lvalue(object);
    }
    const bool locates = llvm::StringSwitch<bool>(name)
                             .Cases("size", "data", "begin", "end", "cbegin", "cend", true)
                             .Cases("at", "front", "back", "empty", "capacity", "reserve", true)
                             .Cases("rbegin", "rend", "clear", "resize", "pop_back", true)
                             .Default(false);
    for (const Expr *arg : C->arguments())
      expr(arg, name == "at" || name == "resize" || name == "reserve" ? Use::Index
                : isArith(arg->getType())                             ? Use::Escape
                                                                      : Use::Plain);
    if (!locates && holdsArith(object->getType()) && !isArith(object->getType()))
      warn(C->getExprLoc(), "member function '" + name.str() +
                                "' of a container of tracked values is not modeled; the "
                                "measurement is approximate");
    const CXXRecordDecl *owner = method ? method->getParent() : nullptr;
    if (owner && !owner->isLambda() && !owner->isInStdNamespace() &&
        !sm_.isInSystemHeader(owner->getLocation()))
      warn(C->getExprLoc(), "member function '" + method->getQualifiedNameAsString() +
                                "' is not instrumented (methods are outside bytedmd's scope): "
                                "its reads are not measured, and the measurement is approximate");
    return;
  }
  if (F == nullptr) {
    // A call through a pointer or of a dependent name: arguments escape.
    if (!isa<UnresolvedLookupExpr>(calleeExpr))
      expr(C->getCallee(), Use::Plain);
    for (const Expr *arg : C->arguments())
      expr(arg, isDependentOrArith(arg) ? Use::Escape : Use::Plain);
    return;
  }
  const std::string callee = text(calleeExpr->getSourceRange());
  const StringRef name = F->getIdentifier() ? F->getName() : "";

  if (policy_.isInstrumented(F) || (F->getTemplateInstantiationPattern() &&
                                    policy_.isInstrumented(F->getTemplateInstantiationPattern()))) {
    // f(a, b) -> ::bytedmd::call(::bytedmd::seq{a, b}, [&](auto&&... bytedmd_a)
    //                -> decltype(auto) { return
    //                f(static_cast<decltype(bytedmd_a)&&>(bytedmd_a)...); })
    applyUse(C, use);
    // A lambda's call is operator() on the object: arguments start at 1.
    const auto *O = dyn_cast<CXXOperatorCallExpr>(C);
    const unsigned first = O ? 1 : 0;
    const Expr *calleeObject = O ? O->getArg(0) : calleeExpr;
    const std::string calleeText = text(calleeObject->getSourceRange());
    replace(calleeObject->getBeginLoc(), tokenAfter(calleeObject->getEndLoc()),
            "::bytedmd::call(::bytedmd::seq{");
    r_.ReplaceText(editable(C->getRParenLoc()), 1,
                   "}, [&](auto&&... bytedmd_a) -> decltype(auto) { return " + calleeText +
                       "(static_cast<decltype(bytedmd_a)&&>(bytedmd_a)...); })");
    unsigned handedOver = 0; // small structs built by the arguments themselves
    for (unsigned i = first; i < C->getNumArgs(); ++i) {
      const Expr *source = C->getArg(i)->IgnoreImplicit();
      if (const auto *copy = dyn_cast<CXXConstructExpr>(source);
          copy && copy->getNumArgs() == 1 && copy->getConstructor()->isCopyOrMoveConstructor())
        source = copy->getArg(0)->IgnoreImplicit();
      const QualType T = C->getArg(i)->getType();
      if (!source->isLValue() && (isValueRecord(T) || isStdTuple(T->getAsCXXRecordDecl())))
        ++handedOver;
    }
    if (handedOver >= 2)
      warn(C->getExprLoc(), "two struct values built in one call's arguments: only the last "
                            "keeps its keys (name them first); the measurement is approximate");
    for (unsigned i = first; i < C->getNumArgs(); ++i) {
      const Expr *arg = C->getArg(i);
      const ParmVarDecl *param =
          i - first < F->getNumParams() ? F->getParamDecl(i - first) : nullptr;
      if (param && param->getType()->isReferenceType())
        lvalue(arg);
      else
        expr(arg, isDependentOrArith(arg) ? Use::Value : Use::Plain);
    }
    return;
  }
  const bool standard = inStdOrGlobal(F) && sm_.isInSystemHeader(F->getLocation());
  const unsigned arity = C->getNumArgs();
  const bool algorithm =
      standard && ((name == "copy" && arity == 3) || (name == "copy_n" && arity == 3) ||
                   (name == "move" && arity == 3) || (name == "fill" && arity == 3) ||
                   (name == "fill_n" && arity == 3) || (name == "swap" && arity == 2));
  if (algorithm && editable(calleeExpr->getBeginLoc()).isValid()) {
    // std::copy(a, b, c) -> ::bytedmd::copy(a, b, c): the element copies keep keys.
    applyUse(C, use);
    replace(calleeExpr->getBeginLoc(), calleeExpr->getEndLoc(), "::bytedmd::" + name.str());
    for (unsigned i = 0; i < arity; ++i) {
      const Expr *arg = C->getArg(i);
      if (name == "swap")
        lvalue(arg);
      else if ((name == "fill" || name == "fill_n") && i == arity - 1)
        loadArgument(arg);
      else
        expr(arg, isDependentOrArith(arg) ? Use::Value : Use::Plain);
    }
    return;
  }
  if (standard && (name == "malloc" || name == "calloc" || name == "realloc" || name == "free") &&
      editable(calleeExpr->getBeginLoc()).isValid()) {
    // The runtime's versions forget the keys of fresh and freed blocks.
    applyUse(C, use);
    replace(calleeExpr->getBeginLoc(), calleeExpr->getEndLoc(), "::bytedmd::" + name.str());
    for (const Expr *arg : C->arguments())
      expr(arg, isArith(arg->getType()) ? Use::Escape : Use::Plain);
    return;
  }
  if (standard && (name == "make_pair" || name == "make_tuple") && arity > 0 &&
      editable(calleeExpr->getBeginLoc()).isValid()) {
    applyUse(C, use);
    replace(calleeExpr->getBeginLoc(), tokenAfter(calleeExpr->getEndLoc()),
            "::bytedmd::" + name.str() + "(::bytedmd::seq{");
    r_.ReplaceText(editable(C->getRParenLoc()), 1, "})");
    for (const Expr *arg : C->arguments())
      loadArgument(arg);
    return;
  }
  if (standard && (name == "memcpy" || name == "memmove" || name == "memset")) {
    for (const Expr *arg : C->arguments()) {
      const QualType T = arg->IgnoreImpCasts()->getType();
      if ((T->isPointerType() && tracksKeys(T->getPointeeType())) ||
          (T->isArrayType() && tracksKeys(T))) {
        warn(C->getExprLoc(), "'" + name.str() +
                                  "' on tracked data is not modeled (use std::copy or "
                                  "std::fill); the measurement is approximate");
        for (const Expr *a : C->arguments())
          expr(a, isArith(a->getType()) ? Use::Escape : Use::Plain);
        return;
      }
    }
  }
  if (standard && (name == "max" || name == "min") && C->getNumArgs() == 2 &&
      isDependentOrArith(C->getArg(0)) && isDependentOrArith(C->getArg(1))) {
    applyUse(C, use);
    replace(calleeExpr->getBeginLoc(), tokenAfter(calleeExpr->getEndLoc()),
            std::string("::bytedmd::minmax<") +
                (name == "max" ? "BYTEDMD_OP_GT" : "BYTEDMD_OP_LT") + ">(::bytedmd::seq{");
    r_.ReplaceText(editable(C->getRParenLoc()), 1, "}" + here(C->getExprLoc(), C) + ")");
    // The arguments bind to const T&: load them here, as the comparison does.
    for (const Expr *arg : C->arguments())
      loadArgument(arg);
    return;
  }
  if (standard && C->getNumArgs() > 0) {
    if (const auto op = mathOp(name)) {
      bool arithmetic = true;
      for (const Expr *arg : C->arguments())
        arithmetic = arithmetic && isDependentOrArith(arg);
      if (arithmetic) {
        applyUse(C, use);
        replace(calleeExpr->getBeginLoc(), tokenAfter(calleeExpr->getEndLoc()),
                "::bytedmd::math<" + *op + ">(::bytedmd::seq{");
        r_.ReplaceText(editable(C->getRParenLoc()), 1,
                       "}, [&](auto... bytedmd_v) { return " + callee + "(bytedmd_v...); }" +
                           here(C->getExprLoc(), C) + ")");
        for (const Expr *arg : C->arguments())
          expr(arg, Use::Value);
        return;
      }
    }
  }
  // A function that is not instrumented: scalars passed by value escape (a
  // read each); pointers, references and iterators to tracked data let it
  // read and write behind the tool's back.
  // The project's own function defined in another file: instrumented or not
  // is known only at link time (see ::bytedmd::callAcross).
  const std::string marker = crossFileMarker(ctx_, F, sm_);
  const bool acrossFiles = !marker.empty() && !isa<CXXOperatorCallExpr>(C) &&
                           editable(calleeExpr->getBeginLoc()).isValid() &&
                           editable(C->getRParenLoc()).isValid();
  unsigned escaping = 0;
  for (const Expr *arg : C->arguments())
    if (isArith(arg->getType()) && !arg->isEvaluatable(ctx_))
      ++escaping;
  if (!acrossFiles && escaping >= 2 && !isa<CXXOperatorCallExpr>(C) &&
      editable(calleeExpr->getBeginLoc()).isValid() && editable(C->getRParenLoc()).isValid()) {
    // f(a * b, c * d): the reads happen left to right, as in the source.
    const std::string calleeText = text(calleeExpr->getSourceRange());
    replace(calleeExpr->getBeginLoc(), tokenAfter(calleeExpr->getEndLoc()),
            "::bytedmd::invoke(::bytedmd::seq{");
    r_.ReplaceText(editable(C->getRParenLoc()), 1,
                   "}, [&](auto&&... bytedmd_a) -> decltype(auto) { return " + calleeText +
                       "(static_cast<decltype(bytedmd_a)&&>(bytedmd_a)...); })");
  }
  bool reaches = false;
  for (unsigned i = 0; i < C->getNumArgs(); ++i) {
    const Expr *arg = C->getArg(i);
    const ParmVarDecl *param = i < F->getNumParams() ? F->getParamDecl(i) : nullptr;
    QualType T = arg->getType();
    const bool byReference = param && param->getType()->isReferenceType();
    if (isArith(T) && !byReference) {
      expr(arg, acrossFiles ? Use::EscapeIf : Use::Escape);
      continue;
    }
    expr(arg, Use::Plain);
    T = arg->IgnoreImpCasts()->getType(); // f(void *p) and f(array): look through
    QualType pointee = T->isPointerType() ? T->getPointeeType() : T->isArrayType() ? T : QualType();
    // Character pointers and arrays are strings (printf's format), not data.
    if (!pointee.isNull() &&
        (pointee->isAnyCharacterType() ||
         (pointee->isArrayType() && pointee->getPointeeOrArrayElementType()->isAnyCharacterType())))
      pointee = QualType();
    std::string spelled = T.getCanonicalType().getAsString();
    if ((byReference && tracksKeys(T)) || (!pointee.isNull() && tracksKeys(pointee)) ||
        StringRef(spelled).contains("iterator") || StringRef(spelled).contains("__normal_iterator"))
      reaches = true;
  }
  // Functions that only locate elements: the accesses they lead to are
  // rewritten where they happen.
  const bool locates =
      standard && (name == "get" || name == "begin" || name == "end" || name == "cbegin" ||
                   name == "cend" || name == "data" || name == "size" || name == "addressof" ||
                   name == "next" || name == "prev" || name == "distance" || name == "advance");
  if (acrossFiles) {
    // (across(&marker), callAcross(seq{args}, [&](auto&&... a) { return f(a...); },
    //                              where, unmodeled))
    applyUse(C, use);
    policy_.crossFileMarkers->insert(marker);
    const std::string calleeText = text(calleeExpr->getSourceRange());
    replace(calleeExpr->getBeginLoc(), tokenAfter(calleeExpr->getEndLoc()),
            "(::bytedmd::across(&" + marker + "), ::bytedmd::callAcross(::bytedmd::seq{");
    const PresumedLoc at = sm_.getPresumedLoc(editable(C->getExprLoc()));
    std::string unmodeled = "nullptr";
    if (reaches)
      unmodeled = "\"bytedmd: call to '" + F->getQualifiedNameAsString() +
                  "', whose file is not instrumented, with a pointer, reference or iterator to "
                  "tracked values: its reads and copies are not measured, and the measurement "
                  "is approximate\"";
    r_.ReplaceText(editable(C->getRParenLoc()), 1,
                   "}, [&](auto&&... bytedmd_a) -> decltype(auto) { return " + calleeText +
                       "(static_cast<decltype(bytedmd_a)&&>(bytedmd_a)...); }, []() { static "
                       "const bytedmd_location w = {\"" +
                       displayName(at.getFilename()) + "\", " + std::to_string(at.getLine()) +
                       ", " + std::to_string(at.getColumn()) + ", 0, nullptr}; return &w; }(), " +
                       unmodeled + "))");
    return;
  }
  if (reaches && !locates)
    warn(C->getExprLoc(), "call to '" + F->getQualifiedNameAsString() +
                              "', which is not instrumented, with a pointer, reference or "
                              "iterator to tracked values: its reads and copies are not "
                              "measured, and the measurement is approximate");

}

void Rewrite::loadArgument(const Expr *arg) {
  // An argument bound to const T& is an lvalue: the runtime helper reads its
  // key where the callee would read the value.
  arg = referenceSource(arg);
  if (arg->isGLValue() && isDependentOrArith(arg) && canEdit(arg)) {
    wrap(arg, "::bytedmd::ld(", ")");
    lvalue(arg);
  } else {
    expr(arg, Use::Value);
  }
}

unsigned Rewrite::listElements(const InitListExpr *L) {
  // Every element that is not a nested list is stashed, arithmetic or not
  // (a template's element type may be either), so the count is exact.
  unsigned count = 0;
  for (const Expr *init : L->inits()) {
    if (const InitListExpr *inner = containerList(init)) {
      count += listElements(inner);
    } else if (canEdit(init) && isDependentOrArith(init)) {
      wrap(init, "::bytedmd::stash(", ")");
      expr(init, Use::Value);
      ++count;
    } else if (canEdit(init)) {
      if (tracksKeys(init->getType()))
        warn(init->getBeginLoc(), "a braced list of containers or structs is copied by the "
                                  "library without keys; build the elements in place (for "
                                  "example with push_back); the measurement is approximate");
      expr(init, Use::Plain);
    } else {
      expr(init, Use::Value); // warns: a macro body
    }
  }
  return count;
}

void Rewrite::varDecl(const VarDecl *D, const DeclStmt *S) {
  const Expr *init = D->getInit();
  const QualType T = D->getType();
  const bool canAppend = S != nullptr && editable(S->getEndLoc()).isValid();
  auto after = [&](const std::string &code) {
    r_.InsertTextAfterToken(editable(S->getEndLoc()), " " + code);
  };
  // Fresh stack memory of a struct or array may hold keys of an earlier
  // frame; a vector's elements are on the heap. Bindings below come after.
  const bool freshBytes = !T->isReferenceType() && !T->isDependentType() && tracksKeys(T) &&
                          !isArith(T) && !isVectorType(T) && !isa<DecompositionDecl>(D);
  if (init == nullptr || !canEdit(init)) {
    if (freshBytes && canAppend && !D->isStaticLocal())
      after("::bytedmd::forget(" + D->getNameAsString() + ");");
    if (init != nullptr)
      expr(init, Use::Plain);
    return;
  }
  // A constant (constexpr, or const with a constant initialiser) stays one:
  // it may size arrays; its loads are literals.
  if (D->isConstexpr() || (!T->isDependentType() && D->isUsableInConstantExpressions(ctx_)))
    return;
  if (isArith(T) && !T->isReferenceType()) {
    if (!canEdit(init))
      return expr(init, Use::Value);
    if (const AutoTypeLoc A = D->getTypeSourceInfo()->getTypeLoc().getContainedAutoTypeLoc()) {
      if (T->isDependentType()) {
        warn(D->getLocation(),
             "'auto' variable of a dependent type is not tracked; write its type");
        return expr(init, Use::Plain);
      }
      // The canonical type: sugar such as vector::size_type is not in scope.
      replace(editable(A.getBeginLoc()), editable(A.getEndLoc()), typeName(T.getCanonicalType()));
    }
    const Expr *value = init;
    if (const auto *L = dyn_cast<InitListExpr>(init->IgnoreImplicit()); L && L->getNumInits() == 1)
      value = L->getInit(0);
    wrap(value, "::bytedmd::init(&" + D->getNameAsString() + ", ", ")");
    outputNames_[value->IgnoreParenImpCasts()] = D->getNameAsString(); // `double s = a * b`
    return expr(value, Use::Value);
  }
  if (T->isDependentType() && !T->isReferenceType()) {
    // A template's variable: generic init works for every instantiation.
    if (isa<InitListExpr>(init) || isa<ParenListExpr>(init) || !canEdit(init))
      return expr(init, Use::Plain);
    if (!D->getTypeSourceInfo()->getTypeLoc().getContainedAutoTypeLoc().isNull()) {
      // auto t = e;  ->  auto t = ::bytedmd::stash(e); ::bytedmd::bindStashed(t);
      // (t cannot name itself in its own initializer while its type is deduced)
      if (S == nullptr || editable(S->getEndLoc()).isInvalid()) {
        warn(D->getLocation(), "'auto' variable of a dependent type outside a block is not "
                               "tracked; write its type");
        return expr(init, Use::Value);
      }
      wrap(init, "::bytedmd::stash(", ")");
      r_.InsertTextAfterToken(editable(S->getEndLoc()),
                              " ::bytedmd::bindStashed(" + D->getNameAsString() + ", 1);");
      return expr(init, Use::Value);
    }
    wrap(init, "::bytedmd::init(&" + D->getNameAsString() + ", ", ")");
    return expr(init, Use::Value);
  }
  if (const auto *B = dyn_cast<DecompositionDecl>(D))
    return bindings(B, S);
  if (tracksKeys(T) && !T->isReferenceType() && canAppend) {
    const std::string name = D->getNameAsString();
    const Expr *inner = init->IgnoreImplicit();
    if (const auto *CE = dyn_cast<CXXConstructExpr>(inner);
        CE && CE->getNumArgs() == 1 && CE->getConstructor()->isCopyOrMoveConstructor() &&
        CE->getArg(0)->isLValue()) {
      // A copy: the library copies the values; their keys follow here.
      lvalue(CE->getArg(0));
      after("::bytedmd::copied(" + name + ", " + text(CE->getArg(0)->getSourceRange()) + ");");
      return;
    }
    if (const auto *CE = dyn_cast<CXXConstructExpr>(inner);
        CE && isVectorOfArith(T) && CE->getNumArgs() >= 2 && isArith(CE->getArg(1)->getType()) &&
        CE->getArg(0)->getType()->isIntegralOrEnumerationType()) {
      // std::vector<double> v(n, x): every element is a copy of x.
      expr(CE->getArg(0), Use::Value);
      stashArgument(CE->getArg(1));
      after("::bytedmd::fillStashed(" + name + ");");
      return;
    }
    if (const InitListExpr *list = containerList(init); list && holdsArith(T)) {
      const unsigned count = listElements(list);
      after("::bytedmd::bindStashed(" + name + ", " + std::to_string(count) + ");");
      return;
    }
    if (const InitListExpr *list = recordList(init)) {
      // P p{a, b};  ->  P p{stash(a), stash(b)}; forget(p); bindFields(2, p.x, p.y);
      std::vector<std::string> targets;
      fieldTargets(list, name, targets);
      after("::bytedmd::forget(" + name + ");");
      if (!targets.empty())
        after("::bytedmd::bindFields(" + std::to_string(targets.size()) + ", " +
              llvm::join(targets, ", ") + ");");
      return;
    }
    if (const auto *CE = dyn_cast<CXXConstructExpr>(inner);
        CE && isStdTuple(T->getAsCXXRecordDecl()) && CE->getNumArgs() > 0 &&
        !CE->getConstructor()->isCopyOrMoveConstructor()) {
      // std::pair<double, double> p(a, b): the members are copies of a and b.
      std::vector<std::string> targets;
      const bool pair = T->getAsCXXRecordDecl()->getName() == "pair";
      const SourceRange parens = CE->getParenOrBraceRange();
      if (parens.isValid() && editable(parens.getBegin()).isValid() &&
          editable(parens.getEnd()).isValid() &&
          text(SourceRange(parens.getBegin(), parens.getBegin())) == "(") {
        // p(a, b) -> p{a, b}: a braced list is evaluated left to right.
        r_.ReplaceText(editable(parens.getBegin()), 1, "{");
        r_.ReplaceText(editable(parens.getEnd()), 1, "}");
      }
      for (unsigned i = 0; i < CE->getNumArgs(); ++i) {
        stashArgument(CE->getArg(i));
        targets.push_back(pair ? name + (i == 0 ? ".first" : ".second")
                               : "std::get<" + std::to_string(i) + ">(" + name + ")");
      }
      after("::bytedmd::bindFields(" + std::to_string(targets.size()) + ", " +
            llvm::join(targets, ", ") + ");");
      return;
    }
    const bool fromCall = isa<CallExpr>(inner) || isa<CXXMemberCallExpr>(inner);
    if (freshBytes && !fromCall)
      after("::bytedmd::forget(" + name + ");");
    if (fromCall && (isValueRecord(T) || isStdTuple(T->getAsCXXRecordDecl())))
      after("::bytedmd::receive(" + name + ");"); // it came back in registers
  }
  expr(init, Use::Plain);
}

std::string Rewrite::bindingCopies(const DecompositionDecl *D, const std::string &from) {
  const QualType T = D->getType().getCanonicalType();
  const CXXRecordDecl *R = T->getAsCXXRecordDecl();
  std::vector<const FieldDecl *> fields;
  if (R && !isStdTuple(R))
    for (const FieldDecl *F : R->fields())
      fields.push_back(F);
  std::string code;
  unsigned i = 0;
  for (const BindingDecl *B : D->bindings()) {
    std::string member;
    if (T->isArrayType())
      member = from + "[" + std::to_string(i) + "]";
    else if (R && isStdTuple(R) && R->getName() == "pair")
      member = from + (i == 0 ? ".first" : ".second");
    else if (R && isStdTuple(R))
      member = "std::get<" + std::to_string(i) + ">(" + from + ")";
    else if (i < fields.size())
      member = from + "." + fields[i]->getNameAsString();
    if (!member.empty())
      code += " ::bytedmd::copyKeys(" + B->getNameAsString() + ", " + member + ");";
    ++i;
  }
  return code;
}

void Rewrite::bindings(const DecompositionDecl *D, const DeclStmt *S) {
  // auto [x, y] = p;  ->  ...; copyKeys(x, p.first); copyKeys(y, p.second);
  // (the bindings name the members of a hidden copy of p)
  const Expr *init = D->getInit();
  const Expr *source = init->IgnoreImplicit();
  if (const auto *CE = dyn_cast<CXXConstructExpr>(source); CE && CE->getNumArgs() == 1)
    source = CE->getArg(0)->IgnoreImplicit();
  if (D->getType()->isReferenceType() || !tracksKeys(D->getType())) {
    expr(init, Use::Plain);
    return;
  }
  if (!source->isLValue()) {
    // auto [p, q] = make(...): the hidden object starts at the first binding.
    expr(init, Use::Plain);
    if (!D->bindings().empty() && S != nullptr && editable(S->getEndLoc()).isValid())
      r_.InsertTextAfterToken(editable(S->getEndLoc()),
                              " ::bytedmd::receive(*reinterpret_cast<" +
                                  typeName(D->getType().getCanonicalType()) + " *>(&" +
                                  D->bindings()[0]->getNameAsString() + "));");
    return;
  }
  const auto *name = dyn_cast<DeclRefExpr>(source->IgnoreParens());
  if (name == nullptr || S == nullptr || editable(S->getEndLoc()).isInvalid()) {
    warn(D->getLocation(), "structured binding of a copy of a complex expression is not "
                           "modeled; bind a named variable");
    return;
  }
  const std::string from = name->getDecl()->getNameAsString();
  const std::string code = bindingCopies(D, from);
  r_.InsertTextAfterToken(editable(S->getEndLoc()), code);
}

void Rewrite::fieldTargets(const InitListExpr *L, const std::string &base,
                           std::vector<std::string> &targets) {
  const QualType T = L->getType().getCanonicalType();
  if (const auto *A = dyn_cast<ConstantArrayType>(T.getTypePtr())) {
    for (unsigned j = 0; j < L->getNumInits(); ++j)
      fieldTarget(L->getInit(j), A->getElementType(), base + "[" + std::to_string(j) + "]",
                  targets);
    return;
  }
  const RecordDecl *R = T->getAsRecordDecl();
  if (R == nullptr)
    return;
  unsigned j = 0;
  for (const FieldDecl *F : R->fields()) {
    if (j >= L->getNumInits())
      break;
    fieldTarget(L->getInit(j++), F->getType(), base + "." + F->getNameAsString(), targets);
  }
}

void Rewrite::fieldTarget(const Expr *init, QualType type, const std::string &target,
                          std::vector<std::string> &targets) {
  if (isa<ImplicitValueInitExpr>(init))
    return; // value-initialised: untracked (the object was forgotten first)
  if (const auto *inner = dyn_cast<InitListExpr>(init->IgnoreImplicit()); inner && !isArith(type)) {
    fieldTargets(inner, target, targets);
    return;
  }
  if (isArith(type) && canEdit(init)) {
    wrap(init, "::bytedmd::stash(", ")");
    expr(init, Use::Value);
    targets.push_back(target);
    return;
  }
  if (tracksKeys(type) && init->IgnoreImplicit()->isLValue()) {
    // a member copied from another object: copy its keys after the fact
    warn(init->getBeginLoc(), "a struct member initialised from another object's member is "
                              "not modeled; assign it after the declaration");
  }
  expr(init, Use::Plain);
}

void Rewrite::stashArgument(const Expr *arg) {
  // Arguments bound to const T& are lvalues: load them inside the stash.
  arg = referenceSource(arg);
  if (!canEdit(arg))
    return expr(arg, Use::Value);
  wrap(arg, "::bytedmd::stash(", ")");
  loadArgument(arg);
}

void Rewrite::returnStmt(const ReturnStmt *S) {
  const Expr *E = S->getRetValue();
  if (E == nullptr || current_ == nullptr || !editable(S->getBeginLoc()).isValid())
    return expr(E, Use::Plain);
  const QualType R = current_->getReturnType();
  if (R->isVoidType())
    return expr(E, Use::Discard);
  if (isArith(R) || (R->isDependentType() && !R->isReferenceType())) {
    if (!canEdit(E))
      return expr(E, Use::Value); // (it warns)
    wrap(E, "bytedmd_frame.ret(", ")");
    return expr(E, Use::Value);
  }
  if (!tracksKeys(R) || R->isReferenceType())
    return expr(E, Use::Plain);
  const Expr *inner = E->IgnoreImplicit();
  if (const auto *CE = dyn_cast<CXXConstructExpr>(inner);
      CE && CE->getNumArgs() == 1 && !containerList(CE))
    inner = CE->getArg(0)->IgnoreImplicit();
  const std::string type = typeName(R);
  const SourceLocation semi = Lexer::findLocationAfterToken(editable(S->getEndLoc()), tok::semi,
                                                            sm_, ctx_.getLangOpts(), false);
  if (const auto *D = dyn_cast<DeclRefExpr>(inner->IgnoreParens());
      D && semi.isValid() && isVectorType(R)) {
    // return y;  ->  { bytedmd_frame.results(y); return y; }  (keeps NRVO)
    r_.InsertText(editable(S->getBeginLoc()),
                  "{ bytedmd_frame.results(" + D->getDecl()->getNameAsString() + "); ", true);
    r_.InsertText(semi, " }", true);
    return;
  }
  if (const InitListExpr *list = containerList(E); list && holdsArith(R)) {
    const std::string opening =
        "bytedmd_frame.retObject<" + type + ">(::bytedmd::listed<" + type + ">(";
    open(E->getBeginLoc(), opening + std::to_string(listElements(list)) + ", ");
    close(E->getEndLoc(), "))");
    return;
  }
  // An aggregate or a std::pair/tuple built here: bind its members.
  const InitListExpr *fields = recordList(E);
  const auto *tuple = dyn_cast<CXXConstructExpr>(E->IgnoreImplicit());
  if (tuple && !(isStdTuple(R->getAsCXXRecordDecl()) && tuple->getNumArgs() > 0 &&
                 !tuple->getConstructor()->isCopyOrMoveConstructor()))
    tuple = nullptr;
  if (fields || tuple) {
    std::vector<std::string> targets;
    if (fields) {
      fieldTargets(fields, "bytedmd_o", targets);
    } else {
      const bool pair = R->getAsCXXRecordDecl()->getName() == "pair";
      for (unsigned i = 0; i < tuple->getNumArgs(); ++i) {
        stashArgument(tuple->getArg(i));
        targets.push_back(pair ? (i == 0 ? "bytedmd_o.first" : "bytedmd_o.second")
                               : "std::get<" + std::to_string(i) + ">(bytedmd_o)");
      }
    }
    const bool bare = text(E->getSourceRange()).rfind('{', 0) == 0; // `return {a, b};`
    open(E->getBeginLoc(), "bytedmd_frame.retObject<" + type + ">(::bytedmd::withFields(" +
                               (bare ? type : std::string()));
    close(E->getEndLoc(), ", [&](" + type + " &bytedmd_o) { ::bytedmd::bindFields(" +
                              std::to_string(targets.size()) +
                              (targets.empty() ? "" : ", " + llvm::join(targets, ", ")) + "); }))");
    return;
  }
  wrap(E, "bytedmd_frame.retObject<" + type + ">(", ")");
  if (E->isLValue())
    lvalue(E);
  else
    expr(E, Use::Plain);
}

void Rewrite::rangeFor(const CXXForRangeStmt *S) {
  expr(S->getRangeInit(), Use::Plain);
  const VarDecl *V = S->getLoopVariable();
  const Stmt *body = S->getBody();
  const SourceLocation bodyEnd = afterStmt(body);
  const auto *D = dyn_cast<DecompositionDecl>(V);
  // The last token of the loop variable's declarator: its name, or the ']'
  // of a structured binding.
  const SourceLocation last = D && !D->bindings().empty()
                                  ? tokenAfter(D->bindings().back()->getLocation())
                                  : V->getLocation();
  if (!V->getType()->isReferenceType() && !V->getType()->isDependentType() &&
      tracksKeys(V->getType()) && editable(V->getBeginLoc()).isValid() &&
      editable(last).isValid() && editable(body->getBeginLoc()).isValid() && bodyEnd.isValid()) {
    // The loop variable is a copy of each element; copies keep keys:
    //   for (double v : x) BODY  ->  for (auto&& bytedmd_ref_v : x) {
    //       double v = ::bytedmd::init(&v, ::bytedmd::ld(bytedmd_ref_v)); BODY }
    // (a struct or container: copied(); a structured binding: copyKeys()).
    const std::string ref =
        "bytedmd_ref_" +
        (D ? std::to_string(sm_.getFileOffset(editable(V->getBeginLoc()))) : V->getNameAsString());
    std::string declaration;
    if (D) {
      declaration =
          text(SourceRange(V->getBeginLoc(), last)) + " = " + ref + ";" + bindingCopies(D, ref);
    } else {
      const std::string name = V->getNameAsString();
      const std::string type = typeName(V->getType().getCanonicalType());
      declaration =
          isArith(V->getType())
              ? type + " " + name + " = ::bytedmd::init(&" + name + ", ::bytedmd::ld(" + ref + "));"
              : type + " " + name + " = " + ref + "; ::bytedmd::copied(" + name + ", " + ref + ");";
    }
    replace(editable(V->getBeginLoc()), editable(last), "auto&& " + ref);
    r_.InsertText(editable(body->getBeginLoc()), "{ " + declaration + " ", true);
    r_.InsertText(bodyEnd, " }", false);
  }
  stmt(body);
}

void Rewrite::condition(const Expr *cond, bool loop) {
  if (cond == nullptr)
    return;
  if (loop && current_ != nullptr) {
    // A tracked scalar parameter in a loop condition is usually a size.
    struct Finder : RecursiveASTVisitor<Finder> {
      const FunctionDecl *F;
      std::vector<const DeclRefExpr *> found;
      bool VisitDeclRefExpr(DeclRefExpr *D) {
        if (const auto *P = dyn_cast<ParmVarDecl>(D->getDecl()))
          if (P->getDeclContext() == F && isArith(P->getType()))
            found.push_back(D);
        return true;
      }
    } finder;
    finder.F = current_;
    finder.TraverseStmt(const_cast<Expr *>(cond));
    for (const DeclRefExpr *D : finder.found) {
      const std::string param = D->getDecl()->getNameAsString();
      if (policy_.isUntracked(current_, param))
        continue;
      ctx_.getDiagnostics().Report(D->getLocation(), warning_)
          << ("parameter '" + param +
              "' is read in a loop condition and is charged as a tracked input; if it is a "
              "size, exclude it with BYTEDMD_UNTRACKED or --untracked=" +
              param);
      ++warnings_;
    }
  }
  expr(cond, isDependentOrArith(cond) ? Use::Truth : Use::Plain);
}

void Rewrite::lambda(const LambdaExpr *L) {
  const CXXMethodDecl *op = L->getCallOperator();
  if (op == nullptr || !op->hasBody())
    return;
  for (const LambdaCapture &capture : L->captures())
    if (capture.capturesVariable() && capture.getCaptureKind() == LCK_ByCopy)
      if (const auto *V = dyn_cast<VarDecl>(capture.getCapturedVar());
          V && tracksKeys(V->getType()) && !V->getType()->isReferenceType())
        warn(capture.getLocation().isValid() ? capture.getLocation() : L->getBeginLoc(),
             "'" + V->getNameAsString() +
                 "' is captured by value: the copy does not keep its key (capture it by "
                 "reference); the measurement is approximate");
  const FunctionDecl *saved = current_;
  auto savedDiagnostics = std::move(runtimeDiagnostics_);
  runtimeDiagnostics_.clear();
  current_ = op;
  stmt(op->getBody());
  prologue(op, op->getBody(), false);
  current_ = saved;
  runtimeDiagnostics_ = std::move(savedDiagnostics);
}

void Rewrite::stmt(const Stmt *S) {
  if (S == nullptr)
    return;
  if (const auto *E = dyn_cast<Expr>(S))
    return expr(E, Use::Discard);
  if (const auto *C = dyn_cast<CompoundStmt>(S)) {
    for (const Stmt *child : C->body())
      stmt(child);
    return;
  }
  if (const auto *D = dyn_cast<DeclStmt>(S)) {
    for (const Decl *d : D->decls())
      if (const auto *V = dyn_cast<VarDecl>(d))
        varDecl(V, D);
    return;
  }
  if (const auto *I = dyn_cast<IfStmt>(S)) {
    stmt(I->getInit());
    if (const auto *V = I->getConditionVariableDeclStmt())
      stmt(V);
    else
      condition(I->getCond(), false);
    stmt(I->getThen());
    stmt(I->getElse());
    return;
  }
  if (const auto *W = dyn_cast<WhileStmt>(S)) {
    condition(W->getCond(), true);
    return stmt(W->getBody());
  }
  if (const auto *D = dyn_cast<DoStmt>(S)) {
    stmt(D->getBody());
    return condition(D->getCond(), true);
  }
  if (const auto *F = dyn_cast<ForStmt>(S)) {
    stmt(F->getInit());
    condition(F->getCond(), true);
    expr(F->getInc(), Use::Discard);
    return stmt(F->getBody());
  }
  if (const auto *R = dyn_cast<CXXForRangeStmt>(S))
    return rangeFor(R);
  if (const auto *R = dyn_cast<ReturnStmt>(S))
    return returnStmt(R);
  if (const auto *W = dyn_cast<SwitchStmt>(S)) {
    stmt(W->getInit());
    expr(W->getCond(), Use::Index);
    return stmt(W->getBody());
  }
  if (isa<GCCAsmStmt, MSAsmStmt>(S)) {
    warn(S->getBeginLoc(), "inline assembly is not modeled; the measurement is approximate");
    return;
  }
  for (const Stmt *child : S->children())
    stmt(child);
}

void Rewrite::prologue(const FunctionDecl *F, const Stmt *body, bool measured) {
  const auto *C = dyn_cast<CompoundStmt>(body);
  if (C == nullptr || !editable(C->getLBracLoc()).isValid())
    return;
  std::string text;
  llvm::raw_string_ostream out(text);
  const PresumedLoc where = sm_.getPresumedLoc(F->getLocation());
  const std::string file = where.isValid() ? displayName(where.getFilename()) : "";
  if (measured) {
    std::string name = F->getQualifiedNameAsString();
    out << " static bytedmd_function bytedmd_site = {\"" << name << "\", {\"" << file << "\", "
        << (where.isValid() ? where.getLine() : 0) << ", "
        << (where.isValid() ? where.getColumn() : 0) << ", 0}};";
  }
  if (!isa<CXXMethodDecl>(F)) { // lambdas use their enclosing function's
    const std::string here = where.isValid() ? displayName(where.getFilename()) : "";
    for (const auto &[site, index] : sites_) {
      std::string name;
      for (char c : site.second) {
        if (c == '"' || c == '\\')
          name.push_back('\\');
        name.push_back(c);
      }
      out << " static bytedmd_location bytedmd_loc_" << index << " = {\"" << here << "\", "
          << site.first << ", 0, 0, " << (name.empty() ? "nullptr" : "\"" + name + "\"") << "};";
    }
  }
  out << " ::bytedmd::Frame bytedmd_frame(" << (measured ? "&bytedmd_site" : "nullptr") << ");";
  std::vector<std::string> inputs;
  for (unsigned i = 0; i < F->getNumParams(); ++i) {
    const ParmVarDecl *P = F->getParamDecl(i);
    if (P->getName().empty())
      continue;
    const std::string name = P->getNameAsString();
    const QualType T = P->getType();
    const bool untracked = (P->hasAttr<AnnotateAttr>() &&
                            P->getAttr<AnnotateAttr>()->getAnnotation() == "bytedmd_untracked") ||
                           policy_.isUntracked(F, name);
    if (measured && !untracked && (enumerable(T) || T->isDependentType())) {
      inputs.push_back(name);
    } else if (measured && !untracked && !T->isPointerType() && tracksKeys(T)) {
      // A struct: its fields, in declaration order, are the inputs.
      std::vector<std::string> fields;
      const RecordDecl *R = T.getNonReferenceType()->getAsRecordDecl();
      bool all = R != nullptr && R->field_begin() != R->field_end();
      if (R)
        for (const FieldDecl *field : R->fields()) {
          if (enumerable(field->getType()))
            fields.push_back(name + "." + field->getNameAsString());
          else
            all = false;
        }
      if (all && !isStdTuple(T.getNonReferenceType()->getAsCXXRecordDecl())) {
        inputs.push_back(llvm::join(fields, ", "));
      } else {
        warn(P->getLocation(), "the elements of parameter '" + name +
                                   "' are not declared as inputs (structs inside containers, "
                                   "or nested structs): their reads are free, and the "
                                   "measurement is approximate");
      }
    }
    if (measured && !untracked && T->isPointerType() && tracksKeys(T->getPointeeType())) {
      if (pointerParams_.count(P))
        inputs.push_back(name); // its elements are declared as they are first read
      else
        warn(P->getLocation(), "pointer parameter '" + name + "' is used other than as " + name +
                                   "[i] or *" + name +
                                   " (copied, moved, passed on, or in a lambda): the elements "
                                   "read through it are not all inputs; the measurement is "
                                   "approximate");
    }
    if (measured && policy_.keepOutputs && T->isReferenceType() &&
        !T.getNonReferenceType().isConstQualified() && tracksKeys(T))
      out << " bytedmd_frame.outputs(" << name << ");";
    if (!T->isReferenceType() && (tracksKeys(T) || T->isDependentType()))
      out << " bytedmd_frame.argument(" << i << ", " << name << ");";
  }
  if (!inputs.empty()) {
    std::string names, args;
    for (auto it = inputs.rbegin(); it != inputs.rend(); ++it) {
      args += (args.empty() ? "" : ", ") + *it;
      std::string name = *it; // "p.x, p.y" for a struct's fields
      name.erase(std::remove(name.begin(), name.end(), ' '), name.end());
      names += (names.empty() ? "" : ",") + name;
    }
    out << " bytedmd_frame.namedInputs(\"" << names << "\", " << args << ");";
  }
  for (const auto &[at, message] : runtimeDiagnostics_) {
    const PresumedLoc p = sm_.getPresumedLoc(at);
    std::string escaped;
    for (char c : message) {
      if (c == '"' || c == '\\')
        escaped.push_back('\\');
      escaped.push_back(c);
    }
    out << " { static const bytedmd_location bytedmd_where = {\""
        << (p.isValid() ? displayName(p.getFilename()) : "") << "\", "
        << (p.isValid() ? p.getLine() : 0) << ", " << (p.isValid() ? p.getColumn() : 0)
        << ", 0}; bytedmd_frame.diagnose(&bytedmd_where, \"bytedmd: " << escaped << "\"); }";
  }
  // Before anything the body's statements inserted right after the brace.
  r_.InsertText(Lexer::getLocForEndOfToken(editable(C->getLBracLoc()), 0, sm_, ctx_.getLangOpts()),
                out.str(), false);
}

void Rewrite::findPointerParams(const FunctionDecl *F) {
  pointerParams_.clear();
  if (!policy_.isMeasured(F) || !F->hasBody())
    return;
  for (const ParmVarDecl *P : F->parameters())
    if (P->getType()->isPointerType() && isArith(P->getType()->getPointeeType()))
      pointerParams_.insert(P);
  // Every use must be p[i], *p or *(p + k), outside lambdas.
  struct Uses : RecursiveASTVisitor<Uses> {
    ASTContext &ctx;
    std::set<const ParmVarDecl *> &params;
    explicit Uses(ASTContext &c, std::set<const ParmVarDecl *> &p) : ctx(c), params(p) {}
    const Stmt *parentOf(const Stmt *S) {
      for (const auto &node : ctx.getParents(*S))
        if (const auto *parent = node.get<Stmt>())
          return parent;
      return nullptr;
    }
    const Stmt *skip(const Stmt *S) {
      const Stmt *p = parentOf(S);
      while (p && (isa<ImplicitCastExpr>(p) || isa<ParenExpr>(p))) {
        S = p;
        p = parentOf(p);
      }
      return p;
    }
    bool VisitDeclRefExpr(DeclRefExpr *D) {
      const auto *P = dyn_cast<ParmVarDecl>(D->getDecl());
      if (P == nullptr || !params.count(P))
        return true;
      bool ok = false;
      const Stmt *p = skip(D);
      if (const auto *A = dyn_cast_or_null<ArraySubscriptExpr>(p))
        ok = A->getBase()->IgnoreParenImpCasts() == D;
      else if (const auto *U = dyn_cast_or_null<UnaryOperator>(p))
        ok = U->getOpcode() == UO_Deref;
      else if (const auto *B = dyn_cast_or_null<BinaryOperator>(p); B && B->isAdditiveOp())
        if (const auto *U = dyn_cast_or_null<UnaryOperator>(skip(B)))
          ok = U->getOpcode() == UO_Deref;
      for (const Stmt *a = parentOf(D); ok && a; a = parentOf(a))
        if (isa<LambdaExpr>(a))
          ok = false;
      if (!ok)
        params.erase(P);
      return true;
    }
  } uses(ctx_, pointerParams_);
  uses.TraverseStmt(F->getBody());
}

unsigned Rewrite::function(const FunctionDecl *F) {
  current_ = F;
  findPointerParams(F);
  sites_.clear();
  outputNames_.clear();
  runtimeDiagnostics_.clear();
  stmt(F->getBody());
  prologue(F, F->getBody(), policy_.isMeasured(F));
  return warnings_;
}

} // namespace

namespace {
// Free, non-template, externally visible functions other than main: what a
// call from another file can name.
bool callableAcrossFiles(const FunctionDecl *F) {
  return F != nullptr && !isa<CXXMethodDecl>(F) && !F->isMain() && !F->isVariadic() &&
         !F->isTemplated() && !F->getPrimaryTemplate() && !F->isTemplateInstantiation() &&
         F->isExternallyVisible();
}

std::string markerOf(ASTContext &context, const FunctionDecl *F) {
  std::unique_ptr<MangleContext> mangler(context.createMangleContext());
  std::string name;
  llvm::raw_string_ostream os(name);
  if (mangler->shouldMangleDeclName(F))
    mangler->mangleName(GlobalDecl(F), os);
  else
    os << F->getName();
  os.flush();
  return "bytedmd_instrumented_" + name;
}
} // namespace

std::string crossFileMarker(ASTContext &context, const FunctionDecl *F, const SourceManager &sm) {
  if (!callableAcrossFiles(F) || F->isDefined() || F->getBuiltinID() ||
      F->getLocation().isInvalid() || sm.isInSystemHeader(F->getLocation()))
    return "";
  return markerOf(context, F);
}

std::string definedMarker(ASTContext &context, const FunctionDecl *F) {
  if (!callableAcrossFiles(F) || !F->isThisDeclarationADefinition() || F->isInlined())
    return "";
  return markerOf(context, F);
}

unsigned rewriteFunction(ASTContext &context, Rewriter &rewriter, const RewritePolicy &policy,
                         const FunctionDecl *F) {
  Rewrite r(context, rewriter, policy);
  return r.function(F);
}

} // namespace bytedmd
