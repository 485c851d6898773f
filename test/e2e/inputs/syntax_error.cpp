// A syntax error: bytedmd-instrument must print the compiler's diagnostics,
// exit non-zero and write no output file.
double broken(double a) { return a * ; }
int main() { return 0; }
