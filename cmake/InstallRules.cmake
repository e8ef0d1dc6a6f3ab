# install(): the libraries and their exported CMake package, the public headers, fclone and
# fichier-emulator, fichier.pc, the man pages and bash completion. After the modules are added.
include(CMakePackageConfigHelpers)
include(cmake/PublicHeaders.cmake)

set(FICHIER_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/fichier")
set(installed_targets)
foreach(entry IN LISTS FICHIER_INSTALLED_LIBRARY_NAMES)
  string(REPLACE ":" ";" pair "${entry}")
  list(GET pair 0 target)
  list(GET pair 1 exported)
  if(TARGET ${target})
    set_target_properties(${target} PROPERTIES EXPORT_NAME ${exported})
    add_library(fichier::${exported} ALIAS ${target})
    list(APPEND installed_targets ${target})
  endif()
endforeach()
# A library of ours that an installed one links (say a module split in two) is installed too,
# as fichier::<name without the fichier_ prefix>, so a new dependency never breaks the export.
set(pending ${installed_targets})
while(pending)
  list(POP_FRONT pending target)
  get_target_property(deps ${target} LINK_LIBRARIES)
  foreach(dep IN LISTS deps)
    if(TARGET ${dep} AND dep MATCHES "^fichier_" AND NOT dep IN_LIST installed_targets)
      string(REGEX REPLACE "^fichier_" "" exported "${dep}")
      set_target_properties(${dep} PROPERTIES EXPORT_NAME ${exported})
      list(APPEND installed_targets ${dep})
      list(APPEND pending ${dep})
      message(STATUS "Also installing ${dep} (an installed library links it): add it to "
                     "FICHIER_INSTALLED_LIBRARY_NAMES and the fichier.pc list")
    endif()
  endforeach()
endwhile()

install(TARGETS ${installed_targets} EXPORT fichierTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT runtime NAMELINK_COMPONENT dev
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime)
install(EXPORT fichierTargets NAMESPACE fichier:: DESTINATION ${FICHIER_CMAKE_DIR} COMPONENT dev)
install(TARGETS fclone fichier-emulator RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  COMPONENT runtime)

# Headers: the closure of what include/fichier/*.h, the plugin contract and the few vfs helpers a
# backend or tool author uses directly include.
file(GLOB public_roots RELATIVE ${PROJECT_SOURCE_DIR} ${PROJECT_SOURCE_DIR}/include/fichier/*.h)
fichier_header_closure(public_headers ${public_roots} vfs/plugin.h vfs/path.h vfs/walk.h
  vfs/new_fs.h vfs/hashing_source.h vfs/operations/sync.h hash/whirlpool.h)
foreach(header IN LISTS public_headers)
  string(REGEX REPLACE "^include/fichier/" "" installed "${header}")
  get_filename_component(dir "${installed}" DIRECTORY)
  install(FILES ${PROJECT_SOURCE_DIR}/${header}
    DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/fichier/${dir} COMPONENT dev)
endforeach()
install(FILES ${PROJECT_BINARY_DIR}/include/fichier/version.h
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/fichier COMPONENT dev)

# CMake package and version file.
configure_package_config_file(cmake/fichierConfig.cmake.in
  ${PROJECT_BINARY_DIR}/fichierConfig.cmake INSTALL_DESTINATION ${FICHIER_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/fichierConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY ${FICHIER_VERSION_COMPATIBILITY})
install(FILES ${PROJECT_BINARY_DIR}/fichierConfig.cmake
  ${PROJECT_BINARY_DIR}/fichierConfigVersion.cmake
  DESTINATION ${FICHIER_CMAKE_DIR} COMPONENT dev)

# pkg-config: relocatable (prefix from the .pc file's own place); libraries in link order.
set(FICHIER_PC_LIBS)
foreach(target IN ITEMS fichier fichier_backend_alias fichier_backend_crypt fichier_backend_fichier
    fichier_backend_fichier_api fichier_backend_rest fichier_backend_local fichier_backend_memory
    fichier_vfs_operations fichier_vfs fichier_vfs_config fichier_encoding fichier_hash
    fichier_base)
  if(TARGET ${target})
    string(APPEND FICHIER_PC_LIBS " -l${target}")
  endif()
endforeach()
foreach(target IN LISTS installed_targets)  # ones found above, not yet in the ordered list
  if(NOT FICHIER_PC_LIBS MATCHES " -l${target}( |$)")
    string(APPEND FICHIER_PC_LIBS " -l${target}")
  endif()
endforeach()
configure_file(cmake/fichier.pc.in ${PROJECT_BINARY_DIR}/fichier.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/fichier.pc
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT dev)

include(cmake/ManPages.cmake)
