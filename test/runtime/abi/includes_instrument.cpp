// includes_instrument.cpp - a translation unit that includes the C++ layer and
// calls nothing: its only reference into the runtime is the version symbol.
#include "bytedmd/instrument.hpp"

int main() { return 0; }
