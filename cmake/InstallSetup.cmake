# What gets installed, decided before the modules are added (fichier_library reads it).
# Each entry is <target>:<exported name>; consumers see fichier::<exported name>.
include(GNUInstallDirs)
option(BUILD_SHARED_LIBS "Build the installed libraries as shared objects" OFF)

set(FICHIER_INSTALLED_LIBRARY_NAMES
  fichier_base:base
  fichier_hash:hash
  fichier_encoding:encoding
  fichier_vfs_config:vfs_config
  fichier_vfs:vfs
  fichier_vfs_operations:operations
  fichier_backend_rest:backend_rest
  fichier_backend_memory:backend_memory
  fichier_backend_local:backend_local
  fichier_backend_fichier_api:backend_fichier_api
  fichier_backend_fichier:backend_fichier
  fichier_backend_crypt:backend_crypt
  fichier_backend_alias:backend_alias
  fichier:fichier)
set(FICHIER_INSTALLED_LIBRARIES)
foreach(entry IN LISTS FICHIER_INSTALLED_LIBRARY_NAMES)
  string(REPLACE ":" ";" pair "${entry}")
  list(GET pair 0 target)
  list(APPEND FICHIER_INSTALLED_LIBRARIES ${target})
endforeach()

# Semantic versioning: while the major version is 0 a minor release may break the API and ABI, so
# the SONAME carries major.minor; from 1.0 on it carries the major version only.
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(FICHIER_SOVERSION "${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR}")
  set(FICHIER_VERSION_COMPATIBILITY SameMinorVersion)
else()
  set(FICHIER_SOVERSION "${PROJECT_VERSION_MAJOR}")
  set(FICHIER_VERSION_COMPATIBILITY SameMajorVersion)
endif()

if(BUILD_SHARED_LIBS)
  # Installed programs find the installed shared libraries next to them.
  set(CMAKE_INSTALL_RPATH "$ORIGIN/../${CMAKE_INSTALL_LIBDIR}")
endif()

# Shared builds export only the project's namespaces (the public API and what plugins implement);
# template instantiations of Abseil and the standard library stay local to each object.
function(fichier_public_library_properties name)
  set_target_properties(${name} PROPERTIES VERSION ${PROJECT_VERSION} SOVERSION ${FICHIER_SOVERSION})
  get_target_property(type ${name} TYPE)
  if(type STREQUAL "SHARED_LIBRARY")
    target_link_options(${name} PRIVATE
      "LINKER:--version-script=${PROJECT_SOURCE_DIR}/cmake/fichier_exports.map")
    set_property(TARGET ${name} APPEND PROPERTY LINK_DEPENDS
      "${PROJECT_SOURCE_DIR}/cmake/fichier_exports.map")
  endif()
endfunction()
