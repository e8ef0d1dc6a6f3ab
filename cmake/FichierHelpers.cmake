# fichier_library(NAME SOURCES... [DEPS ...]) - a module's library; headers are included as
# "module/file.h" from the repository root (installed: <prefix>/include/fichier/module/file.h).
# Libraries named in FICHIER_INSTALLED_LIBRARIES (cmake/Install.cmake) follow BUILD_SHARED_LIBS;
# the others (host, emulator, test helpers) are always static.
function(fichier_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  if(name IN_LIST FICHIER_INSTALLED_LIBRARIES)
    add_library(${name} ${ARG_SOURCES})
    fichier_public_library_properties(${name})
  else()
    add_library(${name} STATIC ${ARG_SOURCES})
  endif()
  target_include_directories(${name} PUBLIC
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}>
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
    $<BUILD_INTERFACE:${PROJECT_BINARY_DIR}/include>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}/fichier>)
  target_link_libraries(${name} PUBLIC ${ARG_DEPS})
endfunction()

# fichier_test(NAME SOURCES... [DEPS ...] [LABELS ...]) - a GoogleTest binary registered with ctest,
# one ctest test per TEST(), so failures name the case.
include(GoogleTest)
function(fichier_test name)
  cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;DEPS;LABELS" ${ARGN})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 600)
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
  gtest_discover_tests(${name}
    TEST_LIST ${name}_TESTS
    PROPERTIES TIMEOUT ${ARG_TIMEOUT}
    DISCOVERY_TIMEOUT 60)
  # Labels are set by a script ctest reads after the discovered tests, because
  # gtest_discover_tests flattens list-valued properties and would keep only the first label.
  set(label_script "${CMAKE_CURRENT_BINARY_DIR}/${name}_labels.cmake")
  file(WRITE "${label_script}"
    "if(${name}_TESTS)\n  set_tests_properties(\${${name}_TESTS} PROPERTIES LABELS \"${ARG_LABELS}\")\nendif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${label_script}")
endfunction()

# fichier_subdirectories() - adds each folder below the current one that has a CMakeLists.txt,
# in name order (tests/ and bench/ mirror the source folders this way).
function(fichier_subdirectories)
  file(GLOB dirs LIST_DIRECTORIES true ${CMAKE_CURRENT_SOURCE_DIR}/*)
  list(SORT dirs)
  foreach(dir IN LISTS dirs)
    if(IS_DIRECTORY ${dir} AND EXISTS ${dir}/CMakeLists.txt)
      add_subdirectory(${dir})
    endif()
  endforeach()
endfunction()
