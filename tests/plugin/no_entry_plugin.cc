// A shared object without the plugin entry point.
extern "C" __attribute__((visibility("default"))) int some_other_symbol() { return 42; }
