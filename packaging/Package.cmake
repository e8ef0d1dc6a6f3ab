# `cpack -G DEB` in the build directory: fclone_<version>_amd64.deb with fclone, fichier-emulator,
# their man pages and bash completion (the runtime component). Libraries, headers and the CMake
# package are the dev component, installed with `cmake --install` and left out of the .deb.
set(CPACK_PACKAGE_NAME fclone)
set(CPACK_PACKAGE_VENDOR "fichier project")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "rclone-compatible command-line client for 1fichier")
set(CPACK_PACKAGE_DESCRIPTION
  "fclone speaks rclone's commands, flags, config file and exit codes for 1fichier, the local\ndisk, memory, crypt and alias remotes. fichier-emulator is a local emulator of the 1fichier\nAPI for tests.")
set(CPACK_PACKAGE_CONTACT "fichier maintainers <fichier@localhost>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_GROUPING ALL_COMPONENTS_IN_ONE)
set(CPACK_COMPONENTS_ALL runtime)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # fclone_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)  # Depends: from the binaries' shared libraries
set(CPACK_STRIP_FILES ON)
include(CPack)
