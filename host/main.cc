#include "host/app.h"

int main(int argc, char** argv) { return fclone::Main(argc, argv); }
