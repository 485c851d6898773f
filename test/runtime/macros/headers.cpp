// headers.cpp - every installed header, included under a user's macros
// (-DA=1 ... -Dz=1, -DN=40, ...): a name in them that a macro could reach
// breaks this translation unit.
#include "bytedmd/bytedmd.h"
#include "bytedmd/instrument.hpp"
#include "bytedmd/runtime.h"

int main() { return 0; }
