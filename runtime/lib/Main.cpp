// The entry of a compiled program (linked only into executables).
#include "ndp/abi.h"

int main(int argc, char **argv) { return ndp_main(argc, argv); }
