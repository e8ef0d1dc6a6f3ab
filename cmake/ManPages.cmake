# Man pages and bash completion, generated from fclone's and fichier-emulator's own help once
# both are built (packaging/generate_docs.sh), installed with the programs.
set(FICHIER_DOCS_DIR ${PROJECT_BINARY_DIR}/generated-docs)
add_custom_command(OUTPUT ${FICHIER_DOCS_DIR}/man1/fclone.1.gz ${FICHIER_DOCS_DIR}/completion/fclone
  # Sanitizer builds: only the help text matters here, not leak reports at exit.
  COMMAND ${CMAKE_COMMAND} -E env ASAN_OPTIONS=detect_leaks=0
    bash ${PROJECT_SOURCE_DIR}/packaging/generate_docs.sh $<TARGET_FILE:fclone>
    $<TARGET_FILE:fichier-emulator> ${FICHIER_DOCS_DIR}
  DEPENDS fclone fichier-emulator ${PROJECT_SOURCE_DIR}/packaging/generate_docs.sh
  COMMENT "Generating man pages and bash completion from the help text")
add_custom_target(fichier_docs ALL
  DEPENDS ${FICHIER_DOCS_DIR}/man1/fclone.1.gz ${FICHIER_DOCS_DIR}/completion/fclone)
install(DIRECTORY ${FICHIER_DOCS_DIR}/man1 DESTINATION ${CMAKE_INSTALL_MANDIR} COMPONENT runtime)
install(FILES ${FICHIER_DOCS_DIR}/completion/fclone
  DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions COMPONENT runtime)
