#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver, for executables whose main is not libFuzzer's (SwiftPM names the entry
/// point of an executable target `<Module>_main` and links `main` to it).
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
