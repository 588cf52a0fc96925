# The Debian package (make package): CPack's DEB generator over the install
# rules below. CPack rather than debian/ + dpkg-buildpackage: the build is
# already CMake's, so the package reuses its targets and install rules and
# needs no second build description; lintian checks the result
# (tests/package_test.sh).
include(GNUInstallDirs)

install(TARGETS storyline RUNTIME DESTINATION bin)
install(FILES ${CMAKE_SOURCE_DIR}/packaging/storyline.service
        DESTINATION /lib/systemd/system)
install(FILES ${CMAKE_SOURCE_DIR}/packaging/storyline.toml
        DESTINATION /etc/storyline)
install(FILES ${CMAKE_SOURCE_DIR}/samples/starter-feeds.opml
        DESTINATION share/storyline)
install(FILES ${CMAKE_SOURCE_DIR}/README.md
              ${CMAKE_SOURCE_DIR}/docs/operations.md
              ${CMAKE_SOURCE_DIR}/docs/configuration.md
              ${CMAKE_SOURCE_DIR}/docs/api.md
              ${CMAKE_SOURCE_DIR}/packaging/copyright
        DESTINATION share/doc/storyline)

# The manual page, generated from --help and --version, and the
# changelog (of a native package), both compressed without timestamps (reproducible).
find_program(HELP2MAN help2man)
find_program(GZIP gzip)
if(HELP2MAN AND GZIP)
  add_custom_command(
    OUTPUT ${CMAKE_BINARY_DIR}/storyline.1.gz
    COMMAND ${HELP2MAN} --no-info --section=1
            "--name=living story pages from a stream of news articles"
            --output=${CMAKE_BINARY_DIR}/storyline.1 $<TARGET_FILE:storyline>
    COMMAND ${GZIP} -9nf ${CMAKE_BINARY_DIR}/storyline.1
    DEPENDS storyline
    COMMENT "manual page from storyline --help"
    VERBATIM)
  add_custom_command(
    OUTPUT ${CMAKE_BINARY_DIR}/changelog.gz
    COMMAND sh -c "${GZIP} -9nc ${CMAKE_SOURCE_DIR}/packaging/changelog > ${CMAKE_BINARY_DIR}/changelog.gz"
    DEPENDS ${CMAKE_SOURCE_DIR}/packaging/changelog
    VERBATIM)
  add_custom_target(package_files ALL
    DEPENDS ${CMAKE_BINARY_DIR}/storyline.1.gz
            ${CMAKE_BINARY_DIR}/changelog.gz)
  install(FILES ${CMAKE_BINARY_DIR}/storyline.1.gz DESTINATION share/man/man1)
  install(FILES ${CMAKE_BINARY_DIR}/changelog.gz
          DESTINATION share/doc/storyline)
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME storyline)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES TRUE)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "news story engine: living story pages from news feeds")
# The synopsis is CPACK_PACKAGE_DESCRIPTION_SUMMARY; CPack indents these
# lines and turns the empty one into " .".
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "storyline crawls RSS, Atom and JSON feeds, extracts the articles, groups
them into stories (one happening, in any language) and keeps a page per
story up to date: a summary whose every sentence cites its sources, a
dated timeline with verbatim quotes, and the articles behind it. It serves
the pages, a JSON API and Atom feeds over HTTP.

This package holds the storyline program, its manual page and a systemd
unit that runs 'storyline run' as the storyline system user.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "storyline developers <storyline@example.org>")
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${CMAKE_SOURCE_DIR}/packaging/postinst
    ${CMAKE_SOURCE_DIR}/packaging/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
    WORLD_READ WORLD_EXECUTE)
include(CPack)
