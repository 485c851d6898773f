// type_classifier_test.cpp - each type predicate on its own, over types
// named by aliases in a small translation unit.
#include "TypeClassifier.h"

#include "CompileArguments.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"

#include <gtest/gtest.h>

#include <memory>

namespace bytedmd {
namespace {

const char *const kTypes = R"cpp(
#include <array>
#include <initializer_list>
#include <string>
#include <tuple>
#include <utility>
#include <vector>
enum E { e0 };
struct P { double x, y; };
struct Empty {};
struct Derived : P {};
struct Holder { std::vector<double> v; };
union U { double d; long l; };
struct Listed { Listed(std::initializer_list<double>) {} Listed(double) {} };
struct Unlisted { Unlisted(double, double) {} };
using Double = double;
using Int = int;
using Bool = bool;
using Char = char;
using Enum = E;
using DoubleRef = const double &;
using DoublePtr = double *;
using Vec = std::vector<double>;
using VecVec = std::vector<std::vector<double>>;
using VecP = std::vector<P>;
using Arr = std::array<int, 3>;
using ArrVecFloat = std::array<std::vector<float>, 2>;
using CArr = double[3][2];
using CArrP = P[2];
using Str = std::string;
using Pair = std::pair<double, int>;
using PairStr = std::pair<int, std::string>;
using PairVec = std::pair<double, std::vector<double>>;
using Tuple = std::tuple<double, float, int>;
using Tuple0 = std::tuple<>;
using TupleP = std::tuple<double, P>;
using VecIt = std::vector<double>::iterator;
using Chars = char[4];
// Class templates are complete only where instantiated, as in real code.
Vec v1; VecVec v2; VecP v3; Arr v4; ArrVecFloat v5; Str v6; Pair v7; PairStr v8; PairVec v9;
Tuple v10; Tuple0 v11; TupleP v12;
)cpp";

class Types : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    unit_ = clang::tooling::buildASTFromCodeWithArgs(
                kTypes, {kDefaultStandard, std::string("-resource-dir=") + defaultResourceDir()})
                .release();
    ASSERT_NE(unit_, nullptr);
  }
  static void TearDownTestSuite() { delete unit_; }

  /// The type an alias or a class of kTypes names.
  static clang::QualType type(const char *name) {
    clang::ASTContext &context = unit_->getASTContext();
    for (const clang::Decl *D : context.getTranslationUnitDecl()->decls()) {
      if (const auto *T = llvm::dyn_cast<clang::TypedefNameDecl>(D); T && T->getName() == name)
        return T->getUnderlyingType();
      if (const auto *R = llvm::dyn_cast<clang::RecordDecl>(D);
          R && R->getName() == name && R->isThisDeclarationADefinition())
        return context.getRecordType(R);
    }
    ADD_FAILURE() << "no type " << name;
    return {};
  }

  static clang::ASTUnit *unit_;
};
clang::ASTUnit *Types::unit_ = nullptr;

TEST_F(Types, ArithmeticIsBoolIntegerOrFloatingPointThroughReferences) {
  for (const char *yes : {"Double", "Int", "Bool", "Char", "DoubleRef"})
    EXPECT_TRUE(isArithmetic(type(yes))) << yes;
  for (const char *no : {"Enum", "DoublePtr", "Vec", "P"})
    EXPECT_FALSE(isArithmetic(type(no))) << no;
  EXPECT_FALSE(isArithmetic(clang::QualType()));
}

TEST_F(Types, SequenceElementOfVectorAndArray) {
  clang::ASTContext &context = unit_->getASTContext();
  EXPECT_TRUE(context.hasSameType(sequenceElement(type("Vec")), context.DoubleTy));
  EXPECT_TRUE(context.hasSameType(sequenceElement(type("Arr")), context.IntTy));
  EXPECT_TRUE(sequenceElement(type("Double")).isNull());
  EXPECT_TRUE(sequenceElement(type("Pair")).isNull());
  EXPECT_TRUE(sequenceElement(type("CArr")).isNull()); // a C array is not a std sequence
}

TEST_F(Types, VectorAndVectorOfArithmetic) {
  EXPECT_TRUE(isVector(type("Vec")));
  EXPECT_TRUE(isVector(type("VecP")));
  EXPECT_FALSE(isVector(type("Arr")));
  EXPECT_TRUE(isVectorOfArithmetic(type("Vec")));
  EXPECT_FALSE(isVectorOfArithmetic(type("VecP")));
  EXPECT_FALSE(isVectorOfArithmetic(type("VecVec")));
}

TEST_F(Types, HoldsArithmeticThroughNestedSequencesAndArrays) {
  for (const char *yes : {"Double", "Vec", "VecVec", "Arr", "ArrVecFloat", "CArr"})
    EXPECT_TRUE(holdsArithmetic(type(yes))) << yes;
  for (const char *no : {"VecP", "P", "CArrP", "Pair", "Str"})
    EXPECT_FALSE(holdsArithmetic(type(no))) << no;
}

TEST_F(Types, ValueRecordsArePlainStructsAndTuplesWithTrackedMembers) {
  for (const char *yes : {"P", "Derived", "Pair", "PairStr", "Tuple", "TupleP"})
    EXPECT_TRUE(isValueRecord(type(yes))) << yes;
  // Empty tracks nothing; Holder is not trivially copyable; a union is a
  // pun; a vector is a container, not a record.
  for (const char *no : {"Empty", "Holder", "U", "Vec", "Double", "Tuple0"})
    EXPECT_FALSE(isValueRecord(type(no))) << no;
  EXPECT_TRUE(isStdTuple(type("Pair")->getAsCXXRecordDecl()));
  EXPECT_TRUE(isStdTuple(type("Tuple")->getAsCXXRecordDecl()));
  EXPECT_FALSE(isStdTuple(type("P")->getAsCXXRecordDecl()));
}

TEST_F(Types, TracksKeysOfValuesRecordsAndTheirContainers) {
  // Holder is a data class: the program's own, with a vector of doubles.
  for (const char *yes : {"Double", "Vec", "VecP", "CArrP", "P", "Pair", "ArrVecFloat", "Holder"})
    EXPECT_TRUE(tracksKeys(type(yes))) << yes;
  for (const char *no : {"Str", "DoublePtr", "Empty", "Enum"})
    EXPECT_FALSE(tracksKeys(type(no))) << no;
}

TEST_F(Types, DataClassesAreTheProgramsOwnClassesHoldingData) {
  for (const char *yes : {"Holder", "P", "Derived"})
    EXPECT_TRUE(isDataClass(type(yes))) << yes;
  // Library classes (even with data), empty classes, unions, containers.
  for (const char *no : {"Pair", "Str", "Empty", "U", "Vec", "Double"})
    EXPECT_FALSE(isDataClass(type(no))) << no;
}

TEST_F(Types, EnumerableIsWhatAFrameWalksAsInputs) {
  for (const char *yes : {"Double", "Vec", "VecVec", "CArr", "Arr", "Pair", "PairVec", "Tuple"})
    EXPECT_TRUE(isEnumerable(type(yes))) << yes;
  // Structs are walked field by field by the prologue, not by the frame.
  for (const char *no : {"P", "VecP", "TupleP", "Tuple0", "Str"})
    EXPECT_FALSE(isEnumerable(type(no))) << no;
}

TEST_F(Types, InitializerListConstructorsAreTheOnesBracesPrefer) {
  EXPECT_TRUE(hasInitializerListConstructor(type("Listed")));
  EXPECT_TRUE(hasInitializerListConstructor(type("Vec")));
  EXPECT_FALSE(hasInitializerListConstructor(type("Unlisted")));
  EXPECT_FALSE(hasInitializerListConstructor(type("P")));
  EXPECT_FALSE(hasInitializerListConstructor(type("Double")));
}

TEST_F(Types, IteratorsAndCharacterData) {
  EXPECT_TRUE(isIteratorLike(type("VecIt")));
  EXPECT_FALSE(isIteratorLike(type("DoublePtr")));
  EXPECT_TRUE(isCharacterData(type("Char")));
  EXPECT_TRUE(isCharacterData(type("Chars")));
  EXPECT_FALSE(isCharacterData(type("Double")));
}

} // namespace
} // namespace bytedmd
