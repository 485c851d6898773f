// BodyRewriter.h - the rewrite of one function body, room by room. Its
// members are defined in one file per kind of construct:
//
//   BodyRewriter.cpp        the function, its lambdas, instruction sites
//   StatementRewriter.cpp   statements, conditions, range-for, return
//   ExpressionRewriter.cpp  loads, operators, casts, braced lists
//   CallRewriter.cpp        calls: a strategy per kind of callee
//   LibraryCalls.cpp        calls of the standard library the runtime models
//   StandardAlgorithms.cpp  <algorithm> and <numeric> on adaptors
//   FunctionObjects.cpp     std::plus<T>()(a, b) and the like, as instructions
//   TupleTemporaries.cpp    pairs and tuples built from scalars in expressions
//   DeclarationRewriter.cpp variables, structured bindings, aggregates
//   Prologue.cpp            the frame, the static sites, the inputs
//   ParameterUses.cpp       how the body uses its parameters
//   KeyedLocals.cpp         locals that keep their key beside them
//
// Every member plans edits (SourceEditor) and never writes text. The
// traversal is outer-first: a construct plans its own wrapper before its
// operands plan theirs, so wrappers nest (EditPlan.h).
#ifndef BYTEDMD_TOOL_BODY_REWRITER_H
#define BYTEDMD_TOOL_BODY_REWRITER_H

#include "RewriteDiagnostics.h"
#include "RewritePolicy.h"
#include "SourceEditor.h"

#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace bytedmd {

/// "BYTEDMD_OP_..." of a binary or compound-assignment operator, or of -x,
/// +x, ~x (bytedmd/ops.def); none for the others.
std::optional<std::string> binaryInstruction(clang::BinaryOperatorKind K);
std::optional<std::string> unaryInstruction(clang::UnaryOperatorKind K);

/// How the parent consumes an expression's value.
enum class Use {
  Value,    ///< an operand of a modeled operation: V<T> or a plain value
  Truth,    ///< a condition or an operand of && || !: a READ
  Index,    ///< a subscript or offset: a READ
  Escape,   ///< passed by value to code that is not instrumented: a READ
  EscapeIf, ///< passed by value across files: a READ unless the callee is instrumented
  Discard,  ///< the value is unused
  Plain,    ///< a context that is not modeled (pointers, objects, constructors)
  LValue,   ///< an lvalue that stays one (assigned, bound to a reference)
};

class BodyRewriter {
public:
  BodyRewriter(clang::ASTContext &context, EditPlan &plan, const RewritePolicy &policy,
               RewriteDiagnostics &diags);

  /// Plans the rewrite of F's body (and the lambdas inside it).
  void function(const clang::FunctionDecl *F);

private:
  // ---- BodyRewriter.cpp ------------------------------------------------------
  void lambda(const clang::LambdaExpr *L);
  std::string capturesByValue(const clang::LambdaExpr *L);
  /// A construct the model cannot follow, at `at`.
  void warn(clang::SourceLocation at, Message m, const std::vector<std::string> &args = {});
  /// ", &bytedmd_loc_N": the static site of the instruction at `at`, named by
  /// what it computes (the variable it is stored in, or its text).
  std::string here(clang::SourceLocation at, const clang::Expr *computes = nullptr);
  /// The instruction E's output goes straight into `name` (`s = a * b`).
  void nameOutput(const clang::Expr *E, const std::string &name);

  // ---- StatementRewriter.cpp -------------------------------------------------
  void stmt(const clang::Stmt *S);
  void returnStmt(const clang::ReturnStmt *S);
  bool returnObjectBuiltHere(const clang::Expr *E, clang::QualType R);
  bool recordTemporary(const clang::Expr *E);
  void rangeFor(const clang::CXXForRangeStmt *S);
  void condition(const clang::Expr *cond, bool loop);
  /// The variable a condition declares (`if (T x = e)`), read by `read`
  /// ("TRUTH", or "INDEX" for a switch) once it is initialised; false when
  /// it is not a scalar (the caller then rewrites it as before).
  /// A template's range-for variable's type, spelled so that it can be declared
  /// in the loop's body, initialised from `ref`.
  std::string dependentLoopType(const clang::VarDecl *V, const std::string &ref);
  /// `if (auto t = e)` in a template: auto spelled as what it deduces.
  bool dependentAutoCondition(const clang::VarDecl *V, const char *read);
  bool conditionVariable(const clang::DeclStmt *S, const clang::Stmt *owner,
                         const clang::Expr *test, const char *read);
  // ConditionObjects.cpp: a class declared in a condition, and statements
  // that must follow a declaration in an init-statement.
  /// `if (B t = a)` (owner: the if, while, for or switch) with B a class of
  /// tracked values: t keeps a's keys, and its test, B's conversion, is
  /// measured where the statement can be split; reported where not.
  bool objectCondition(const clang::DeclStmt *S, const clang::VarDecl *V, const clang::Stmt *owner,
                       const clang::Expr *test);
  /// "; ::bytedmd::truth(::bytedmd::call(::bytedmd::seq{t}, ... bytedmd_o.operator bool() ...),
  /// &loc)": t's test, written out after its declaration.
  std::string conditionTest(const clang::VarDecl *V, const clang::CXXConversionDecl *conversion,
                            const char *reader);
  /// Plans V's test after its declaration S in owner's condition,
  /// restructuring a loop so its condition is an if's; false (nothing
  /// planned) if it cannot.
  bool splitCondition(const clang::Stmt *owner, const clang::DeclStmt *S, const clang::VarDecl *V,
                      const clang::CXXConversionDecl *conversion);
  /// The loop `owner`'s condition S as an if's in its body:
  ///   while (true) if (S; test) { body } else break;
  bool loopAsIf(const clang::Stmt *owner, const clang::DeclStmt *S, const clang::VarDecl *V,
                const clang::CXXConversionDecl *conversion);
  /// `if (init; c) s` as `{ init; if (c) s }`, when a statement must follow a
  /// declaration in init (or c's test must go where init is); false if it cannot.
  bool hoistInit(const clang::Stmt *owner);
  /// An init-statement: rewritten, and hoisted out of the parentheses when
  /// its declaration planned statements after itself.
  void initStatement(const clang::Stmt *owner, const clang::Stmt *init);
  /// Plans what a restructured statement S needs after it (closings_).
  void closeStatement(const clang::Stmt *S);
  void sizesInLoopCondition(const clang::Expr *cond);

  // ---- ExpressionRewriter.cpp --------------------------------------------------
  void expr(const clang::Expr *E, Use use);
  void lvalue(const clang::Expr *E);
  void applyUse(const clang::Expr *E, Use use);
  bool dependentLoad(const clang::Expr *E, Use use);
  /// A by-value parameter of the constructor whose member initialisers are
  /// being rewritten (read from its construction record).
  bool constructorParameter(const clang::DeclRefExpr *D) const;
  void implicitCast(const clang::ImplicitCastExpr *C, Use use);
  void explicitCast(const clang::ExplicitCastExpr *C, Use use);
  void arithmeticCast(const clang::ExplicitCastExpr *C, Use use);
  void initList(const clang::InitListExpr *I);
  void construct(const clang::CXXConstructExpr *C, Use use);
  /// std::vector's count constructor (n value-initialised elements) and fill
  /// constructor (n copies of a value): the library writes the elements.
  enum class VectorConstruction { None, Count, Fill, Range };
  static VectorConstruction vectorConstruction(const clang::CXXConstructExpr *C);
  void vectorArguments(const clang::CXXConstructExpr *C, VectorConstruction kind);
  /// A vector built as a temporary, `T(n)` or `T(n, x)`, its type spelled in
  /// `type` before `paren`; false when it is not one.
  bool vectorTemporary(const clang::CXXConstructExpr *C, clang::SourceRange type,
                       clang::SourceLocation paren);
  void newExpression(const clang::CXXNewExpr *N);
  void binary(const clang::BinaryOperator *B, Use use);
  void assignment(const clang::BinaryOperator *B, Use use);
  /// An lvalue read and written in place (x op= y, ++x, x++).
  void modified(const clang::Expr *L);
  void unary(const clang::UnaryOperator *U, Use use);
  void conditional(const clang::ConditionalOperator *C, Use use);

  // ---- CallRewriter.cpp ------------------------------------------------------
  void call(const clang::CallExpr *C, Use use);
  bool operatorCall(const clang::CXXOperatorCallExpr *O, Use use);
  void opaqueFunctionObjectCall(const clang::CXXOperatorCallExpr *O,
                                const clang::CXXMethodDecl *M, Use use);
  /// The scalars of braced lists among C's arguments (std::minmax({a, b})).
  unsigned listedScalars(const clang::CallExpr *C) const;
  /// std::tie(t, u) = p: the tied variables take p's members' keys.
  bool tiedAssignment(const clang::CXXOperatorCallExpr *O, const clang::CallExpr *tie);
  bool memberCall(const clang::CXXMemberCallExpr *M, Use use);
  // MethodCalls.cpp: the file's own methods and operators.
  bool instrumentedCallee(const clang::FunctionDecl *F) const;
  /// `if (t)`: t's conversion operator of the file, called where nothing names it.
  bool conversionCall(const clang::CXXMemberCallExpr *M, Use use);
  bool instrumentedMember(const clang::CXXMemberCallExpr *M, Use use);
  /// A virtual method of the file's class called with dispatch (no qualifier).
  bool dispatchedInFile(const clang::CXXMethodDecl *method, const clang::MemberExpr *ME) const;
  bool instrumentedOperator(const clang::CXXOperatorCallExpr *O, Use use);
  void methodArguments(const clang::CallExpr *C, const clang::FunctionDecl *F, unsigned first,
                       unsigned paramOffset);
  void objectOperand(const clang::Expr *object, bool arrow);
  void referenceArgument(const clang::Expr *arg);
  bool dependentOperator(const clang::CXXOperatorCallExpr *O, Use use);
  bool operatorInstruction(const clang::CXXOperatorCallExpr *O, Use use);
  bool unresolvedInstrumentedCall(const clang::CallExpr *C, Use use);
  bool functionObjectCall(const clang::CXXOperatorCallExpr *O, Use use);
  // StandardAlgorithms.cpp: <algorithm> and <numeric> on adaptors.
  bool standardAlgorithm(const clang::CallExpr *C, const clang::FunctionDecl *F, Use use);
  bool callableOfTheFile(const clang::Expr *arg) const;
  /// How an algorithm's argument is handed to it ("" when it is not adapted;
  /// false when it cannot be: the algorithm is then a call out).
  bool adaptedArgument(const clang::Expr *arg, llvm::StringRef algorithm, std::string &adaptor) const;
  /// f in std::transform(..., f): a function of the file, named directly.
  bool namesInstrumentedFunction(const clang::Expr *arg) const;
  void scalarListArgument(const clang::Expr *arg);
  /// E initialises a reference variable (`const double &r = E;`).
  bool initialisesReference(const clang::Expr *E) const;
  // FunctionObjects.cpp: std::plus<T>()(a, b) and the like, as instructions.
  bool standardFunctorCall(const clang::CXXOperatorCallExpr *O, Use use);
  // ComplexValues.cpp: std::complex as one value.
  bool complexLoad(const clang::Expr *E, Use use);
  bool complexConstruct(const clang::CXXConstructExpr *C, Use use);
  bool complexVariable(const clang::VarDecl *D);
  bool complexOperator(const clang::CXXOperatorCallExpr *O, Use use);
  bool complexMember(const clang::CXXMemberCallExpr *M, Use use);
  // Constructors.cpp: the file's own constructors.
  bool constructsThroughRecord(const clang::CXXConstructExpr *C) const;
  void constructorArguments(const clang::CXXConstructExpr *C);
  /// `{a, b}` passed where a container of scalars is wanted: false if not one.
  bool bracedContainerArgument(const clang::Expr *arg, clang::QualType param);
  bool temporaryConstruction(const clang::CXXConstructExpr *C);
  bool variableConstruction(const clang::VarDecl *D, const clang::DeclStmt *S,
                            const clang::CXXConstructExpr *C);
  bool castConstruction(const clang::CXXFunctionalCastExpr *F);
  bool implicitConstruction(const clang::CXXConstructExpr *C);
  /// T(x) in a template, T known per instantiation (::bytedmd::build).
  bool unresolvedConstruction(const clang::CXXUnresolvedConstructExpr *U, Use use);
  /// A prvalue whose small object's keys the rewrite sends through the
  /// handoff (a call, a construction through construct or tupleOf): the
  /// place that stores it receives them.
  bool handsOverKeys(const clang::Expr *E) const;
  void memberInitialisers(const clang::CXXConstructorDecl *ctor);
  /// `: Q(a, b)` built by Q's constructor of the file (a base, a delegated
  /// constructor, a member): its arguments' keys reach it; false if not one.
  bool initialiserConstruction(const clang::CXXCtorInitializer *I);
  /// `: Base<T>(a)` in a class template (false if not one, or reported).
  bool dependentBaseInitialiser(const clang::CXXCtorInitializer *I);
  /// The one value of a member initialiser (x of v(x), v{x}, v = x); null if several.
  static const clang::Expr *singleValue(const clang::Expr *init);
  /// C, a construction by the file's constructor between `open` and `close`
  /// (its parentheses or braces) where no construct can go around it: its
  /// arguments record their keys for the constructor; false if it cannot.
  bool recordedConstruction(const clang::CXXConstructExpr *C, clang::SourceLocation open,
                            clang::SourceLocation close);
  /// std::make_unique<T>(a, b), std::make_shared<T>(a, b) of the file's T:
  /// the library calls T's constructor (::bytedmd::constructThrough).
  bool libraryConstruction(const clang::CallExpr *C, const clang::FunctionDecl *F);
  void memberInitialiserOfObject(const std::string &target, const clang::Expr *init);
  // TupleTemporaries.cpp: std::pair<double, double>(a, b) or {a, b} built
  // from scalars where an object is wanted (::bytedmd::tupleOf).
  bool tupleTemporary(const clang::CXXConstructExpr *C) const;
  bool tupleConstruction(const clang::CXXConstructExpr *C);
  bool vectorMember(const clang::CXXMemberCallExpr *M, Use use);
  // ObjectVectors.cpp: push_back and emplace_back on a vector of the file's classes.
  bool objectVectorMember(const clang::CXXMemberCallExpr *M);
  /// R has a constructor of its own that the rewrite instruments.
  bool builtByInstrumentedConstructor(const clang::CXXRecordDecl *R) const;
  void otherMember(const clang::CXXMemberCallExpr *M);
  void indirectCall(const clang::CallExpr *C);
  bool instrumentedCall(const clang::CallExpr *C, const clang::FunctionDecl *F, Use use);
  void opaqueCall(const clang::CallExpr *C, const clang::FunctionDecl *F, Use use);
  /// The argument hands a pointer, reference or iterator to tracked data to F.
  bool reachesData(const clang::Expr *arg, const clang::ParmVarDecl *param) const;

  // ---- LibraryCalls.cpp -------------------------------------------------------
  /// A call of the standard library that the runtime models; false if not.
  bool libraryCall(const clang::CallExpr *C, const clang::FunctionDecl *F, Use use);
  bool elementCopy(const clang::CallExpr *C, llvm::StringRef name, Use use);
  bool allocation(const clang::CallExpr *C, llvm::StringRef name, Use use);
  bool makeTuple(const clang::CallExpr *C, llvm::StringRef name, Use use);
  bool memoryFunction(const clang::CallExpr *C, llvm::StringRef name);
  bool minOrMax(const clang::CallExpr *C, llvm::StringRef name, Use use);
  bool mathFunction(const clang::CallExpr *C, llvm::StringRef name, Use use);

  // ---- DeclarationRewriter.cpp -------------------------------------------------
  void varDecl(const clang::VarDecl *D, const clang::DeclStmt *S);
  void arithmeticVariable(const clang::VarDecl *D, const clang::Expr *init);
  void dependentVariable(const clang::VarDecl *D, const clang::DeclStmt *S,
                         const clang::Expr *init);
  bool objectVariable(const clang::VarDecl *D, const clang::DeclStmt *S, const clang::Expr *init,
                      bool freshBytes);
  void tupleFromArguments(const clang::VarDecl *D, const clang::DeclStmt *S,
                          const clang::CXXConstructExpr *CE);
  void afterDeclaration(const clang::DeclStmt *S, const std::string &code);
  void bindings(const clang::DecompositionDecl *D, const clang::DeclStmt *S);
  /// " ::bytedmd::copyKeys(x, from.first); ..." for each binding of D.
  std::string bindingCopies(const clang::DecompositionDecl *D, const std::string &from);
  /// A template's structured binding: its members are known per instantiation.
  void dependentBindings(const clang::DecompositionDecl *D, const clang::DeclStmt *S,
                         const clang::Expr *init);
  /// "{ auto &[bytedmd_b0, ...] = from; ::bytedmd::copyKeys(x, bytedmd_b0); ... }".
  std::string dependentBindingCopies(const clang::DecompositionDecl *D, const std::string &from);
  /// The members an aggregate's braced list initialises, as source text
  /// (base.x, base.inner.y, base.arr[1]); their initialisers are stashed.
  void fieldTargets(const clang::InitListExpr *L, const std::string &base,
                    std::vector<std::string> &targets);
  void fieldTarget(const clang::Expr *init, clang::QualType type, const std::string &target,
                   std::vector<std::string> &targets);
  void stashArgument(const clang::Expr *arg);
  /// Stashes the keys of a braced list's elements; returns how many.
  unsigned listElements(const clang::InitListExpr *L);
  /// `gap`: the places of left-out elements not yet stashed.
  unsigned listElements(const clang::InitListExpr *L, unsigned &gap);
  void loadArgument(const clang::Expr *arg);

  // ---- Prologue.cpp -------------------------------------------------------------
  void prologue(const clang::FunctionDecl *F, const clang::Stmt *body, bool measured);
  std::string siteDeclarations(const std::string &file) const;
  std::string parameterCode(const clang::FunctionDecl *F, bool measured,
                            std::vector<std::string> &inputs);
  std::string structFields(const clang::ParmVarDecl *P);
  bool walkable(clang::QualType T) const;
  std::string diagnosticDeclarations() const;

  // ---- ParameterUses.cpp --------------------------------------------------------
  /// Pointer parameters of a measured F read only through their data (p[i],
  /// *p, *(p + k), A[i][j], pts[i].x, p->x), also through local pointers
  /// that walk them, outside lambdas: their elements become inputs when
  /// first read.
  void findPointerParams(const clang::FunctionDecl *F);
  /// The parameter p of p[i], *p, p->x, or of q[i] for a local q walking p,
  /// when p is such a pointer parameter.
  const clang::ParmVarDecl *throughPointerParam(const clang::Expr *E) const;
  /// What names P's inputs' base in ldIn: P, or the copy of its entry value
  /// when the body steps P.
  std::string pointerBase(const clang::ParmVarDecl *P) const;
  /// The references to arithmetic parameters of F in E.
  static std::vector<const clang::MemberExpr *> fieldReferences(const clang::Expr *E);
  static std::vector<const clang::DeclRefExpr *> parameterReferences(const clang::FunctionDecl *F,
                                                                     const clang::Expr *E);

  // ---- KeyedLocals.cpp ----------------------------------------------------------
  /// An arithmetic local of the function whose every use the rewrite can
  /// route through a key variable beside it, instead of the shadow map: it is
  /// keyed when each of its uses planned such a form (semantics.md, "Memory").
  struct KeyedLocal {
    std::string key;                                 ///< its key variable
    std::set<const clang::DeclRefExpr *> uses;       ///< every name of it in the body
    std::set<const clang::DeclRefExpr *> handled;    ///< those whose form has a keyed spelling
    bool initialised = false;                        ///< its initialiser has one
    std::vector<std::pair<std::size_t, std::string>> spellings; ///< edit -> keyed text
  };
  /// Collects the candidates of F and their uses, before F is planned.
  void findKeyedLocals(const clang::FunctionDecl *F);
  /// The candidate E names (through parentheses), or null.
  KeyedLocal *keyedLocal(const clang::Expr *E);
  /// The opening at edit `edit`, open(name[, arg]), wraps a use of E that
  /// has a keyed form: nameKey[<arg>](key, ...).
  void keyedUse(const clang::Expr *E, std::size_t edit, const std::string &name,
                const std::string &arg = "");
  /// D's initialiser opened at edit `edit` with init(&D, ...), the edit's
  /// text ending in `rest` after the opening.
  void keyedInit(const clang::VarDecl *D, std::size_t edit, const std::string &rest = "");
  /// Respells the uses of every candidate whose uses all have keyed forms;
  /// returns the declarations of their key variables.
  std::string keyLocals();

  clang::ASTContext &ctx_;
  clang::SourceManager &sm_;
  SourceEditor edit_;
  const RewritePolicy &policy_;
  RewriteDiagnostics &diags_;
  const clang::FunctionDecl *current_ = nullptr;
  /// The instruction sites of the outermost function being rewritten:
  /// (line, name) -> index of its static bytedmd_location.
  std::map<std::pair<unsigned, std::string>, unsigned> sites_;
  /// Instructions whose output goes straight into a named place.
  std::map<const clang::Expr *, std::string> outputNames_;
  std::set<const clang::ParmVarDecl *> pointerParams_;
  /// Local pointers that walk a pointer parameter (`const double *p = x`).
  std::map<const clang::VarDecl *, const clang::ParmVarDecl *> pointerWalks_;
  /// Pointer parameters the body steps (x++): reads name their entry value.
  std::set<const clang::ParmVarDecl *> steppedParams_;
  // The constructor whose member initialisers are being rewritten (their
  // by-value parameters come from the construction record), and what its
  // body must copy first.
  const clang::CXXConstructorDecl *constructorOfInitialisers_ = nullptr;
  std::string memberCopies_;
  std::set<const clang::FieldDecl *> warnedFields_; // once per field
  /// Declarations that planned statements after themselves (afterDeclaration).
  std::set<const clang::DeclStmt *> followedDeclarations_;
  /// Statements whose init-statement was hoisted into a block before them.
  std::set<const clang::Stmt *> hoisted_;
  /// What goes after a restructured statement, planned once its own
  /// statements have planned theirs (a block's " }", a loop's " else break;").
  std::map<const clang::Stmt *, std::string> closings_;
  std::string capturePrologue_;                     // a lambda's capture keys
  /// The condition variable being declared, and the op of its read.
  std::pair<const clang::VarDecl *, std::string> conditionRead_;
  const clang::FunctionDecl *keyedFunction_ = nullptr; // whose locals keyed_ holds
  std::vector<const clang::VarDecl *> keyedOrder_;     // in declaration order
  std::map<const clang::VarDecl *, KeyedLocal> keyed_;
};

/// What a reference parameter binds: a temporary bound to it is the prvalue
/// inside, under the no-op casts Clang adds.
const clang::Expr *referenceSource(const clang::Expr *arg);
/// The braced list that initialises a container, through the wrappers Clang
/// puts around it (`return {a, b};`, `std::vector<double> v = {a, b};`).
const clang::InitListExpr *containerList(const clang::Expr *E);
/// The braced list of an aggregate struct (`P p{a, b}`, `return P{a, b};`).
const clang::InitListExpr *recordList(const clang::Expr *E);
/// std::plus<T>, std::less<T>, std::logical_and<T>, ... and their void
/// forms: the function objects of <functional> the runtime applies as
/// instructions (bytedmd/detail/functional.hpp).
bool isStandardFunctionObject(clang::QualType T);
/// A function of the C or C++ standard library (declared in a system header,
/// in namespace std or the global namespace).
bool isStandardFunction(const clang::FunctionDecl *F);

/// One of bytedmd/bytedmd.h's annotations (bytedmd::size): left as written,
/// its arguments unread.
bool isAnnotation(const clang::FunctionDecl *F);
/// A file name as the user would write it: relative to the working directory
/// when it is inside it (Clang tools make paths absolute).
std::string displayName(llvm::StringRef path);

} // namespace bytedmd

#endif // BYTEDMD_TOOL_BODY_REWRITER_H
