// A planted violation for the test of the blocking-call check: never compiled.
#include <unistd.h>

void Planted() { usleep(1000); }
